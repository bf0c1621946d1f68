import { dialogueRecordSchema, type DialogueRecord } from '../core/records/dialogue';
import type { MindLabDatabase } from './database';
import { validRow, validRows, type StoredRecordProblem } from './validRows';

export type { StoredRecordProblem } from './validRows';

/** Dialogues are written once, whole, when a generation ends; a record that fails validation is never stored. */
export async function saveDialogue(db: MindLabDatabase, dialogue: DialogueRecord): Promise<void> {
  const valid = dialogueRecordSchema.parse(dialogue);
  await db.dialogues.add(valid);
}

/** Newest first. Records that no longer validate are reported, not silently dropped or passed on. */
export async function listDialogues(
  db: MindLabDatabase,
  limit = 200,
): Promise<{ dialogues: DialogueRecord[]; problems: StoredRecordProblem[] }> {
  const rows = await db.dialogues.orderBy('createdAt').reverse().limit(limit).toArray();
  const { records, problems } = validRows(dialogueRecordSchema, rows);
  return { dialogues: records, problems };
}

export async function getDialogue(db: MindLabDatabase, id: string): Promise<DialogueRecord | null> {
  const row = await db.dialogues.get(id);
  return row ? validRow(dialogueRecordSchema, row, 'dialogue') : null;
}

/** A dialogue goes with everything said about it: ratings, edits, its analysis and the pairwise choices it is in. */
export async function deleteDialogue(db: MindLabDatabase, id: string): Promise<void> {
  await db.transaction('rw', [db.dialogues, db.ratings, db.dialogueEdits, db.dialogueAnalysis, db.preferences], async () => {
    await db.dialogues.delete(id);
    await db.ratings.where('dialogueId').equals(id).delete();
    await db.dialogueEdits.delete(id);
    await db.dialogueAnalysis.delete(id);
    await db.preferences.where('first').equals(id).or('second').equals(id).delete();
  });
}
