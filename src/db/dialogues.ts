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

/** A deleted dialogue with everything said about it, so the deletion can be undone whole. */
export interface DeletedDialogue {
  dialogue: unknown;
  ratings: unknown[];
  edit: unknown;
  analysis: unknown;
  preferences: unknown[];
}

/** A dialogue goes with everything said about it: ratings, edits, its analysis and the pairwise choices it is in. */
export async function deleteDialogue(db: MindLabDatabase, id: string): Promise<DeletedDialogue | null> {
  return db.transaction('rw', [db.dialogues, db.ratings, db.dialogueEdits, db.dialogueAnalysis, db.preferences], async () => {
    const dialogue = await db.dialogues.get(id);
    if (!dialogue) return null;
    const preferences = db.preferences.where('first').equals(id).or('second').equals(id);
    const deleted: DeletedDialogue = {
      dialogue,
      ratings: await db.ratings.where('dialogueId').equals(id).toArray(),
      edit: (await db.dialogueEdits.get(id)) ?? null,
      analysis: (await db.dialogueAnalysis.get(id)) ?? null,
      preferences: await preferences.toArray(),
    };
    await db.dialogues.delete(id);
    await db.ratings.where('dialogueId').equals(id).delete();
    await db.dialogueEdits.delete(id);
    await db.dialogueAnalysis.delete(id);
    await preferences.delete();
    return deleted;
  });
}

/** Puts back what deleteDialogue took, rows exactly as they were stored. */
export async function restoreDialogue(db: MindLabDatabase, deleted: DeletedDialogue): Promise<void> {
  await db.transaction('rw', [db.dialogues, db.ratings, db.dialogueEdits, db.dialogueAnalysis, db.preferences], async () => {
    await db.dialogues.put(deleted.dialogue as never);
    await db.ratings.bulkPut(deleted.ratings as never[]);
    if (deleted.edit) await db.dialogueEdits.put(deleted.edit as never);
    if (deleted.analysis) await db.dialogueAnalysis.put(deleted.analysis as never);
    await db.preferences.bulkPut(deleted.preferences as never[]);
  });
}

export const countDialogues = (db: MindLabDatabase): Promise<number> => db.dialogues.count();
