import type { DialogueAnalysisRecord, RatingRecord } from '../records/review';
import type { Rubric } from '../review/rubric';
import type { ReviewStatistics } from './schema';

/**
 * What the review desk found, for a recipe's provenance. A dialogue is reviewed when it has a submitted rating; it
 * is kept when its most recent submitted answer to the rubric's keep question is the first option, rejected when
 * another option.
 */
export function reviewStatisticsOf(dialogues: number, ratings: readonly RatingRecord[], rubric: Rubric, analyses: readonly Pick<DialogueAnalysisRecord, 'filters'>[]): ReviewStatistics {
  const keepQuestion = rubric.questions.find((q) => q.id === rubric.keepQuestionId);
  const keepOption = keepQuestion?.kind === 'choice' ? keepQuestion.options[0] : undefined;
  const latest = new Map<string, RatingRecord>();
  for (const rating of ratings) {
    if (rating.status !== 'submitted') continue;
    const seen = latest.get(rating.dialogueId);
    if (!seen || seen.updatedAt < rating.updatedAt) latest.set(rating.dialogueId, rating);
  }
  let kept = 0;
  let rejected = 0;
  for (const rating of latest.values()) {
    const answer = rubric.keepQuestionId ? rating.answers[rubric.keepQuestionId] : undefined;
    if (typeof answer !== 'string' || keepOption === undefined) continue;
    if (answer === keepOption) kept += 1;
    else rejected += 1;
  }
  const passed = analyses.filter((a) => a.filters.pass).length;
  return { dialogues, reviewed: latest.size, kept, rejected, filterPassRate: analyses.length > 0 ? passed / analyses.length : null };
}
