import type { BasicChecks } from '../records/dialogue';
import type { DialogueTurn, GenerationStats } from '../types';

export interface BasicCheckOptions {
  /** MIND reimplementations drop dialogues under 50 tokens. */
  minCompletionTokens: number;
  minSpeakers: number;
}

export const DEFAULT_BASIC_CHECKS: BasicCheckOptions = { minCompletionTokens: 50, minSpeakers: 2 };

/** The checks every generation gets at once; the review desk's full MIND filters go further. */
export function basicChecks(turns: readonly DialogueTurn[], stats: GenerationStats, options: BasicCheckOptions = DEFAULT_BASIC_CHECKS): BasicChecks {
  const speakers = new Set(turns.map((t) => t.speaker.trim().toLowerCase()).filter(Boolean)).size;
  const reasons: string[] = [];
  if (stats.completionTokens < options.minCompletionTokens) {
    reasons.push(`Too short: ${stats.completionTokens} tokens (at least ${options.minCompletionTokens}).`);
  }
  if (speakers < options.minSpeakers) {
    reasons.push(`${speakers === 0 ? 'No speaker labels' : 'Only one speaker'} (at least ${options.minSpeakers} speakers).`);
  }
  return { pass: reasons.length === 0, reasons, speakers };
}
