export { GeneratePage } from './GeneratePage';
export { useGenerateStore } from './generateStore';
