import { chunkSetRecordSchema, excerptRecordSchema, type ChunkOptionsRecord, type ChunkSetRecord, type ExcerptRecord } from '../core/records/corpus';
import type { MindLabDatabase } from './database';

export async function createChunkSet(db: MindLabDatabase, sourceId: string, options: ChunkOptionsRecord, now = Date.now()): Promise<ChunkSetRecord> {
  // Strictly later than the source's previous set, so "newest" is never a tie.
  const previous = await db.chunkSets.where('sourceId').equals(sourceId).toArray();
  const createdAt = Math.max(now, ...previous.map((s) => s.createdAt + 1));
  const record = chunkSetRecordSchema.parse({ id: crypto.randomUUID(), sourceId, createdAt, options, status: 'building', excerptCount: 0 });
  await db.chunkSets.add(record);
  return record;
}

export async function finishChunkSet(db: MindLabDatabase, chunkSetId: string, excerptCount: number): Promise<void> {
  await db.chunkSets.update(chunkSetId, { status: 'complete', excerptCount });
}

/** Removes a chunk set that was not finished; finished sets are never changed, so dialogues keep their excerpts. */
export async function discardChunkSet(db: MindLabDatabase, chunkSetId: string): Promise<void> {
  await db.transaction('rw', db.chunkSets, db.excerpts, async () => {
    await db.excerpts.where('[chunkSetId+ordinal]').between([chunkSetId, 0], [chunkSetId, Infinity]).delete();
    await db.chunkSets.delete(chunkSetId);
  });
}

export async function listChunkSets(db: MindLabDatabase): Promise<ChunkSetRecord[]> {
  const rows = await db.chunkSets.orderBy('createdAt').toArray();
  return rows.map((row) => chunkSetRecordSchema.parse(row));
}

/** The newest complete chunk set of each source: the one browsing and search use. */
export async function currentChunkSets(db: MindLabDatabase): Promise<ChunkSetRecord[]> {
  const latest = new Map<string, ChunkSetRecord>();
  for (const set of await listChunkSets(db)) if (set.status === 'complete') latest.set(set.sourceId, set);
  return [...latest.values()];
}

export async function readExcerptPage(db: MindLabDatabase, chunkSetId: string, start: number, count: number): Promise<ExcerptRecord[]> {
  const rows = await db.excerpts.where('[chunkSetId+ordinal]').between([chunkSetId, start], [chunkSetId, start + count]).toArray();
  return rows.map((row) => excerptRecordSchema.parse(row));
}

export async function getExcerpts(db: MindLabDatabase, ids: number[]): Promise<(ExcerptRecord | undefined)[]> {
  const rows = await db.excerpts.bulkGet(ids);
  return rows.map((row) => row && excerptRecordSchema.parse(row));
}

export async function setExcerptTags(db: MindLabDatabase, id: number, tags: string[]): Promise<void> {
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
  const changed = await db.excerpts.update(id, { tags: clean });
  if (!changed) throw new Error(`Excerpt ${id} no longer exists.`);
}

export async function excerptIdsWithTag(db: MindLabDatabase, tag: string): Promise<number[]> {
  return db.excerpts.where('tags').equals(tag).primaryKeys();
}

export async function allTags(db: MindLabDatabase): Promise<string[]> {
  return (await db.excerpts.orderBy('tags').uniqueKeys()) as string[];
}

export async function addExcerpts(db: MindLabDatabase, excerpts: ExcerptRecord[]): Promise<void> {
  await db.excerpts.bulkAdd(excerpts);
}
