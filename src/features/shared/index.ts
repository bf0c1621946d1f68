export { Problem } from './Problem';
export { ProgressBar } from './ProgressBar';
export { formatBytes, formatDuration, formatNumber } from './format';
export type { AreaId, PageProps } from './navigation';
