import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import type { MindLabDatabase } from './database';

/**
 * How excerpts are stored since version 6: one row per block of excerpts that follow each other in a chunk set
 * (an import writes one block per batch of documents), the excerpts' fields in columns. IndexedDB's cost is per
 * row: a second row per document (its excerpt) took as long to write as the document itself, so an import ran at
 * 0.41× a bare bulkAdd; a block per batch costs about nothing beside the documents.
 *
 * Each excerpt keeps its own numeric id, which dialogues, working sets and the search index hold: blocks list their
 * excerpts' ids, and a multi-entry index on that list finds the block of an excerpt.
 */
const count = z.number().int().nonnegative();
export const excerptBlockSchema = z
  .object({
    id: z.number().int().optional(),
    chunkSetId: z.string().min(1),
    sourceId: z.string().min(1),
    /** Ordinal (position in its chunk set) of the first excerpt; the others follow densely. */
    firstOrdinal: count,
    excerptIds: z.array(z.number().int()).min(1),
    documentIds: z.array(z.number().int()),
    /** Position of each excerpt in its document. */
    indexes: z.array(count),
    starts: z.array(count),
    ends: z.array(count),
    tokens: z.array(count),
    mathSpans: z.array(count),
    oversized: z.array(z.boolean()),
    /** Tags of the excerpts at these positions of the block (few are tagged). */
    excerptTags: z.record(z.string().regex(/^\d+$/), z.array(z.string())),
    /** Every tag any excerpt of the block has: what the multi-entry tags index holds. */
    tags: z.array(z.string()),
    /** Copies of the text, kept only for excerpts stored before version 5 made excerpts offsets into documents. */
    texts: z.array(z.string().nullable()).optional(),
  })
  .superRefine((block, ctx) => {
    const n = block.excerptIds.length;
    for (const column of ['documentIds', 'indexes', 'starts', 'ends', 'tokens', 'mathSpans', 'oversized', 'texts'] as const) {
      const length = block[column]?.length ?? n;
      if (length !== n) ctx.addIssue({ code: 'custom', path: [column], message: `has ${length} values for ${n} excerpts` });
    }
  });
export type ExcerptBlock = z.infer<typeof excerptBlockSchema>;

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

/** Keeps a block (and so one transaction's write) of bounded size whatever the documents are like. */
export const MAX_BLOCK_EXCERPTS = 4096;

/** The setting that remembers the next excerpt id, so an id is never given twice, even after its excerpt is deleted. */
export const NEXT_EXCERPT_ID_SETTING = 'corpus.nextExcerptId';

const blocks = (db: MindLabDatabase): Table<ExcerptBlock, number> => db.excerptBlocks;

export function blockRecord(chunkSetId: string, sourceId: string, firstOrdinal: number, excerptIds: number[], spans: readonly ExcerptSpan[], texts?: (string | null)[], tags?: Map<number, string[]>): ExcerptBlock {
  const excerptTags: Record<string, string[]> = {};
  for (const [position, list] of tags ?? []) if (list.length) excerptTags[String(position)] = list;
  return {
    chunkSetId,
    sourceId,
    firstOrdinal,
    excerptIds,
    documentIds: spans.map((s) => s.documentId),
    indexes: spans.map((s) => s.index),
    starts: spans.map((s) => s.start),
    ends: spans.map((s) => s.end),
    tokens: spans.map((s) => s.tokens),
    mathSpans: spans.map((s) => s.mathSpans),
    oversized: spans.map((s) => s.oversized),
    excerptTags,
    tags: [...new Set(Object.values(excerptTags).flat())].sort(),
    ...(texts && texts.some((t) => t !== null) ? { texts } : {}),
  };
}

/**
 * Reserves `n` new excerpt ids. Call inside a read-write transaction over excerptBlocks and settings. The next id is
 * the larger of the remembered one and one past the highest stored, so an id is not reused even when the setting
 * was lost (a restore of an older backup).
 */
export async function reserveExcerptIds(db: MindLabDatabase, n: number): Promise<number> {
  const remembered = (await db.settings.get(NEXT_EXCERPT_ID_SETTING))?.value;
  const highest = (await blocks(db).orderBy('excerptIds').lastKey()) as number | undefined;
  const first = Math.max(typeof remembered === 'number' ? remembered : 1, (highest ?? 0) + 1);
  await db.settings.put({ key: NEXT_EXCERPT_ID_SETTING, value: first + n });
  return first;
}

/**
 * Stores excerpts that follow each other in a chunk set as blocks, giving each a new id; returns the ids. Call inside
 * a read-write transaction over excerptBlocks and settings.
 */
export async function writeExcerptBlocks(db: MindLabDatabase, target: { chunkSetId: string; sourceId: string; firstOrdinal: number }, spans: readonly ExcerptSpan[]): Promise<number[]> {
  if (spans.length === 0) return [];
  const first = await reserveExcerptIds(db, spans.length);
  const ids = spans.map((_, i) => first + i);
  const rows: ExcerptBlock[] = [];
  for (let at = 0; at < spans.length; at += MAX_BLOCK_EXCERPTS) {
    rows.push(blockRecord(target.chunkSetId, target.sourceId, target.firstOrdinal + at, ids.slice(at, at + MAX_BLOCK_EXCERPTS), spans.slice(at, at + MAX_BLOCK_EXCERPTS)));
  }
  await blocks(db).bulkAdd(rows);
  return ids;
}

function readBlock(row: unknown): ExcerptBlock {
  const parsed = excerptBlockSchema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`Stored excerpt block ${String((row as { id?: unknown } | null)?.id)} is unreadable: ${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid record'}`);
}

/** The excerpt at a position of a block. */
export function excerptAt(block: ExcerptBlock, position: number): StoredExcerpt {
  const text = block.texts?.[position];
  return {
    id: block.excerptIds[position]!,
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

const chunkSetRange = (db: MindLabDatabase, chunkSetId: string) =>
  blocks(db).where('[chunkSetId+firstOrdinal]').between([chunkSetId, Dexie.minKey], [chunkSetId, Dexie.maxKey], true, true);

/** The stored excerpts of a chunk set with ordinals in [start, start + count), in order. */
export async function storedExcerptPage(db: MindLabDatabase, chunkSetId: string, start: number, count: number): Promise<StoredExcerpt[]> {
  if (count <= 0) return [];
  const end = start + count;
  // The block holding `start` begins at or before it; the others begin inside the page.
  const opening = await blocks(db).where('[chunkSetId+firstOrdinal]').between([chunkSetId, Dexie.minKey], [chunkSetId, start], true, true).last();
  const inside = await blocks(db).where('[chunkSetId+firstOrdinal]').between([chunkSetId, start], [chunkSetId, end], false, false).toArray();
  const excerpts: StoredExcerpt[] = [];
  for (const row of opening ? [opening, ...inside] : inside) {
    const block = readBlock(row);
    const from = Math.max(0, start - block.firstOrdinal);
    const to = Math.min(block.excerptIds.length, end - block.firstOrdinal);
    for (let position = from; position < to; position++) excerpts.push(excerptAt(block, position));
  }
  return excerpts;
}

/** The blocks holding these excerpts, with where each excerpt is in its block. */
async function locate(db: MindLabDatabase, ids: readonly number[]): Promise<Map<number, { block: ExcerptBlock; position: number }>> {
  const wanted = new Set(ids);
  const found = new Map<number, { block: ExcerptBlock; position: number }>();
  if (wanted.size === 0) return found;
  const rows = await blocks(db).where('excerptIds').anyOf([...wanted]).distinct().toArray();
  for (const row of rows) {
    const block = readBlock(row);
    block.excerptIds.forEach((id, position) => {
      if (wanted.has(id)) found.set(id, { block, position });
    });
  }
  return found;
}

/** The stored excerpts with these ids, in the same order; undefined where one is not stored (any more). */
export async function storedExcerptsById(db: MindLabDatabase, ids: readonly number[]): Promise<(StoredExcerpt | undefined)[]> {
  const found = await locate(db, ids);
  return ids.map((id) => {
    const at = found.get(id);
    return at && excerptAt(at.block, at.position);
  });
}

/** Sets one excerpt's tags. Call inside a read-write transaction over excerptBlocks. */
export async function setStoredExcerptTags(db: MindLabDatabase, id: number, tags: string[]): Promise<boolean> {
  const at = (await locate(db, [id])).get(id);
  if (!at) return false;
  const { block, position } = at;
  const excerptTags = { ...block.excerptTags };
  if (tags.length) excerptTags[String(position)] = tags;
  else delete excerptTags[String(position)];
  await blocks(db).put({ ...block, excerptTags, tags: [...new Set(Object.values(excerptTags).flat())].sort() });
  return true;
}

export async function storedExcerptIdsWithTag(db: MindLabDatabase, tag: string): Promise<number[]> {
  const ids: number[] = [];
  for (const row of await blocks(db).where('tags').equals(tag).toArray()) {
    const block = readBlock(row);
    for (const [position, list] of Object.entries(block.excerptTags)) if (list.includes(tag)) ids.push(block.excerptIds[Number(position)]!);
  }
  return ids.sort((a, b) => a - b);
}

export async function storedTags(db: MindLabDatabase): Promise<string[]> {
  return (await blocks(db).orderBy('tags').uniqueKeys()) as string[];
}

/** Deletes every excerpt of a chunk set; returns their ids. Call inside a read-write transaction over excerptBlocks. */
export async function deleteChunkSetExcerpts(db: MindLabDatabase, chunkSetId: string): Promise<number[]> {
  const range = chunkSetRange(db, chunkSetId);
  const ids: number[] = [];
  await range.each((row) => { ids.push(...row.excerptIds); });
  await range.delete();
  return ids;
}
