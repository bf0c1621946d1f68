import Dexie, { type Table } from 'dexie';
import type { z } from 'zod';
import type { MindLabDatabase } from './database';

/**
 * The corpus is stored in blocks: one IndexedDB row per run of records that have consecutive ids and follow each
 * other in their group (a source's documents, a chunk set's excerpts), their fields in columns. IndexedDB's cost
 * is per row and per index entry, so an import that wrote a row per document and per excerpt ran at 0.41× a bare
 * bulkAdd of the same records (bench/report.md); a block of hundreds costs about what one row does.
 *
 * A record keeps its own numeric id, which other records hold (excerpts point to documents; dialogues, working sets
 * and the search index to excerpts): a block's records are ids firstId … firstId + size − 1, found by the index
 * on firstId, and ordinals firstOrdinal … firstOrdinal + size − 1, found by the index [group+firstOrdinal].
 */
export interface RunBlock {
  id?: number;
  firstId: number;
  firstOrdinal: number;
  size: number;
}

export const lastIdOf = (block: RunBlock) => block.firstId + block.size - 1;

/**
 * Reserves `n` consecutive new ids. Call inside a read-write transaction over the block table and settings. The
 * next id is the larger of the remembered one and one past the highest stored, so ids are never given twice, even
 * after the newest records are deleted, and not even when the remembered one was lost.
 */
export async function reserveIds(db: MindLabDatabase, table: Table<RunBlock, number>, setting: string, n: number): Promise<number> {
  const remembered = (await db.settings.get(setting))?.value;
  const newest = await table.orderBy('firstId').last();
  const first = Math.max(typeof remembered === 'number' ? remembered : 1, newest ? lastIdOf(newest) + 1 : 1);
  await db.settings.put({ key: setting, value: first + n });
  return first;
}

/** A stored block checked against its schema; throws naming the table, the block and the field. */
export function validBlock<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`Stored ${what} ${String((row as { id?: unknown } | null)?.id)} is unreadable: ${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid record'}`);
}

/** The rows of a group's blocks holding ordinals [start, start + count), in order. */
async function blockRowsOfPage(table: Table<RunBlock, number>, groupIndex: string, group: string, start: number, count: number): Promise<unknown[]> {
  if (count <= 0) return [];
  // The block holding `start` begins at or before it; the others begin inside the page.
  const opening = await table.where(groupIndex).between([group, Dexie.minKey], [group, start], true, true).last();
  const inside = await table.where(groupIndex).between([group, start], [group, start + count], false, false).toArray();
  return opening && opening.firstOrdinal + opening.size > start ? [opening, ...inside] : inside;
}

/** The records of a group with ordinals in [start, start + count), in order. */
export async function recordsOfPage<B extends RunBlock, T>(table: Table<RunBlock, number>, groupIndex: string, group: string, start: number, count: number, read: (row: unknown) => B, recordAt: (block: B, position: number) => T): Promise<T[]> {
  const records: T[] = [];
  for (const row of await blockRowsOfPage(table, groupIndex, group, start, count)) {
    const block = read(row);
    const to = Math.min(block.size, start + count - block.firstOrdinal);
    for (let position = Math.max(0, start - block.firstOrdinal); position < to; position++) records.push(recordAt(block, position));
  }
  return records;
}

/** Every block row of a group, in ordinal order. */
export const groupRange = (table: Table<RunBlock, number>, groupIndex: string, group: string) =>
  table.where(groupIndex).between([group, Dexie.minKey], [group, Dexie.maxKey], true, true);

/** The row of the block holding `id`, if one does. */
export async function blockRowHolding(table: Table<RunBlock, number>, id: number): Promise<RunBlock | undefined> {
  const block = await table.where('firstId').belowOrEqual(id).last();
  return block && lastIdOf(block) >= id ? block : undefined;
}

/**
 * The records with these ids, in the same order; undefined where one is not stored. Ids are taken in order and
 * each block is read once, when the first id it holds comes, its records taken out and the block let go: ids that
 * sit together cost one read per block, ids spread over the corpus one read each, and only the records asked for
 * are held, never every block read.
 */
export async function recordsById<B extends RunBlock, T>(table: Table<RunBlock, number>, ids: readonly number[], read: (row: unknown) => B, recordAt: (block: B, position: number) => T): Promise<(T | undefined)[]> {
  const found = new Map<number, T>();
  let block: B | undefined;
  for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
    if (!block || id > lastIdOf(block)) {
      const row = await blockRowHolding(table, id);
      if (!row) continue;
      block = read(row);
    }
    found.set(id, recordAt(block, id - block.firstId));
  }
  return ids.map((id) => found.get(id));
}

/** Ids as ranges, so the ids of a deleted chunk set are known without listing every one. */
export class IdRanges {
  private readonly ranges: [number, number][] = [];
  add(block: RunBlock) {
    this.ranges.push([block.firstId, lastIdOf(block)]);
  }
  has(id: number): boolean {
    return this.ranges.some(([first, last]) => id >= first && id <= last);
  }
  get count(): number {
    return this.ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  }
}
