import { create } from 'zustand';
import { z } from 'zod';
import type { DialogueAnalysisRecord, PreferenceRecord, RatingRecord, RatingStatus } from '../../core/records/review';
import { buildQueue, indexRatings, SORT_KEYS, type QueueEntry, type QueueFilter, type RatingIndex, type SortKey } from '../../core/review/queue';
import { answerProblems, DEFAULT_RUBRIC, missingRequired, type Answers, type Rubric } from '../../core/review/rubric';
import { DEFAULT_FILTER_THRESHOLDS, type FilterThresholds } from '../../core/review/filters';
import type { DialogueEditRecord } from '../../core/records/review';
import { persistState } from '../shared/persistState';
import { effectiveRater, readRaterName, rememberRaterName } from '../shared/raterName';
import { reviewApi, type DeletedDialogue, type PairChoice } from './api';

export type ReviewView = 'queue' | 'pairwise' | 'dashboard' | 'team';

export interface ReviewNotice {
  message: string;
  hint: string;
}

interface ReviewState {
  view: ReviewView;
  rater: string;
  blind: boolean;
  overlapTarget: number;
  rubric: Rubric;
  thresholds: FilterThresholds;
  loaded: boolean;
  analysing: { done: number; total: number } | null;
  analyses: DialogueAnalysisRecord[];
  ratings: RatingIndex;
  preferences: PreferenceRecord[];
  filter: QueueFilter;
  sort: SortKey;
  queue: QueueEntry[];
  focusIndex: number;
  notice: ReviewNotice | null;
  /** The last deletion, until it is undone or another replaces it. */
  deleted: { bundle: DeletedDialogue; label: string } | null;

  setView(view: ReviewView): void;
  load(): Promise<void>;
  setFilter(patch: Partial<QueueFilter>): void;
  setSort(sort: SortKey): void;
  focus(index: number): void;
  move(step: 1 | -1): void;
  /** Refuses answers that do not fit (false, with a notice); otherwise shows the rating, moves on, and saves it. */
  rate(dialogueId: string, status: RatingStatus, answers: Answers): boolean;
  saveEdit(edit: DialogueEditRecord): Promise<void>;
  deleteDialogue(dialogueId: string, label: string): Promise<void>;
  undoDelete(): Promise<void>;
  choosePair(input: { excerptKey: string; left: string; right: string; choice: PairChoice }): Promise<void>;
  setRater(rater: string): void;
  setBlind(blind: boolean): void;
  setOverlapTarget(target: number): void;
  saveRubric(rubric: Rubric): Promise<boolean>;
  saveThresholds(thresholds: FilterThresholds): Promise<void>;
  setNotice(notice: ReviewNotice | null): void;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

function rebuild(state: Pick<ReviewState, 'analyses' | 'ratings' | 'rater' | 'filter' | 'sort' | 'overlapTarget'>): QueueEntry[] {
  return buildQueue(state.analyses, state.ratings, { rater: effectiveRater(state.rater), filter: state.filter, sort: state.sort, overlapTarget: state.overlapTarget });
}

function withRating(index: RatingIndex, rating: RatingRecord): RatingIndex {
  const byDialogue = new Map(index.byDialogue);
  byDialogue.set(rating.dialogueId, [...(byDialogue.get(rating.dialogueId) ?? []).filter((r) => r.rater !== rating.rater), rating]);
  return { byDialogue };
}

export const useReviewStore = create<ReviewState>((set, get) => ({
  view: 'queue',
  rater: readRaterName(),
  blind: false,
  overlapTarget: 1,
  rubric: DEFAULT_RUBRIC,
  thresholds: DEFAULT_FILTER_THRESHOLDS,
  loaded: false,
  analysing: null,
  analyses: [],
  ratings: { byDialogue: new Map() },
  preferences: [],
  filter: {},
  sort: 'newest',
  queue: [],
  focusIndex: 0,
  notice: null,
  deleted: null,

  setView: (view) => set({ view }),

  async load() {
    try {
      const [rubric, thresholds] = await Promise.all([reviewApi.activeRubric(), reviewApi.thresholds()]);
      set({ rubric, thresholds, analysing: { done: 0, total: 0 } });
      const outcome = await reviewApi.analyzeMissing(thresholds, (progress) => set({ analysing: progress }));
      const [ratings, preferences] = await Promise.all([reviewApi.allRatings(), reviewApi.listPreferences()]);
      const focusedId = get().queue[get().focusIndex]?.dialogueId;
      const next = { analyses: outcome.analyses, ratings: indexRatings(ratings), preferences };
      const queue = rebuild({ ...get(), ...next });
      const kept = focusedId ? queue.findIndex((e) => e.dialogueId === focusedId) : -1;
      const unreadable = outcome.unreadable.length;
      set({
        ...next,
        queue,
        focusIndex: kept >= 0 ? kept : 0,
        loaded: true,
        analysing: null,
        notice: unreadable ? { message: `${unreadable} stored dialogue${unreadable === 1 ? ' is' : 's are'} unreadable and left out of the queue.`, hint: outcome.unreadable[0]?.message ?? '' } : get().notice,
      });
    } catch (error) {
      set({ loaded: true, analysing: null, notice: { message: `The review queue could not be read: ${describe(error)}`, hint: 'Reload the page; if it persists, export a backup and report the message.' } });
    }
  },

  setFilter(patch) {
    const filter = { ...get().filter, ...patch };
    set({ filter, queue: rebuild({ ...get(), filter }), focusIndex: 0 });
  },
  setSort(sort) {
    if (!(sort in SORT_KEYS)) return;
    set({ sort, queue: rebuild({ ...get(), sort }), focusIndex: 0 });
  },
  focus(index) {
    const { queue } = get();
    if (!queue.length) return;
    set({ focusIndex: Math.max(0, Math.min(queue.length - 1, index)) });
  },
  move(step) {
    get().focus(get().focusIndex + step);
  },

  rate(dialogueId, status, answers) {
    const { rubric } = get();
    const rater = effectiveRater(get().rater);
    const problems = answerProblems(rubric, answers);
    if (status === 'submitted') problems.push(...missingRequired(rubric, answers).map((title) => `${title} needs an answer before submitting.`));
    if (problems.length) {
      set({ notice: { message: `Not saved: ${problems.join(' ')}`, hint: status === 'submitted' ? 'Answer the required questions, or save a draft (Ctrl+S).' : 'Check the answers and try again.' } });
      return false;
    }
    // Shown and moved on at once, saved behind: a reviewer typing ahead never types into the dialogue just rated.
    const now = Date.now();
    const mine = get().ratings.byDialogue.get(dialogueId)?.find((r) => r.rater === rater);
    const shown: RatingRecord = { id: mine?.id ?? `pending:${dialogueId}`, dialogueId, rater, rubricId: rubric.id, status, answers, createdAt: mine?.createdAt ?? now, updatedAt: now };
    const place = (rating: RatingRecord) => {
      const ratings = withRating(get().ratings, rating);
      const given = ratings.byDialogue.get(dialogueId) ?? [];
      // The queue keeps its order while the reviewer works through it; only the rated entry's status changes.
      const queue = get().queue.map((entry) =>
        entry.dialogueId === dialogueId ? { ...entry, state: rating.status, submitted: given.filter((r) => r.status === 'submitted').length } : entry,
      );
      set({ ratings, queue });
    };
    place(shown);
    set({ notice: null });
    if (status !== 'draft') get().move(1);
    reviewApi.saveRating({ dialogueId, rater, rubric, status, answers }).then(place, (error: unknown) => {
      place(mine ?? { ...shown, status: 'draft', answers: {} });
      set({ notice: { message: `Your rating of a dialogue was not saved: ${describe(error)}`, hint: 'Go back to it (K) and rate it again.' } });
    });
    return true;
  },

  async saveEdit(edit) {
    try {
      const analysis = await reviewApi.saveEdit(edit, get().thresholds);
      if (!analysis) return;
      const analyses = get().analyses.map((a) => (a.dialogueId === analysis.dialogueId ? analysis : a));
      const queue = get().queue.map((entry) => (entry.dialogueId === analysis.dialogueId ? { ...entry, analysis } : entry));
      set({ analyses, queue });
    } catch (error) {
      set({ notice: { message: `The edit was not saved: ${describe(error)}`, hint: 'Your change is still in the editor; try again.' } });
    }
  },

  async deleteDialogue(dialogueId, label) {
    const bundle = await reviewApi.deleteDialogue(dialogueId);
    if (!bundle) return;
    const analyses = get().analyses.filter((a) => a.dialogueId !== dialogueId);
    const queue = get().queue.filter((e) => e.dialogueId !== dialogueId);
    set({ analyses, queue, deleted: { bundle, label }, focusIndex: Math.min(get().focusIndex, Math.max(0, queue.length - 1)) });
  },
  async undoDelete() {
    const deleted = get().deleted;
    if (!deleted) return;
    await reviewApi.restoreDialogue(deleted.bundle);
    set({ deleted: null });
    await get().load();
  },

  async choosePair(input) {
    try {
      const preference = await reviewApi.savePreference({ ...input, rater: effectiveRater(get().rater) });
      set({ preferences: [...get().preferences.filter((p) => p.id !== preference.id), preference] });
    } catch (error) {
      set({ notice: { message: `The choice was not saved: ${describe(error)}`, hint: 'Try again.' } });
    }
  },

  setRater(rater) {
    rememberRaterName(rater);
    set({ rater, queue: rebuild({ ...get(), rater }) });
  },
  setBlind: (blind) => set({ blind }),
  setOverlapTarget(target) {
    if (!Number.isInteger(target) || target < 1 || target > 20) return;
    set({ overlapTarget: target, queue: rebuild({ ...get(), overlapTarget: target }) });
  },
  async saveRubric(rubric) {
    try {
      set({ rubric: await reviewApi.saveRubric(rubric), notice: null });
      return true;
    } catch (error) {
      set({ notice: { message: `The rubric was not saved: ${describe(error)}`, hint: 'Fix the rubric and save again.' } });
      return false;
    }
  },
  async saveThresholds(thresholds) {
    await reviewApi.saveThresholds(thresholds);
    set({ thresholds });
    await get().load();
  },
  setNotice: (notice) => set({ notice }),
}));

/** The review desk's settings kept across reloads: blind mode, the overlap target, the queue's filter and sort. */
export const reviewSettings = persistState(useReviewStore, {
  key: 'review.settings',
  schema: z.object({
    blind: z.boolean(),
    overlapTarget: z.number().int().min(1).max(20),
    sort: z.enum(Object.keys(SORT_KEYS) as [SortKey, ...SortKey[]]),
  }),
  pick: (state) => ({ blind: state.blind, overlapTarget: state.overlapTarget, sort: state.sort }),
  apply: (value) => value,
});
