import { dialogueRecordSchema, type DialogueRecord } from '../core/records/dialogue';
import type { MindLabDatabase } from './database';

export interface StoredRecordProblem {
  id: string;
  message: string;
}

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
  const dialogues: DialogueRecord[] = [];
  const problems: StoredRecordProblem[] = [];
  for (const row of rows) {
    const parsed = dialogueRecordSchema.safeParse(row);
    if (parsed.success) dialogues.push(parsed.data);
    else problems.push({ id: String((row as { id?: unknown }).id), message: parsed.error.issues[0]?.message ?? 'invalid record' });
  }
  return { dialogues, problems };
}

export async function deleteDialogue(db: MindLabDatabase, id: string): Promise<void> {
  await db.dialogues.delete(id);
}
