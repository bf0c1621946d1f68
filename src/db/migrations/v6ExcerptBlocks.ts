import type { Transaction } from 'dexie';
import { z } from 'zod';
import { blockRecord, NEXT_EXCERPT_ID_SETTING, type ExcerptBlock } from '../excerptBlocks';

/** A version-5 excerpt row: offsets into its document, or (stored before version 5's offsets) with its own text. */
const legacyExcerptSchema = z.object({
  id: z.number().int(),
  chunkSetId: z.string().min(1),
  sourceId: z.string().min(1),
  documentId: z.number().int(),
  ordinal: z.number().int().nonnegative(),
  index: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  mathSpans: z.number().int().nonnegative(),
  oversized: z.boolean(),
  tags: z.array(z.string()).default([]),
  text: z.string().optional(),
});
type LegacyExcerpt = z.infer<typeof legacyExcerptSchema>;

const ROWS_PER_BLOCK = 1000;

/**
 * Moves version-5 excerpt rows into blocks, chunk set by chunk set in ordinal order, a page at a time, each excerpt
 * keeping its id, tags and (if it had one) its text. A block holds only excerpts with consecutive ordinals, as the
 * block layout requires. Rows that do not validate could not be read before either; they go with the table.
 * The next excerpt id is set past every id the lab knows (excerpts, working sets, dialogues), so none is reused.
 */
export async function moveExcerptsIntoBlocks(tx: Transaction): Promise<void> {
  const excerpts = tx.table('excerpts');
  const blocks = tx.table('excerptBlocks');
  let highest = 0;
  const raise = (id: number) => {
    if (Number.isSafeInteger(id) && id > highest) highest = id;
  };
  let run: LegacyExcerpt[] = [];
  const toBlock = (rows: LegacyExcerpt[]): ExcerptBlock => {
    const first = rows[0]!;
    const tags = new Map(rows.map((row, position) => [position, [...new Set(row.tags)].sort()] as const));
    return blockRecord(first.chunkSetId, first.sourceId, first.ordinal, rows.map((row) => row.id), rows, rows.map((row) => row.text ?? null), tags);
  };
  let after: [string, number] | null = null;
  for (;;) {
    const page = (after
      ? await excerpts.where('[chunkSetId+ordinal]').above(after).limit(ROWS_PER_BLOCK).toArray()
      : await excerpts.orderBy('[chunkSetId+ordinal]').limit(ROWS_PER_BLOCK).toArray()) as { chunkSetId: string; ordinal: number }[];
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    after = [last.chunkSetId, last.ordinal];
    const finished: ExcerptBlock[] = [];
    for (const row of page) {
      const parsed = legacyExcerptSchema.safeParse(row);
      if (!parsed.success) continue;
      const excerpt = parsed.data;
      raise(excerpt.id);
      const previous = run[run.length - 1];
      if (previous && (previous.chunkSetId !== excerpt.chunkSetId || previous.ordinal + 1 !== excerpt.ordinal || run.length >= ROWS_PER_BLOCK)) {
        finished.push(toBlock(run));
        run = [];
      }
      run.push(excerpt);
    }
    if (finished.length) await blocks.bulkAdd(finished);
  }
  if (run.length) await blocks.add(toBlock(run));
  await excerpts.clear();

  for (const set of (await tx.table('workingSets').toArray()) as { excerptIds?: unknown }[]) {
    if (Array.isArray(set.excerptIds)) for (const id of set.excerptIds) if (typeof id === 'number') raise(id);
  }
  for (const id of (await tx.table('dialogues').orderBy('excerptId').uniqueKeys()) as unknown[]) {
    if (typeof id === 'string' && /^\d+$/.test(id)) raise(Number(id));
  }
  if (highest > 0) await tx.table('settings').put({ key: NEXT_EXCERPT_ID_SETTING, value: highest + 1 });
}
