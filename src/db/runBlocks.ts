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
export async function blockRowsOfPage(table: Table<RunBlock, number>, groupIndex: string, group: string, start: number, count: number): Promise<unknown[]> {
  if (count <= 0) return [];
  // The block holding `start` begins at or before it; the others begin inside the page.
  const opening = await table.where(groupIndex).between([group, Dexie.minKey], [group, start], true, true).last();
  const inside = await table.where(groupIndex).between([group, start], [group, start + count], false, false).toArray();
  return opening && opening.firstOrdinal + opening.size > start ? [opening, ...inside] : inside;
}

/** Every block row of a group, in ordinal order. */
export const groupRange = (table: Table<RunBlock, number>, groupIndex: string, group: string) =>
  table.where(groupIndex).between([group, Dexie.minKey], [group, Dexie.maxKey], true, true);

/**
 * The rows of the blocks holding these ids (each block once, sorted by firstId). Ids are taken in order and each lookup fetches the
 * block at or before the first id not yet covered, so ids that sit together cost one read per block, and ids
 * spread over the corpus one read each, never a scan of the blocks between them.
 */
export async function blockRowsHolding(table: Table<RunBlock, number>, ids: readonly number[]): Promise<RunBlock[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const rows: RunBlock[] = [];
  let covered = -Infinity;
  for (const id of sorted) {
    if (id <= covered) continue;
    const block = await table.where('firstId').belowOrEqual(id).last();
    if (block && lastIdOf(block) >= id) {
      rows.push(block);
      covered = lastIdOf(block);
    }
  }
  return rows;
}

/** The block holding `id` among blocks sorted by firstId (as blockRowsHolding returns them). */
export function blockHolding<T extends RunBlock>(sorted: readonly T[], id: number): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const block = sorted[middle]!;
    if (id < block.firstId) high = middle - 1;
    else if (id > lastIdOf(block)) low = middle + 1;
    else return block;
  }
  return undefined;
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
