import type { FilterThresholds } from '../../../core/review/filters';

export type AnalysisRequest = { type: 'analyze-missing'; thresholds: FilterThresholds };
export interface AnalysisReply {
  analyzed: number;
  /** Dialogues that could not be read back (reported, not analysed). */
  unreadable: { id: string; message: string }[];
  dialoguesPerSecond: number;
}
export interface AnalysisProgress {
  done: number;
  total: number;
}
