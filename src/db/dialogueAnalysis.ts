import { dialogueAnalysisRecordSchema, type DialogueAnalysisRecord } from '../core/records/review';
import type { MindLabDatabase } from './database';
import { validRows, type StoredRecordProblem } from './validRows';

/** Ids of dialogues with no analysis yet, or one made with other filter thresholds. */
export async function dialoguesNeedingAnalysis(db: MindLabDatabase, thresholdsHash: string): Promise<string[]> {
  const [dialogueIds, current] = await Promise.all([
    db.dialogues.toCollection().primaryKeys(),
    db.dialogueAnalysis.filter((row) => row.thresholdsHash === thresholdsHash).primaryKeys(),
  ]);
  const done = new Set(current);
  return dialogueIds.filter((id) => !done.has(id));
}

export async function saveAnalyses(db: MindLabDatabase, records: readonly DialogueAnalysisRecord[]): Promise<void> {
  const valid = records.map((r) => dialogueAnalysisRecordSchema.parse(r));
  // A dialogue deleted while it was being analysed gets no orphan analysis.
  await db.transaction('rw', db.dialogues, db.dialogueAnalysis, async () => {
    const present = await db.dialogues.bulkGet(valid.map((r) => r.dialogueId));
    await db.dialogueAnalysis.bulkPut(valid.filter((_, i) => present[i] !== undefined));
  });
}

export async function readAnalyses(db: MindLabDatabase): Promise<{ records: DialogueAnalysisRecord[]; problems: StoredRecordProblem[] }> {
  return validRows(dialogueAnalysisRecordSchema, await db.dialogueAnalysis.toArray());
}
