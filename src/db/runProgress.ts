import { dialogueRecordSchema, type DialogueRecord } from '../core/records/dialogue';
import type { MindLabDatabase } from './database';
import { validRows, type StoredRecordProblem } from './validRows';

/** The dialogues a run has stored so far (one per done item), for its summary. */
export async function listRunDialogues(db: MindLabDatabase, runId: string): Promise<{ dialogues: DialogueRecord[]; problems: StoredRecordProblem[] }> {
  const { records, problems } = validRows(dialogueRecordSchema, await db.dialogues.where('runId').equals(runId).toArray());
  return { dialogues: records, problems };
}
