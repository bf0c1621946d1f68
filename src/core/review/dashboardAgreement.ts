import { krippendorffAlpha } from '../agreement/krippendorff';
import type { MeasurementLevel, RatingValue } from '../agreement/values';
import type { RatingRecord } from '../records/review';
import type { Answer, ChoiceQuestion, Rubric, RubricQuestion, ScaleQuestion } from './rubric';

/** The questions agreement and means are computed for: scales (numbers) and choices (labels). */
export type RatedQuestion = ScaleQuestion | ChoiceQuestion;

export const isRatedQuestion = (question: RubricQuestion): question is RatedQuestion => question.kind === 'scale' || question.kind === 'choice';

/** How agreement treats a question's answers: a scale at its own level, a choice as nominal labels. */
export const levelOf = (question: RatedQuestion): MeasurementLevel => (question.kind === 'scale' ? question.level : 'nominal');

/**
 * The ratings that count: submitted (drafts and discarded ones do not), made with this rubric (another rubric's
 * questions mean other things), and one per rater and dialogue — the latest — so a re-submission replaces the
 * earlier answer rather than pairing with it.
 */
export function countedRatings(ratings: readonly RatingRecord[], rubric: Rubric): RatingRecord[] {
  const latest = new Map<string, RatingRecord>();
  for (const rating of ratings) {
    if (rating.status !== 'submitted' || rating.rubricId !== rubric.id) continue;
    const key = `${rating.dialogueId}\u0000${rating.rater}`;
    const kept = latest.get(key);
    if (!kept || rating.updatedAt > kept.updatedAt) latest.set(key, rating);
  }
  return [...latest.values()];
}

/** Ratings per dialogue id. */
export function ratingsByDialogue(ratings: readonly RatingRecord[]): Map<string, RatingRecord[]> {
  const byDialogue = new Map<string, RatingRecord[]>();
  for (const rating of ratings) {
    const list = byDialogue.get(rating.dialogueId);
    if (list) list.push(rating);
    else byDialogue.set(rating.dialogueId, [rating]);
  }
  return byDialogue;
}

/** The answer as a value of the question (a scale's whole number in range, one of a choice's options), else null. */
export function answerValue(question: RatedQuestion, answer: Answer | undefined): RatingValue | null {
  if (question.kind === 'scale') return typeof answer === 'number' && Number.isInteger(answer) && answer >= question.min && answer <= question.max ? answer : null;
  return typeof answer === 'string' && question.options.includes(answer) ? answer : null;
}

export interface QuestionAgreement {
  questionId: string;
  title: string;
  level: MeasurementLevel;
  /** Krippendorff's α over dialogues as units and raters' answers as values; null when undefined (see reason). */
  alpha: number | null;
  reason: string | null;
  /** Dialogues with answers from two or more raters: what α rests on. */
  units: number;
  /** Answers in those dialogues. */
  pairs: number;
}

/** Krippendorff's α per scale and choice question, over every dialogue the counted ratings cover. */
export function agreementByQuestion(ratings: readonly RatingRecord[], rubric: Rubric): QuestionAgreement[] {
  return agreementOverDialogues([...ratingsByDialogue(countedRatings(ratings, rubric)).values()], rubric);
}

/** Krippendorff's α per scale and choice question with dialogues as units: one list of counted ratings each. */
export function agreementOverDialogues(dialogues: readonly (readonly RatingRecord[])[], rubric: Rubric): QuestionAgreement[] {
  return rubric.questions.filter(isRatedQuestion).map((question) => {
    const units = dialogues.map((dialogueRatings) => dialogueRatings.map((rating) => answerValue(question, rating.answers[question.id])));
    const level = levelOf(question);
    const result = krippendorffAlpha(units, level);
    return { questionId: question.id, title: question.title, level, alpha: result.alpha, reason: result.reason, units: result.units, pairs: result.pairs };
  });
}
