import type { FaithfulnessSignals, FilterOutcome } from '../records/review';
import { runMindFilters, type FilterInput, type FilterThresholds } from './filters';
import { faithfulnessSignals } from './signals';

export interface AnalyzeInput extends FilterInput {
  /** The excerpt the dialogue was generated from. */
  excerpt: string;
}

export interface DialogueAnalysis {
  filters: FilterOutcome;
  signals: FaithfulnessSignals;
}

/** A dialogue's MIND filters and faithfulness signals: what the review queue, the CLI and the bench compute. */
export function analyzeDialogue({ excerpt, ...dialogue }: AnalyzeInput, thresholds: Partial<FilterThresholds> = {}): DialogueAnalysis {
  return { filters: runMindFilters(dialogue, thresholds), signals: faithfulnessSignals(excerpt, dialogue.text) };
}
