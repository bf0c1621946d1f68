import { cohenKappa, type KappaWeights } from '../agreement/cohen';
import type { Cell } from '../agreement/values';
import type { RatingRecord } from '../records/review';
import { answerValue, countedRatings, isRatedQuestion } from './dashboardAgreement';
import type { Rubric } from './rubric';

export interface QuestionKappa {
  questionId: string;
  title: string;
  weights: KappaWeights;
  kappa: number | null;
  reason: string | null;
  /** Dialogues both raters answered this question for. */
  units: number;
}

/**
 * Cohen's κ between two raters per scale and choice question: unweighted for choices, quadratic weights over the
 * scale's full range for scales (so a 4 against a 5 counts as near agreement, and the weights match interval α).
 */
export function cohenByQuestion(ratings: readonly RatingRecord[], rubric: Rubric, raters: readonly [string, string]): QuestionKappa[] {
  const counted = countedRatings(ratings, rubric).filter((r) => r.rater === raters[0] || r.rater === raters[1]);
  const dialogueIds = [...new Set(counted.map((r) => r.dialogueId))].sort();
  const byKey = new Map(counted.map((r) => [`${r.dialogueId}\u0000${r.rater}`, r]));
  return rubric.questions.filter(isRatedQuestion).map((question) => {
    const column = (rater: string): Cell[] => dialogueIds.map((id) => answerValue(question, byKey.get(`${id}\u0000${rater}`)?.answers[question.id]));
    const weights: KappaWeights = question.kind === 'scale' ? 'quadratic' : 'none';
    const categories = question.kind === 'scale' ? Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i) : question.options;
    const result = cohenKappa(column(raters[0]), column(raters[1]), { weights, categories });
    return { questionId: question.id, title: question.title, weights, kappa: result.kappa, reason: result.reason, units: result.n };
  });
}
