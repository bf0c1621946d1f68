export { Problem } from './Problem';
export { ProgressBar } from './ProgressBar';
export { formatBytes, formatDuration, formatNumber } from './format';
export type { AreaId, LabHandoff, LabModels, PageProps } from './navigation';
export { useLiveQuery, valueOr, type LiveResult } from './useLiveQuery';
export { SamplingFields } from './SamplingFields';
export { MathText } from './MathText';
export { createFrameBatcher } from './frameBatcher';
export { FINISH_LABELS } from './finishLabels';
