import type { DialogueAnalysisRecord, RatingRecord, RatingStatus } from '../records/review';

/** The signals a queue can be sorted by, each read from a dialogue's analysis. */
export const SORT_KEYS = {
  newest: { label: 'Newest first', value: (row: DialogueAnalysisRecord) => -row.createdAt },
  oldest: { label: 'Oldest first', value: (row: DialogueAnalysisRecord) => row.createdAt },
  mathCoverageAsc: { label: 'Math coverage, lowest first', value: (row: DialogueAnalysisRecord) => row.signals.mathCoverage },
  newNumberRateDesc: { label: 'New-number rate, highest first', value: (row: DialogueAnalysisRecord) => -row.signals.newNumberRate },
  introducedDesc: {
    label: 'Introduced items, most first',
    value: (row: DialogueAnalysisRecord) => -(row.signals.numbers.introduced.length + row.signals.formulas.introduced.length + row.signals.variables.introduced.length),
  },
  lengthRatioAsc: { label: 'Length ratio, lowest first', value: (row: DialogueAnalysisRecord) => row.signals.lengthRatio },
  lengthRatioDesc: { label: 'Length ratio, highest first', value: (row: DialogueAnalysisRecord) => -row.signals.lengthRatio },
} as const;
export type SortKey = keyof typeof SORT_KEYS;

/** Where a dialogue stands for one rater, and how many submitted ratings it has from everyone. */
export type RatingState = 'unrated' | RatingStatus;

export interface QueueFilter {
  runId?: string | null;
  style?: string | null;
  templateVersionId?: string | null;
  modelKey?: string | null;
  filterOutcome?: 'pass' | 'fail' | null;
  /** The viewing rater's own status of the dialogue. */
  ratingState?: RatingState | null;
  /** Only dialogues this rater rated (any status); null for all. */
  ratedBy?: string | null;
  /** Only dialogues with fewer submitted ratings than the overlap target. */
  needsRatings?: boolean;
  edited?: boolean | null;
}

export interface QueueEntry {
  dialogueId: string;
  analysis: DialogueAnalysisRecord;
  /** The viewing rater's status. */
  state: RatingState;
  /** Submitted ratings by anyone. */
  submitted: number;
}

export interface RatingIndex {
  byDialogue: Map<string, RatingRecord[]>;
}

export function indexRatings(ratings: readonly RatingRecord[]): RatingIndex {
  const byDialogue = new Map<string, RatingRecord[]>();
  for (const rating of ratings) {
    const list = byDialogue.get(rating.dialogueId);
    if (list) list.push(rating);
    else byDialogue.set(rating.dialogueId, [rating]);
  }
  return { byDialogue };
}

/**
 * The review queue: the dialogues that pass the filter, in sort order (ties by id, so the order is stable), with the
 * viewing rater's status. Pure and linear in the number of dialogues plus a sort: it is run on every filter change.
 */
export function buildQueue(
  rows: readonly DialogueAnalysisRecord[],
  ratings: RatingIndex,
  options: { rater: string; filter: QueueFilter; sort: SortKey; overlapTarget: number },
): QueueEntry[] {
  const { filter, rater } = options;
  const entries: { entry: QueueEntry; key: number }[] = [];
  const sortValue = SORT_KEYS[options.sort].value;
  for (const row of rows) {
    if (filter.runId !== undefined && filter.runId !== null && row.runId !== filter.runId) continue;
    if (filter.style && row.style !== filter.style) continue;
    if (filter.templateVersionId && row.templateVersionId !== filter.templateVersionId) continue;
    if (filter.modelKey && row.modelKey !== filter.modelKey) continue;
    if (filter.filterOutcome === 'pass' && !row.filters.pass) continue;
    if (filter.filterOutcome === 'fail' && row.filters.pass) continue;
    if (filter.edited !== undefined && filter.edited !== null && row.edited !== filter.edited) continue;
    const given = ratings.byDialogue.get(row.dialogueId) ?? [];
    const mine = given.find((r) => r.rater === rater);
    const state: RatingState = mine?.status ?? 'unrated';
    if (filter.ratingState && state !== filter.ratingState) continue;
    if (filter.ratedBy && !given.some((r) => r.rater === filter.ratedBy)) continue;
    const submitted = given.reduce((n, r) => n + (r.status === 'submitted' ? 1 : 0), 0);
    if (filter.needsRatings && submitted >= options.overlapTarget) continue;
    entries.push({ entry: { dialogueId: row.dialogueId, analysis: row, state, submitted }, key: sortValue(row) });
  }
  entries.sort((a, b) => a.key - b.key || (a.entry.dialogueId < b.entry.dialogueId ? -1 : a.entry.dialogueId > b.entry.dialogueId ? 1 : 0));
  return entries.map((e) => e.entry);
}

/** The distinct values of each facet, for the filter menus. */
export function queueFacets(rows: readonly DialogueAnalysisRecord[]) {
  const collect = (pick: (row: DialogueAnalysisRecord) => string | null) => [...new Set(rows.map(pick).filter((v): v is string => v !== null))].sort();
  return {
    runIds: collect((r) => r.runId),
    styles: collect((r) => r.style),
    templateVersionIds: collect((r) => r.templateVersionId),
    modelKeys: collect((r) => r.modelKey),
  };
}
