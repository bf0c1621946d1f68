import fc from 'fast-check';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC } from '../review/rubric';
import { textOptionsSchema } from './dialogueText';
import { makeItem } from './exportFixtures';
import { ParquetStream, ROW_GROUP_ROWS } from './parquetStream';
import { DEFAULT_ROLE_MAP } from './roles';
import { dialogueTableRow, type DialogueTableRow } from './rows';
import { DIALOGUE_TABLE } from './tables';

/** Writes rows in pages and returns the file and how many pieces it came out in. */
async function writeParquet(rows: readonly DialogueTableRow[], pageSize: number) {
  const pieces: Uint8Array[] = [];
  const stream = new ParquetStream<DialogueTableRow>(DIALOGUE_TABLE, async (bytes) => void pieces.push(bytes));
  for (let at = 0; at < rows.length; at += pageSize) await stream.write(rows.slice(at, at + pageSize));
  await stream.finish();
  const file = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    file.set(piece, at);
    at += piece.length;
  }
  return { file: file.buffer, pieces: pieces.length };
}

// INT64 columns come back as bigint.
const plain = (rows: unknown[]) => JSON.parse(JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? Number(value) : value)));

const options = { text: textOptionsSchema.parse({}), roles: DEFAULT_ROLE_MAP, rubric: DEFAULT_RUBRIC };
const turn = fc.record({ speaker: fc.string({ maxLength: 12 }), text: fc.string({ maxLength: 80 }) });
const spec = fc.record({
  turns: fc.array(turn, { maxLength: 6 }),
  url: fc.option(fc.webUrl(), { nil: null }),
  excerpt: fc.string({ minLength: 1, maxLength: 60 }),
  filterPass: fc.constantFrom(true, false, null),
  votes: fc.array(fc.constantFrom<'keep' | 'reject' | null>('keep', 'reject', null), { maxLength: 3 }),
});

describe('ParquetStream', () => {
  it('reads back with hyparquet as the rows it was given (lists of records, JSON, nulls, unicode)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (specs, pageSize) => {
        const rows = specs.map((s, i) =>
          dialogueTableRow(makeItem({ id: `d${i}`, turns: s.turns, url: s.url, excerpt: s.excerpt, filterPass: s.filterPass, ratings: s.votes.map((v, r) => [`r${r}`, v, 'submitted', r + 1] as [string, typeof v, 'submitted', number]) }), options),
        );
        const { file } = await writeParquet(rows, pageSize);
        expect(plain(await parquetReadObjects({ file }))).toEqual(plain(rows));
      }),
      { numRuns: 40 },
    );
  });

  it('hands its bytes on a row group at a time', async () => {
    const rows = Array.from({ length: ROW_GROUP_ROWS * 2 + 10 }, (_, i) => dialogueTableRow(makeItem({ id: `d${i}` }), options));
    const { file, pieces } = await writeParquet(rows, 300);
    const metadata = parquetMetadata(file);
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([ROW_GROUP_ROWS, ROW_GROUP_ROWS, 10]);
    expect(pieces).toBeGreaterThanOrEqual(3);
    const back = await parquetReadObjects({ file, columns: ['id'] });
    expect(back.map((row) => row.id)).toEqual(rows.map((row) => row.id));
  });
});
