import type { Table, Transaction } from 'dexie';
import { z } from 'zod';
import { documentRecordSchema, excerptRecordSchema } from '../../core/records/corpus';
import { documentBlockRecord, MAX_BLOCK_CHARS, MAX_BLOCK_DOCUMENTS, NEXT_DOCUMENT_ID_SETTING } from '../documentBlocks';
import { excerptBlockRecord, MAX_BLOCK_EXCERPTS, NEXT_EXCERPT_ID_SETTING } from '../excerptBlocks';

/** A version-5 excerpt row: offsets into its document, or (stored before version 5's offsets) with its own text. */
const legacyExcerptSchema = excerptRecordSchema.extend({
  id: z.number().int().positive(),
  tags: z.array(z.string()).default([]),
  text: z.string().optional(),
});
const legacyDocumentSchema = documentRecordSchema.extend({ id: z.number().int().positive() });

const PAGE = 1000;

/** Whether `next` continues a run: same group, the next ordinal and the next id. */
const continues = (last: { id: number; ordinal: number }, next: { id: number; ordinal: number }, sameGroup: boolean) =>
  sameGroup && last.ordinal + 1 === next.ordinal && last.id + 1 === next.id;

/**
 * Reads a version-5 table in [group+ordinal] order a page at a time and hands each run of rows (same group,
 * consecutive ordinals and ids, within the block limits) to `write`. Rows that do not validate could not be read
 * before either; they are left out and go with the table. Returns the highest id seen.
 */
async function moveInRuns<T extends { id: number; ordinal: number }>(
  table: Table,
  order: string,
  schema: z.ZodType<T>,
  fits: (run: T[], next: T) => boolean,
  write: (runs: T[][]) => Promise<unknown>,
): Promise<number> {
  let highest = 0;
  let run: T[] = [];
  let after: unknown[] | null = null;
  for (;;) {
    const page = (after ? await table.where(order).above(after).limit(PAGE).toArray() : await table.orderBy(order).limit(PAGE).toArray()) as Record<string, unknown>[];
    if (page.length === 0) break;
    const keyPath = order.slice(1, -1).split('+');
    after = keyPath.map((key) => page[page.length - 1]![key]);
    const finished: T[][] = [];
    for (const row of page) {
      const parsed = schema.safeParse(row);
      if (!parsed.success) continue;
      const next = parsed.data;
      highest = Math.max(highest, next.id);
      if (run.length && !fits(run, next)) {
        finished.push(run);
        run = [];
      }
      run.push(next);
    }
    if (finished.length) await write(finished);
  }
  if (run.length) await write([run]);
  return highest;
}

/**
 * Moves version-5 documents and excerpts into blocks, each keeping its id (which excerpts, dialogues, working sets
 * and search segments hold), its place and, for excerpts, tags and any text of its own. The next ids are set past
 * every id the lab knows, so none is reused.
 */
export async function moveCorpusIntoBlocks(tx: Transaction): Promise<void> {
  const documentBlocks = tx.table('documentBlocks');
  const excerptBlocks = tx.table('excerptBlocks');
  let measured: unknown = null;
  let chars = 0;
  const highestDocument = await moveInRuns(
    tx.table('documents'),
    '[sourceId+ordinal]',
    legacyDocumentSchema,
    (run, next) => {
      if (measured !== run) {
        measured = run;
        chars = run.reduce((sum, d) => sum + d.text.length, 0);
      }
      const last = run[run.length - 1]!;
      const fits = continues(last, next, last.sourceId === next.sourceId) && run.length < MAX_BLOCK_DOCUMENTS && chars + next.text.length <= MAX_BLOCK_CHARS;
      if (fits) chars += next.text.length;
      return fits;
    },
    (runs) => documentBlocks.bulkAdd(runs.map((run) => documentBlockRecord({ sourceId: run[0]!.sourceId, firstId: run[0]!.id, firstOrdinal: run[0]!.ordinal }, run))),
  );
  let highestExcerpt = await moveInRuns(
    tx.table('excerpts'),
    '[chunkSetId+ordinal]',
    legacyExcerptSchema,
    (run, next) => {
      const last = run[run.length - 1]!;
      return continues(last, next, last.chunkSetId === next.chunkSetId) && run.length < MAX_BLOCK_EXCERPTS;
    },
    (runs) => excerptBlocks.bulkAdd(runs.map((run) => {
      const first = run[0]!;
      return excerptBlockRecord(
        { chunkSetId: first.chunkSetId, sourceId: first.sourceId, firstId: first.id, firstOrdinal: first.ordinal },
        run,
        { texts: run.map((row) => row.text ?? null), tags: run.map((row) => [...new Set(row.tags)].sort()) },
      );
    })),
  );
  await tx.table('documents').clear();
  await tx.table('excerpts').clear();

  const raise = (id: unknown) => {
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > highestExcerpt) highestExcerpt = id;
  };
  await tx.table('workingSets').each((set: { excerptIds?: unknown }) => {
    if (Array.isArray(set.excerptIds)) set.excerptIds.forEach(raise);
  });
  for (const id of (await tx.table('dialogues').orderBy('excerptId').uniqueKeys()) as unknown[]) {
    if (typeof id === 'string' && /^\d+$/.test(id)) raise(Number(id));
  }
  if (highestDocument > 0) await tx.table('settings').put({ key: NEXT_DOCUMENT_ID_SETTING, value: highestDocument + 1 });
  if (highestExcerpt > 0) await tx.table('settings').put({ key: NEXT_EXCERPT_ID_SETTING, value: highestExcerpt + 1 });
}
