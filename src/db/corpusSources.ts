import Dexie from 'dexie';
import { sourceRecordSchema, type SourceRecord } from '../core/records/corpus';
import type { MindLabDatabase } from './database';
import { deleteChunkSetExcerpts } from './excerptBlocks';
import type { StoredRecordProblem } from './dialogues';

export type NewSource = Pick<SourceRecord, 'id' | 'name' | 'kind' | 'format' | 'bytes' | 'attribution'>;

/** A source is written first as 'importing', so an interrupted import can always be found and removed whole. */
export async function createImportingSource(db: MindLabDatabase, source: NewSource, now = Date.now()): Promise<SourceRecord> {
  const record = sourceRecordSchema.parse({
    ...source,
    status: 'importing',
    createdAt: now,
    completedAt: null,
    documentCount: 0,
    duplicateCount: 0,
    rejectedCount: 0,
    rejected: [],
  });
  await db.sources.add(record);
  return record;
}

export async function completeSource(db: MindLabDatabase, sourceId: string, patch: Partial<SourceRecord>, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.sources, db.chunkSets, async () => {
    const current = await db.sources.get(sourceId);
    if (!current) throw new Error(`Source ${sourceId} disappeared during its import.`);
    await db.sources.put(sourceRecordSchema.parse({ ...current, ...patch, status: 'complete', completedAt: now }));
    await db.chunkSets.where('sourceId').equals(sourceId).modify({ status: 'complete' });
  });
}

/** Removes a source with every document, chunk set and excerpt written for it. */
export async function discardSource(db: MindLabDatabase, sourceId: string): Promise<void> {
  await db.transaction('rw', [db.sources, db.documents, db.chunkSets, db.excerptBlocks], async () => {
    for (const chunkSetId of await db.chunkSets.where('sourceId').equals(sourceId).primaryKeys()) await deleteChunkSetExcerpts(db, chunkSetId);
    await db.chunkSets.where('sourceId').equals(sourceId).delete();
    await db.documents.where('[sourceId+ordinal]').between([sourceId, Dexie.minKey], [sourceId, Dexie.maxKey], true, true).delete();
    await db.sources.delete(sourceId);
  });
}

export interface DeletedSource {
  documents: number;
  excerpts: number;
  workingSetsChanged: number;
}

/**
 * Deletes a source the person no longer wants, all at once: its documents, chunk sets, excerpts, search index
 * segments, and its excerpts' places in working sets. Dialogues made from it keep their own copy of the excerpt.
 */
export async function deleteSource(db: MindLabDatabase, sourceId: string): Promise<DeletedSource> {
  return db.transaction('rw', [db.sources, db.documents, db.chunkSets, db.excerptBlocks, db.searchSegments, db.searchIndexParts, db.workingSets], async () => {
    const chunkSetIds = await db.chunkSets.where('sourceId').equals(sourceId).primaryKeys();
    const gone = new Set<number>();
    for (const chunkSetId of chunkSetIds) {
      for (const id of await deleteChunkSetExcerpts(db, chunkSetId)) gone.add(id);
      const segmentIds = await db.searchSegments.where('chunkSetId').equals(chunkSetId).primaryKeys();
      for (const segmentId of segmentIds) await db.searchIndexParts.where('[segmentId+part]').between([segmentId, 0], [segmentId, Infinity]).delete();
      await db.searchSegments.bulkDelete(segmentIds);
    }
    let workingSetsChanged = 0;
    await db.workingSets.toCollection().modify((set: { excerptIds: number[] }) => {
      const kept = set.excerptIds.filter((id) => !gone.has(id));
      if (kept.length !== set.excerptIds.length) {
        set.excerptIds = kept;
        workingSetsChanged++;
      }
    });
    await db.chunkSets.where('sourceId').equals(sourceId).delete();
    const documents = db.documents.where('[sourceId+ordinal]').between([sourceId, Dexie.minKey], [sourceId, Dexie.maxKey], true, true);
    const documentCount = await documents.count();
    await documents.delete();
    await db.sources.delete(sourceId);
    return { documents: documentCount, excerpts: gone.size, workingSetsChanged };
  });
}

/** Run at start-up: an import cut short by a crash or reload left a source 'importing'; nothing of it is kept. */
export async function discardUnfinishedImports(db: MindLabDatabase): Promise<string[]> {
  const unfinished = await db.sources.where('status').equals('importing').primaryKeys();
  for (const id of unfinished) await discardSource(db, id);
  return unfinished;
}

export async function listSources(db: MindLabDatabase): Promise<{ sources: SourceRecord[]; problems: StoredRecordProblem[] }> {
  const rows = await db.sources.orderBy('createdAt').toArray();
  const sources: SourceRecord[] = [];
  const problems: StoredRecordProblem[] = [];
  for (const row of rows) {
    const parsed = sourceRecordSchema.safeParse(row);
    if (parsed.success) sources.push(parsed.data);
    else problems.push({ id: String((row as { id?: unknown }).id), message: parsed.error.issues[0]?.message ?? 'invalid record' });
  }
  return { sources, problems };
}
