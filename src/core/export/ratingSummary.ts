import type { RatingRecord } from '../records/review';
import { answerValue, countedRatings } from '../review/dashboardAgreement';
import type { Rubric } from '../review/rubric';

export type Verdict = 'kept' | 'rejected' | 'undecided';
export type DialogueRatingStatus = 'unrated' | 'draft' | 'submitted' | 'discarded';

/** What the reviews of one dialogue add up to; written on every exported row. */
export interface RatingSummary {
  /** Counted ratings: submitted, with the active rubric, the latest per rater. */
  submitted: number;
  keepVotes: number;
  rejectVotes: number;
  /**
   * The majority of the keep answers. A tie (one keep, one reject) and no keep answer at all are both
   * "undecided": such a dialogue is exported neither as kept nor as rejected.
   */
  verdict: Verdict;
  /** submitted if any rating is; else discarded if any is; else draft if any is; else unrated. */
  status: DialogueRatingStatus;
  /** Per scale question id, the mean of the counted answers (questions nobody answered are left out). */
  means: Record<string, number>;
}

function statusOf(ratings: readonly RatingRecord[]): DialogueRatingStatus {
  if (ratings.some((rating) => rating.status === 'submitted')) return 'submitted';
  if (ratings.some((rating) => rating.status === 'discarded')) return 'discarded';
  return ratings.length > 0 ? 'draft' : 'unrated';
}

/** The summary of one dialogue's ratings (ratings of other dialogues must not be passed). */
export function ratingSummaryOf(ratings: readonly RatingRecord[], rubric: Rubric): RatingSummary {
  const counted = countedRatings(ratings, rubric);
  const keepQuestion = rubric.questions.find((question) => question.id === rubric.keepQuestionId);
  let keepVotes = 0;
  let rejectVotes = 0;
  if (keepQuestion?.kind === 'choice') {
    for (const rating of counted) {
      const answer = answerValue(keepQuestion, rating.answers[keepQuestion.id]);
      // The keep question's first option means keep; any other option is a vote against.
      if (answer === keepQuestion.options[0]) keepVotes++;
      else if (answer !== null) rejectVotes++;
    }
  }
  const means: Record<string, number> = {};
  for (const question of rubric.questions) {
    if (question.kind !== 'scale') continue;
    const values = counted.map((rating) => answerValue(question, rating.answers[question.id])).filter((value): value is number => typeof value === 'number');
    if (values.length > 0) means[question.id] = values.reduce((sum, value) => sum + value, 0) / values.length;
  }
  return {
    submitted: counted.length,
    keepVotes,
    rejectVotes,
    verdict: keepVotes > rejectVotes ? 'kept' : rejectVotes > keepVotes ? 'rejected' : 'undecided',
    status: statusOf(ratings),
    means,
  };
}
