import { getDatabase } from '../../db/database';
import { listWorkingSets } from '../../db/corpusWorkingSets';
import { countItems, createRun, dexieRunStore, getRun, listItems, listRuns, retryFailed, updateRun } from '../../db/runs';
import { listRunDialogues, workingSetExcerpts } from '../../db/runProgress';
import { getVersion, listTemplates } from '../../db/templates';
import type { RunRecord, WorkItemRecord } from '../../core/records/run';
import { LATEST, type TemplateRecord, type TemplateVersionRecord } from '../../core/templates/schema';

/** Only one tab at a time drives the engines through a run; the others watch the database. */
export const DRIVER_LOCK = 'mind-lab-run-driver';
/** Held beside the driver lock, naming the run being driven. */
const runLockName = (runId: string) => `mind-lab-run:${runId}`;

export interface TemplateChoice {
  template: TemplateRecord;
  /** The version a run uses: the template's `latest`. */
  version: TemplateVersionRecord;
}

/** The Runs area's I/O: everything it reads and writes goes through here. */
export const runsApi = {
  listRuns: () => listRuns(getDatabase()),
  getRun: (id: string) => getRun(getDatabase(), id),
  listItems: (runId: string) => listItems(getDatabase(), runId),
  countItems: (runId: string) => countItems(getDatabase(), runId),
  runDialogues: (runId: string) => listRunDialogues(getDatabase(), runId),
  createRun: (run: RunRecord, items: readonly WorkItemRecord[]) => createRun(getDatabase(), run, items),
  updateRun: (id: string, patch: Partial<Pick<RunRecord, 'status' | 'pauseReason' | 'concurrency'>>) => updateRun(getDatabase(), id, patch),
  retryFailed: (runId: string) => retryFailed(getDatabase(), runId),
  runStore: () => dexieRunStore(getDatabase()),
  version: (id: string) => getVersion(getDatabase(), id),
  listWorkingSets: () => listWorkingSets(getDatabase()),

  async templateChoices(): Promise<TemplateChoice[]> {
    const db = getDatabase();
    const { templates } = await listTemplates(db);
    const choices = await Promise.all(
      templates.map(async (template) => {
        const id = template.labels[LATEST];
        const version = id ? await getVersion(db, id) : null;
        return version ? [{ template, version }] : [];
      }),
    );
    return choices.flat();
  },

  /** "Template name v3" for each version id, for tables and charts; the id itself when the version is gone. */
  async versionNames(ids: readonly string[]): Promise<Record<string, string>> {
    const db = getDatabase();
    const { templates } = await listTemplates(db);
    const names = new Map(templates.map((t) => [t.id, t.name]));
    const entries = await Promise.all(
      ids.map(async (id) => {
        const version = await getVersion(db, id);
        return [id, version ? `${names.get(version.templateId) ?? version.templateId} v${version.number}` : id] as const;
      }),
    );
    return Object.fromEntries(entries);
  },

  workingSetExcerpts: (workingSetId: string) => workingSetExcerpts(getDatabase(), workingSetId),

  /** Whether some tab (this one included) is driving this run now. */
  async runDriven(runId: string): Promise<boolean> {
    const state = await navigator.locks.query();
    return (state.held ?? []).some((lock) => lock.name === runLockName(runId));
  },

  /**
   * Runs `drive` while holding the driver lock (one driving tab per browser) and the run's own lock (so other tabs
   * can tell which run is driven); resolves to 'unavailable' without running it when another tab drives.
   */
  async withDriverLock<T>(runId: string, drive: () => Promise<T>): Promise<T | 'unavailable'> {
    let result: T | 'unavailable' = 'unavailable';
    await navigator.locks.request(DRIVER_LOCK, { ifAvailable: true }, async (lock) => {
      if (!lock) return;
      await navigator.locks.request(runLockName(runId), async () => {
        result = await drive();
      });
    });
    return result;
  },
};
