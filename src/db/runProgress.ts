import { dialogueRecordSchema, type DialogueRecord } from '../core/records/dialogue';
import type { ExcerptInput } from '../core/generation/plan';
import type { MindLabDatabase } from './database';
import { getDocuments } from './corpusDocuments';
import { getExcerpts } from './corpusExcerpts';
import { listWorkingSets } from './corpusWorkingSets';
import { validRows, type StoredRecordProblem } from './validRows';

/** The dialogues a run has stored so far (one per done item), for its summary. */
export async function listRunDialogues(db: MindLabDatabase, runId: string): Promise<{ dialogues: DialogueRecord[]; problems: StoredRecordProblem[] }> {
  const { records, problems } = validRows(dialogueRecordSchema, await db.dialogues.where('runId').equals(runId).toArray());
  return { dialogues: records, problems };
}

export interface WorkingSetExcerpts {
  /** The set's excerpts in its order, each with its page's url (kept with everything derived from it). */
  excerpts: ExcerptInput[];
  /** Ids in the set whose excerpt no longer exists. */
  missingIds: number[];
}

/** A working set as a run's excerpts; an unknown set has none. */
export async function workingSetExcerpts(db: MindLabDatabase, workingSetId: string): Promise<WorkingSetExcerpts> {
  const set = (await listWorkingSets(db)).find((w) => w.id === workingSetId);
  if (!set) return { excerpts: [], missingIds: [] };
  const rows = await getExcerpts(db, set.excerptIds);
  // All documents at once: a document is read with its block, so one by one would read a block per excerpt.
  const documentIds = [...new Set(rows.flatMap((row) => (row ? [row.documentId] : [])))];
  const documents = await getDocuments(db, documentIds);
  const urls = new Map(documentIds.map((id, i) => [id, documents[i]?.url ?? null]));
  const excerpts: ExcerptInput[] = [];
  const missingIds: number[] = [];
  rows.forEach((row, i) => {
    if (row) excerpts.push({ excerptId: String(set.excerptIds[i]), text: row.text, url: urls.get(row.documentId) ?? null });
    else missingIds.push(set.excerptIds[i]!);
  });
  return { excerpts, missingIds };
}
