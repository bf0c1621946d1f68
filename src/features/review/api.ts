import { getDatabase } from '../../db/database';
import { countDialogues, deleteDialogue, getDialogue, restoreDialogue, type DeletedDialogue } from '../../db/dialogues';
import { saveAnalyses } from '../../db/dialogueAnalysis';
import { getDialogueEdit, saveDialogueEdit } from '../../db/dialogueEdits';
import { listPreferences, savePreference, type PairChoice } from '../../db/preferences';
import { allRatings, saveRating } from '../../db/ratings';
import { activeRubric, saveActiveRubric } from '../../db/rubrics';
import { exportDialoguePack, exportRatingsOf, importDialoguePack, mergeRatingsFile } from '../../db/reviewExchange';
import { readSetting, writeSetting } from '../../db/settings';
import { analysisRecordFor } from '../../core/review/analysisRecord';
import { DEFAULT_FILTER_THRESHOLDS, filterThresholdsSchema, type FilterThresholds } from '../../core/review/filters';
import type { DialogueEditRecord, RatingStatus } from '../../core/records/review';
import type { Answers, Rubric } from '../../core/review/rubric';
import { createAnalysisClient } from './analysis/analysisClient';
import type { AnalysisProgress } from './analysis/protocol';

export type { DeletedDialogue } from '../../db/dialogues';
export type { PairChoice } from '../../db/preferences';
export type { MergeReport } from '../../db/reviewExchange';

const THRESHOLDS_KEY = 'review.filterThresholds';
const analysis = createAnalysisClient();

/** The review desk's I/O: everything it reads and writes goes through here. */
export const reviewApi = {
  countDialogues: () => countDialogues(getDatabase()),
  allRatings: () => allRatings(getDatabase()),
  listPreferences: () => listPreferences(getDatabase()),
  getDialogue: (id: string) => getDialogue(getDatabase(), id),
  getEdit: (id: string) => getDialogueEdit(getDatabase(), id),
  activeRubric: () => activeRubric(getDatabase()),
  saveRubric: (rubric: Rubric) => saveActiveRubric(getDatabase(), rubric),

  async thresholds(): Promise<FilterThresholds> {
    const { value } = await readSetting(getDatabase(), THRESHOLDS_KEY, filterThresholdsSchema);
    return value ?? DEFAULT_FILTER_THRESHOLDS;
  },
  saveThresholds: (thresholds: FilterThresholds) => writeSetting(getDatabase(), THRESHOLDS_KEY, filterThresholdsSchema, thresholds),

  /** Filters and signals for every dialogue that lacks them (new ones, or all after the thresholds changed), in a worker; with every analysis stored. */
  analyzeMissing: (thresholds: FilterThresholds, onProgress: (progress: AnalysisProgress) => void) => analysis.request({ type: 'analyze-missing', thresholds }, onProgress),

  saveRating: (input: { dialogueId: string; rater: string; rubric: Rubric; status: RatingStatus; answers: Answers }) => saveRating(getDatabase(), input),

  /** Saves an edit and re-runs the filters and signals on the edited text at once, so the queue shows the new outcome. */
  async saveEdit(edit: DialogueEditRecord, thresholds: FilterThresholds) {
    const db = getDatabase();
    await saveDialogueEdit(db, edit);
    const dialogue = await getDialogue(db, edit.dialogueId);
    if (!dialogue) return null;
    const record = analysisRecordFor(dialogue, edit, thresholds);
    await saveAnalyses(db, [record]);
    return record;
  },

  deleteDialogue: (id: string) => deleteDialogue(getDatabase(), id),
  restoreDialogue: (deleted: DeletedDialogue) => restoreDialogue(getDatabase(), deleted),

  savePreference: (input: { rater: string; excerptKey: string; left: string; right: string; choice: PairChoice }) => savePreference(getDatabase(), input),

  exportRatings: (rater: string, rubric: Rubric) => exportRatingsOf(getDatabase(), rater, rubric),
  mergeRatings: (fileName: string, text: string, rubric: Rubric, dryRun: boolean) => mergeRatingsFile(getDatabase(), fileName, text, rubric, { dryRun }),
  exportDialoguePack: (ids: readonly string[]) => exportDialoguePack(getDatabase(), ids),
  importDialoguePack: (fileName: string, text: string) => importDialoguePack(getDatabase(), fileName, text),
};
