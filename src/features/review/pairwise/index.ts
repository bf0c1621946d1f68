export { PairwisePanel } from './PairwisePanel';
