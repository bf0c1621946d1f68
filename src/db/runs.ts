import type { DialogueRecord } from '../core/records/dialogue';
import { dialogueRecordSchema } from '../core/records/dialogue';
import { runRecordSchema, workItemRecordSchema, type RunRecord, type WorkItemRecord } from '../core/records/run';
import type { RunStorePort } from '../core/generation/executeRun';
import type { MindLabDatabase } from './database';
import { validRow, validRows } from './validRows';

/** A run and all its planned items, written together: a run is never half-planned. */
export async function createRun(db: MindLabDatabase, run: RunRecord, items: readonly WorkItemRecord[]): Promise<void> {
  const validRun = runRecordSchema.parse(run);
  const validItems = items.map((item) => workItemRecordSchema.parse(item));
  await db.transaction('rw', db.runs, db.workItems, async () => {
    await db.runs.add(validRun);
    await db.workItems.bulkAdd(validItems);
  });
}

export async function getRun(db: MindLabDatabase, id: string): Promise<RunRecord | null> {
  const row = await db.runs.get(id);
  return row ? validRow(runRecordSchema, row, 'run') : null;
}

export async function listRuns(db: MindLabDatabase): Promise<RunRecord[]> {
  return validRows(runRecordSchema, await db.runs.orderBy('createdAt').reverse().toArray()).records;
}

export async function updateRun(db: MindLabDatabase, id: string, patch: Partial<Pick<RunRecord, 'status' | 'pauseReason' | 'concurrency'>>, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.runs, async () => {
    const current = await getRun(db, id);
    if (!current) throw new Error(`Run ${id} does not exist.`);
    await db.runs.put(runRecordSchema.parse({ ...current, ...patch, updatedAt: now }));
  });
}

export interface RunCounts {
  pending: number;
  done: number;
  failed: number;
}

export async function countItems(db: MindLabDatabase, runId: string): Promise<RunCounts> {
  const count = (state: WorkItemRecord['state']) => db.workItems.where('[runId+state]').equals([runId, state]).count();
  const [pending, done, failed] = await Promise.all([count('pending'), count('done'), count('failed')]);
  return { pending, done, failed };
}

export async function listItems(db: MindLabDatabase, runId: string): Promise<WorkItemRecord[]> {
  const rows = await db.workItems.where('[runId+ordinal]').between([runId, 0], [runId, Infinity]).toArray();
  return validRows(workItemRecordSchema, rows).records;
}

/** Failed items go back to pending with a fresh count of tries. */
export async function retryFailed(db: MindLabDatabase, runId: string, now = Date.now()): Promise<number> {
  return db.workItems
    .where('[runId+state]')
    .equals([runId, 'failed'])
    .modify((item: WorkItemRecord) => {
      item.state = 'pending';
      item.error = null;
      item.attempts = 0;
      item.updatedAt = now;
    });
}

/** The scheduler's view of the database. */
export function dexieRunStore(db: MindLabDatabase, now: () => number = Date.now): RunStorePort {
  return {
    async pendingItems(runId) {
      const rows = await db.workItems.where('[runId+state]').equals([runId, 'pending']).toArray();
      return validRows(workItemRecordSchema, rows).records.sort((a, b) => a.ordinal - b.ordinal);
    },
    async completeItem(item: WorkItemRecord, dialogue: DialogueRecord) {
      const valid = dialogueRecordSchema.parse(dialogue);
      // The dialogue and its item's state change commit together, so a reload or crash can never store one
      // without the other, and an item already done (by another tab) is never stored twice.
      return db.transaction('rw', db.workItems, db.dialogues, async () => {
        const current = await db.workItems.get(item.id);
        if (!current || current.state === 'done') return false;
        await db.dialogues.add(valid);
        await db.workItems.put({
          ...current,
          state: 'done',
          error: null,
          attempts: current.attempts + 1,
          dialogueId: valid.id,
          completionTokens: valid.stats.completionTokens,
          totalMs: valid.stats.totalMs,
          updatedAt: now(),
        });
        return true;
      });
    },
    async failItem(item, error, attempts) {
      await db.workItems.update(item.id, { state: 'failed', error, attempts, updatedAt: now() });
    },
  };
}
