import { sourceRecordSchema, type SourceRecord } from '../core/records/corpus';
import type { MindLabDatabase } from './database';
import { deleteSourceDocuments } from './documentBlocks';
import { deleteChunkSetExcerpts } from './excerptBlocks';
import type { IdRanges } from './runBlocks';
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
  await db.transaction('rw', [db.sources, db.documentBlocks, db.chunkSets, db.excerptBlocks], async () => {
    for (const chunkSetId of await db.chunkSets.where('sourceId').equals(sourceId).primaryKeys()) await deleteChunkSetExcerpts(db, chunkSetId);
    await db.chunkSets.where('sourceId').equals(sourceId).delete();
    await deleteSourceDocuments(db, sourceId);
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
  return db.transaction('rw', [db.sources, db.documentBlocks, db.chunkSets, db.excerptBlocks, db.searchSegments, db.searchIndexParts, db.workingSets], async () => {
    const chunkSetIds = await db.chunkSets.where('sourceId').equals(sourceId).primaryKeys();
    const gone: IdRanges[] = [];
    for (const chunkSetId of chunkSetIds) {
      gone.push(await deleteChunkSetExcerpts(db, chunkSetId));
      const segmentIds = await db.searchSegments.where('chunkSetId').equals(chunkSetId).primaryKeys();
      for (const segmentId of segmentIds) await db.searchIndexParts.where('[segmentId+part]').between([segmentId, 0], [segmentId, Infinity]).delete();
      await db.searchSegments.bulkDelete(segmentIds);
    }
    let workingSetsChanged = 0;
    await db.workingSets.toCollection().modify((set: { excerptIds: number[] }) => {
      const kept = set.excerptIds.filter((id) => !gone.some((ranges) => ranges.has(id)));
      if (kept.length !== set.excerptIds.length) {
        set.excerptIds = kept;
        workingSetsChanged++;
      }
    });
    await db.chunkSets.where('sourceId').equals(sourceId).delete();
    // The source counts its documents; counting the blocks would read every text of it.
    const documents = (await db.sources.get(sourceId))?.documentCount ?? 0;
    await deleteSourceDocuments(db, sourceId);
    await db.sources.delete(sourceId);
    return { documents, excerpts: gone.reduce((sum, ranges) => sum + ranges.count, 0), workingSetsChanged };
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
