import { dialogueEditRecordSchema, type DialogueEditRecord } from '../core/records/review';
import type { MindLabDatabase } from './database';
import { validRow } from './validRows';

export async function getDialogueEdit(db: MindLabDatabase, dialogueId: string): Promise<DialogueEditRecord | null> {
  const row = await db.dialogueEdits.get(dialogueId);
  return row ? validRow(dialogueEditRecordSchema, row, 'edit') : null;
}

/** The whole history is written each time: an edit record is small, and one put keeps it consistent. */
export async function saveDialogueEdit(db: MindLabDatabase, edit: DialogueEditRecord): Promise<void> {
  await db.dialogueEdits.put(dialogueEditRecordSchema.parse(edit));
}
