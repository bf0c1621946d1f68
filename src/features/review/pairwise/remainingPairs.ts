import type { PreferenceRecord } from '../../../core/records/review';
import type { PairToJudge } from '../../../core/review/pairs';

/**
 * The pairs of `all` (pairsToJudge with no preferences) that this rater has not judged yet. Listing every pair hashes
 * each one, over a second at 100k dialogues, so the panel lists them once and only this filter runs after a choice.
 */
export function remainingPairs(all: readonly PairToJudge[], preferences: readonly PreferenceRecord[], rater: string): PairToJudge[] {
  const judged = new Set(preferences.filter((p) => p.rater === rater).map((p) => `${p.first}|${p.second}`));
  if (!judged.size) return [...all];
  return all.filter(({ left, right }) => !judged.has(left < right ? `${left}|${right}` : `${right}|${left}`));
}
