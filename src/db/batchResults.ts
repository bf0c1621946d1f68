import { dialogueRecordSchema, type DialogueRecord } from '../core/records/dialogue';
import type { MindLabDatabase } from './database';

export interface BatchDialoguesImported {
  added: number;
  /** Dialogues already here under the same id (the same custom_id imported before, or made by the lab itself). */
  alreadyHere: number;
}

/**
 * Stores the dialogues of a batch import in one transaction: all of them or, when one fails validation or the write
 * fails, none. The review desk's analysis worker then runs the filters on them (it fills in every dialogue that
 * has no analysis for the current thresholds).
 */
export async function importBatchDialogues(db: MindLabDatabase, dialogues: readonly DialogueRecord[]): Promise<BatchDialoguesImported> {
  const valid = dialogues.map((dialogue) => dialogueRecordSchema.parse(dialogue));
  return db.transaction('rw', db.dialogues, async () => {
    const existing = await db.dialogues.bulkGet(valid.map((d) => d.id));
    const fresh = valid.filter((_, index) => existing[index] === undefined);
    await db.dialogues.bulkAdd(fresh);
    return { added: fresh.length, alreadyHere: valid.length - fresh.length };
  });
}
