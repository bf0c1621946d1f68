import type { Table } from 'dexie';
import type { MindLabDatabase } from './database';
import { excerptBlockSchema, type ExcerptBlock } from './blockSchemas';
import { blockRowHolding, groupRange, IdRanges, recordsById, recordsOfPage, reserveIds, validBlock, type RunBlock } from './runBlocks';

/** One excerpt as it is stored: its place in its document, not its text (unless stored before offsets). */
export interface StoredExcerpt {
  id: number;
  chunkSetId: string;
  sourceId: string;
  documentId: number;
  ordinal: number;
  index: number;
  start: number;
  end: number;
  tokens: number;
  mathSpans: number;
  oversized: boolean;
  tags: string[];
  text?: string;
}

/** What chunking says of one excerpt of a document. */
export type ChunkSpan = Pick<StoredExcerpt, 'index' | 'start' | 'end' | 'tokens' | 'mathSpans' | 'oversized'>;
/** A chunk span and its document: what a block stores of an excerpt besides its id and ordinal. */
export type ExcerptSpan = ChunkSpan & Pick<StoredExcerpt, 'documentId'>;

/** Keeps a block, and so what one read of it costs, bounded whatever the documents are like. */
export const MAX_BLOCK_EXCERPTS = 4096;

/** The setting that remembers the next excerpt id. */
export const NEXT_EXCERPT_ID_SETTING = 'corpus.nextExcerptId';

const blocks = (db: MindLabDatabase) => db.excerptBlocks as unknown as Table<RunBlock, number>;
const GROUP_INDEX = '[chunkSetId+firstOrdinal]';
const readBlock = (row: unknown) => validBlock(excerptBlockSchema, row, 'excerpt block');
const tagUnion = (excerptTags: Record<string, string[]>) => [...new Set(Object.values(excerptTags).flat())].sort();

export function excerptBlockRecord(place: { chunkSetId: string; sourceId: string; firstId: number; firstOrdinal: number }, spans: readonly ExcerptSpan[], extra: { texts?: (string | null)[]; tags?: readonly string[][] } = {}): ExcerptBlock {
  const excerptTags: Record<string, string[]> = {};
  extra.tags?.forEach((list, position) => {
    if (list.length) excerptTags[String(position)] = [...list];
  });
  return {
    ...place,
    size: spans.length,
    documentIds: spans.map((s) => s.documentId),
    indexes: spans.map((s) => s.index),
    starts: spans.map((s) => s.start),
    ends: spans.map((s) => s.end),
    tokens: spans.map((s) => s.tokens),
    mathSpans: spans.map((s) => s.mathSpans),
    oversized: spans.map((s) => s.oversized),
    excerptTags,
    tags: tagUnion(excerptTags),
    ...(extra.texts?.some((t) => t !== null) ? { texts: extra.texts } : {}),
  };
}

/**
 * Stores excerpts that follow each other in a chunk set, giving them new consecutive ids; returns the ids. Call
 * inside a read-write transaction over excerptBlocks and settings.
 */
export async function writeExcerptBlocks(db: MindLabDatabase, target: { chunkSetId: string; sourceId: string; firstOrdinal: number }, spans: readonly ExcerptSpan[]): Promise<number[]> {
  if (spans.length === 0) return [];
  const first = await reserveIds(db, blocks(db), NEXT_EXCERPT_ID_SETTING, spans.length);
  const rows: ExcerptBlock[] = [];
  for (let at = 0; at < spans.length; at += MAX_BLOCK_EXCERPTS) {
    rows.push(excerptBlockRecord({ ...target, firstId: first + at, firstOrdinal: target.firstOrdinal + at }, spans.slice(at, at + MAX_BLOCK_EXCERPTS)));
  }
  await db.excerptBlocks.bulkAdd(rows);
  return spans.map((_, i) => first + i);
}

/** The excerpt at a position of a block. */
export function excerptAt(block: ExcerptBlock, position: number): StoredExcerpt {
  const text = block.texts?.[position];
  return {
    id: block.firstId + position,
    chunkSetId: block.chunkSetId,
    sourceId: block.sourceId,
    documentId: block.documentIds[position]!,
    ordinal: block.firstOrdinal + position,
    index: block.indexes[position]!,
    start: block.starts[position]!,
    end: block.ends[position]!,
    tokens: block.tokens[position]!,
    mathSpans: block.mathSpans[position]!,
    oversized: block.oversized[position]!,
    tags: block.excerptTags[String(position)] ?? [],
    ...(typeof text === 'string' ? { text } : {}),
  };
}

/** The stored excerpts of a chunk set with ordinals in [start, start + count), in order. */
export async function storedExcerptPage(db: MindLabDatabase, chunkSetId: string, start: number, count: number): Promise<StoredExcerpt[]> {
  return recordsOfPage(blocks(db), GROUP_INDEX, chunkSetId, start, count, readBlock, excerptAt);
}

/** The stored excerpts with these ids, in the same order; undefined where one is not stored (any more). */
export async function storedExcerptsById(db: MindLabDatabase, ids: readonly number[]): Promise<(StoredExcerpt | undefined)[]> {
  return recordsById(blocks(db), ids, readBlock, excerptAt);
}

/** Sets one excerpt's tags; false when it is not stored. Call inside a read-write transaction over excerptBlocks. */
export async function setStoredExcerptTags(db: MindLabDatabase, id: number, tags: string[]): Promise<boolean> {
  const row = await blockRowHolding(blocks(db), id);
  if (!row) return false;
  const block = readBlock(row);
  const excerptTags = { ...block.excerptTags };
  if (tags.length) excerptTags[String(id - block.firstId)] = tags;
  else delete excerptTags[String(id - block.firstId)];
  await db.excerptBlocks.put({ ...block, excerptTags, tags: tagUnion(excerptTags) });
  return true;
}

export async function storedExcerptIdsWithTag(db: MindLabDatabase, tag: string): Promise<number[]> {
  const ids: number[] = [];
  for (const row of await db.excerptBlocks.where('tags').equals(tag).toArray()) {
    const block = readBlock(row);
    for (const [position, list] of Object.entries(block.excerptTags)) if (list.includes(tag)) ids.push(block.firstId + Number(position));
  }
  return ids.sort((a, b) => a - b);
}

export async function storedTags(db: MindLabDatabase): Promise<string[]> {
  return (await db.excerptBlocks.orderBy('tags').uniqueKeys()) as string[];
}

/** Deletes every excerpt of a chunk set; returns their ids. Call inside a read-write transaction over excerptBlocks. */
export async function deleteChunkSetExcerpts(db: MindLabDatabase, chunkSetId: string): Promise<IdRanges> {
  const range = groupRange(blocks(db), GROUP_INDEX, chunkSetId);
  const ids = new IdRanges();
  await range.each((block) => ids.add(block));
  await range.delete();
  return ids;
}
