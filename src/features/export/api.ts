import { getDatabase } from '../../db/database';
import { databaseExportSource, loadExportFacets, type ExportFacets } from '../../db/exportSource';
import { activeRubric } from '../../db/rubrics';
import { readSetting } from '../../db/settings';
import { writeExport, type ExportOptions, type ExportProgress, type FileTree } from '../../core/export';
import { DEFAULT_FILTER_THRESHOLDS, filterThresholdsSchema, type FilterThresholds } from '../../core/review/filters';
import type { Rubric } from '../../core/review/rubric';

export type { ExportFacets } from '../../db/exportSource';

/** Where the review desk keeps the thresholds its filter outcomes were computed with. */
const THRESHOLDS_KEY = 'review.filterThresholds';

export interface ExportData {
  loaded: ExportFacets;
  rubric: Rubric;
  thresholds: FilterThresholds | null;
}

/** The export area's I/O. */
export const exportApi = {
  async load(): Promise<ExportData> {
    const db = getDatabase();
    const rubric = await activeRubric(db);
    const [loaded, thresholds] = await Promise.all([loadExportFacets(db, rubric), readSetting(db, THRESHOLDS_KEY, filterThresholdsSchema)]);
    // The review desk runs the filters with the defaults until thresholds are saved.
    return { loaded, rubric, thresholds: thresholds.value ?? DEFAULT_FILTER_THRESHOLDS };
  },

  write(data: ExportData, options: ExportOptions, tree: FileTree, control: { signal: AbortSignal; onProgress: (progress: ExportProgress) => void }) {
    return writeExport(databaseExportSource(getDatabase(), data.loaded, data.rubric, data.thresholds), options, tree, control);
  },
};
