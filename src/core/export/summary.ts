import type { RatingRecord } from '../records/review';
import { agreementOverDialogues, countedRatings, type QuestionAgreement } from '../review/dashboardAgreement';
import { wilsonInterval, type ShareInterval } from '../review/dashboardIntervals';
import type { Rubric } from '../review/rubric';
import { isItemEdited, type ExportItem } from './exportItem';
import { ratingSummaryOf } from './ratingSummary';

export interface KeepRate {
  key: string;
  dialogues: number;
  /** Share of keep answers among the keep question's answers (the dashboard's keep rate), with a Wilson interval. */
  keepRate: ShareInterval | null;
}

export interface ExportSummary {
  dialogues: number;
  byStyle: KeepRate[];
  byModel: KeepRate[];
  verdicts: { kept: number; rejected: number; undecided: number };
  edited: number;
  filters: { pass: number; fail: number; notRun: number };
  /** Krippendorff's α per scale and choice question over the exported dialogues' counted ratings. */
  agreement: QuestionAgreement[];
  rubricName: string;
}

interface Tally {
  dialogues: number;
  keepVotes: number;
  votes: number;
}

const addTo = (tallies: Map<string, Tally>, key: string, keepVotes: number, votes: number) => {
  const tally = tallies.get(key) ?? { dialogues: 0, keepVotes: 0, votes: 0 };
  tally.dialogues++;
  tally.keepVotes += keepVotes;
  tally.votes += votes;
  tallies.set(key, tally);
};

const keepRates = (tallies: Map<string, Tally>): KeepRate[] =>
  [...tallies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, tally]) => ({ key, dialogues: tally.dialogues, keepRate: wilsonInterval(tally.keepVotes, tally.votes) }));

/**
 * The dataset card's figures, gathered one dialogue at a time: counts and keep votes are tallies, and only the
 * counted ratings of rated dialogues are kept (for agreement), so memory grows with reviews, not with dialogues.
 */
export class SummaryTally {
  private dialogues = 0;
  private readonly byStyle = new Map<string, Tally>();
  private readonly byModel = new Map<string, Tally>();
  private readonly verdicts = { kept: 0, rejected: 0, undecided: 0 };
  private edited = 0;
  private readonly filters = { pass: 0, fail: 0, notRun: 0 };
  private readonly rated: RatingRecord[][] = [];

  constructor(private readonly rubric: Rubric) {}

  add(item: ExportItem): void {
    const summary = ratingSummaryOf(item.ratings, this.rubric);
    const votes = summary.keepVotes + summary.rejectVotes;
    this.dialogues++;
    addTo(this.byStyle, item.dialogue.style, summary.keepVotes, votes);
    addTo(this.byModel, item.dialogue.modelKey, summary.keepVotes, votes);
    this.verdicts[summary.verdict]++;
    if (isItemEdited(item)) this.edited++;
    if (!item.analysis) this.filters.notRun++;
    else if (item.analysis.filters.pass) this.filters.pass++;
    else this.filters.fail++;
    const counted = countedRatings(item.ratings, this.rubric);
    if (counted.length > 0) this.rated.push(counted);
  }

  result(): ExportSummary {
    return {
      dialogues: this.dialogues,
      byStyle: keepRates(this.byStyle),
      byModel: keepRates(this.byModel),
      verdicts: { ...this.verdicts },
      edited: this.edited,
      filters: { ...this.filters },
      agreement: agreementOverDialogues(this.rated, this.rubric),
      rubricName: this.rubric.name,
    };
  }
}
