import type { DialogueAnalysisRecord } from '../../../core/records/review';
import type { FilterThresholds } from '../../../core/review/filters';

export type AnalysisRequest = { type: 'analyze-missing'; thresholds: FilterThresholds };
export interface AnalysisReply {
  analyzed: number;
  /** Every analysis now stored, read and validated here rather than on the page's thread. */
  analyses: DialogueAnalysisRecord[];
  /** Dialogues, or stored analyses, that could not be read back (reported, not analysed or shown). */
  unreadable: { id: string; message: string }[];
  dialoguesPerSecond: number;
}
export interface AnalysisProgress {
  done: number;
  total: number;
}
