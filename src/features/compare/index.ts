export { ComparePage } from './ComparePage';
export { useCompareStore } from './compareStore';
