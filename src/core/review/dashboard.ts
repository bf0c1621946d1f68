import type { RatingRecord } from '../records/review';
import { agreementOverDialogues, answerValue, countedRatings, ratingsByDialogue, type QuestionAgreement } from './dashboardAgreement';
import { meanInterval, wilsonInterval, type ShareInterval } from './dashboardIntervals';
import type { Rubric } from './rubric';

/** One dialogue as the dashboard needs it: its facets, its filter outcome and two faithfulness signals. */
export interface DashboardDialogue {
  dialogueId: string;
  style: string;
  templateVersionId: string;
  modelKey: string;
  filterPass: boolean;
  lengthRatio: number;
  newNumberRate: number;
}

export const DASHBOARD_GROUP_KEYS = ['style', 'templateVersionId', 'modelKey'] as const;
export type DashboardGroupKey = (typeof DASHBOARD_GROUP_KEYS)[number];

export interface QuestionMean {
  questionId: string;
  title: string;
  /** Mean over dialogues, each the mean of its raters' answers; null without answers. */
  mean: number | null;
  /** 95% t interval, kept within the scale's range; null with fewer than two dialogues. */
  low: number | null;
  high: number | null;
  /** Dialogues with an answer. */
  n: number;
  /** Answers behind the mean. */
  ratings: number;
}

export interface DashboardGroup {
  /** The group's value of the chosen key (a style id, a template version id or a model key). */
  key: string;
  dialogues: number;
  /** Dialogues with at least one counted rating. */
  ratedDialogues: number;
  /** Counted ratings: submitted, this rubric, the latest per rater and dialogue. */
  ratings: number;
  filterPassRate: number;
  /** Per scale question, in rubric order. */
  means: QuestionMean[];
  /** Share of ratings whose keep answer is the keep question's first option, with a 95% Wilson interval. */
  keepRate: ShareInterval | null;
  /** Krippendorff's α per scale and choice question within the group. */
  agreement: QuestionAgreement[];
  meanLengthRatio: number;
  meanNewNumberRate: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Review statistics per group of dialogues (by style, template version or model). A mean per scale question takes
 * each dialogue once — the mean of its raters' answers — so a dialogue three people rated does not weigh three
 * times and the interval reflects how many dialogues were sampled. The keep rate counts ratings. Ratings of
 * dialogues not in `dialogues` are left out. Groups come sorted by key.
 */
export function dashboardGroups(dialogues: readonly DashboardDialogue[], ratings: readonly RatingRecord[], rubric: Rubric, groupBy: DashboardGroupKey): DashboardGroup[] {
  const groups = new Map<string, DashboardDialogue[]>();
  for (const dialogue of dialogues) {
    const members = groups.get(dialogue[groupBy]);
    if (members) members.push(dialogue);
    else groups.set(dialogue[groupBy], [dialogue]);
  }
  const ratingsOf = ratingsByDialogue(countedRatings(ratings, rubric));
  const keepQuestion = rubric.questions.find((question) => question.id === rubric.keepQuestionId);

  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]) => {
      const ratingsPerDialogue = members.map((dialogue) => ratingsOf.get(dialogue.dialogueId) ?? []);
      const groupRatings = ratingsPerDialogue.flat();
      const means = rubric.questions.flatMap((question): QuestionMean[] => {
        if (question.kind !== 'scale') return [];
        const perDialogue = ratingsPerDialogue
          .map((dialogueRatings) => dialogueRatings.map((rating) => answerValue(question, rating.answers[question.id])).filter((value) => value !== null) as number[])
          .filter((answers) => answers.length > 0);
        const interval = meanInterval(perDialogue.map(mean)) ?? { mean: null, low: null, high: null, n: 0 };
        // A t interval on few dialogues can reach past the scale; no mean can, so the interval stops at its ends.
        const clamp = (x: number | null) => (x === null ? null : Math.min(question.max, Math.max(question.min, x)));
        return [{ questionId: question.id, title: question.title, ...interval, low: clamp(interval.low), high: clamp(interval.high), ratings: perDialogue.flat().length }];
      });
      let keepRate: ShareInterval | null = null;
      if (keepQuestion?.kind === 'choice') {
        const answers = groupRatings.map((rating) => answerValue(keepQuestion, rating.answers[keepQuestion.id])).filter((value) => value !== null);
        keepRate = wilsonInterval(answers.filter((answer) => answer === keepQuestion.options[0]).length, answers.length);
      }
      return {
        key,
        dialogues: members.length,
        ratedDialogues: ratingsPerDialogue.filter((dialogueRatings) => dialogueRatings.length > 0).length,
        ratings: groupRatings.length,
        filterPassRate: members.filter((dialogue) => dialogue.filterPass).length / members.length,
        means,
        keepRate,
        agreement: agreementOverDialogues(ratingsPerDialogue, rubric),
        meanLengthRatio: mean(members.map((dialogue) => dialogue.lengthRatio)),
        meanNewNumberRate: mean(members.map((dialogue) => dialogue.newNumberRate)),
      };
    });
}
