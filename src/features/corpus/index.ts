export { CorpusPage } from './CorpusPage';
export { useCorpusStore } from './corpusStore';
