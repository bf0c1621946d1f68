import { chunkSetRecordSchema, excerptRecordSchema, type ChunkOptionsRecord, type ChunkSetRecord, type ExcerptRecord } from '../core/records/corpus';
import type { MindLabDatabase } from './database';
import { storedDocumentsById } from './documentBlocks';
import {
  deleteChunkSetExcerpts, setStoredExcerptTags, storedExcerptIdsWithTag, storedExcerptPage, storedExcerptsById, storedTags, writeExcerptBlocks,
  type ExcerptSpan, type StoredExcerpt,
} from './excerptBlocks';

/** The texts of these documents, read block by block (documents of one page sit in a few blocks). */
async function documentTexts(db: MindLabDatabase, documentIds: number[]): Promise<Map<number, string>> {
  const ids = [...new Set(documentIds)];
  const documents = await storedDocumentsById(db, ids);
  return new Map(documents.flatMap((document, i) => (document ? [[ids[i]!, document.text] as const] : [])));
}

/**
 * Full excerpts from stored ones: the text of each is sliced from its document. Call inside a transaction over
 * excerptBlocks and documentBlocks, so a document cannot go between reading its excerpts and reading it.
 */
async function withText(db: MindLabDatabase, stored: readonly StoredExcerpt[]): Promise<ExcerptRecord[]> {
  const texts = await documentTexts(db, stored.filter((excerpt) => excerpt.text === undefined).map((excerpt) => excerpt.documentId));
  return stored.map((excerpt) => {
    const text = excerpt.text ?? texts.get(excerpt.documentId)?.slice(excerpt.start, excerpt.end);
    if (text === undefined) throw new Error(`Excerpt ${excerpt.id} points to document ${excerpt.documentId}, which is not stored.`);
    return excerptRecordSchema.parse({ ...excerpt, text });
  });
}

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
  await db.transaction('rw', db.chunkSets, db.excerptBlocks, async () => {
    await deleteChunkSetExcerpts(db, chunkSetId);
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
  return db.transaction('r', db.excerptBlocks, db.documentBlocks, async () => withText(db, await storedExcerptPage(db, chunkSetId, start, count)));
}

/** The excerpts with these ids, in the same order; undefined where one is not stored (any more). */
export async function getExcerpts(db: MindLabDatabase, ids: number[]): Promise<(ExcerptRecord | undefined)[]> {
  return db.transaction('r', db.excerptBlocks, db.documentBlocks, async () => {
    const stored = await storedExcerptsById(db, ids);
    const found = await withText(db, stored.filter((excerpt) => excerpt !== undefined));
    let next = 0;
    return stored.map((excerpt) => (excerpt === undefined ? undefined : found[next++]));
  });
}

export async function setExcerptTags(db: MindLabDatabase, id: number, tags: string[]): Promise<void> {
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
  const changed = await db.transaction('rw', db.excerptBlocks, () => setStoredExcerptTags(db, id, clean));
  if (!changed) throw new Error(`Excerpt ${id} no longer exists.`);
}

export async function excerptIdsWithTag(db: MindLabDatabase, tag: string): Promise<number[]> {
  return storedExcerptIdsWithTag(db, tag);
}

export async function allTags(db: MindLabDatabase): Promise<string[]> {
  return storedTags(db);
}

/** Adds excerpts that follow each other in a chunk set, from `firstOrdinal` on; returns their new ids. */
export async function addExcerpts(db: MindLabDatabase, target: { chunkSetId: string; sourceId: string; firstOrdinal: number }, spans: readonly ExcerptSpan[]): Promise<number[]> {
  return db.transaction('rw', db.excerptBlocks, db.settings, () => writeExcerptBlocks(db, target, spans));
}
