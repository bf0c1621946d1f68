import fc from 'fast-check';
import { parquetMetadata, parquetMetadataAsync, type AsyncBuffer } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readParquet } from './readers/parquet';
import type { RowGroupLimits } from './readers/parquetRowGroups';
import type { ReadEvent } from './readers/readEvent';

/** Distinct texts of about `length` characters, so neither the dictionary nor Snappy makes them small. */
function texts(count: number, length: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const words = ['prime', 'lemma', 'group', 'field', '$x^2$', 'integral', 'proof', 'ring', 'sum', 'order'];
  return Array.from({ length: count }, (_, row) => {
    let text = `Note ${row}:`;
    while (text.length < length) text += ` ${words[next() % words.length]}`;
    return text;
  });
}

function parquetFile(text: string[], rowGroupSize: number): ArrayBuffer {
  const url = text.map((_, row) => `https://example.org/${row}`);
  return parquetWriteBuffer({
    columnData: [
      { name: 'url', data: url, type: 'STRING' },
      { name: 'text', data: text, type: 'STRING' },
    ],
    rowGroupSize,
  });
}

/** An AsyncBuffer over bytes that remembers where each read started. */
function recordingBuffer(bytes: ArrayBuffer): AsyncBuffer & { starts: number[] } {
  const starts: number[] = [];
  return { byteLength: bytes.byteLength, starts, slice: (start, end) => (starts.push(start), bytes.slice(start, end)) };
}

async function collect(events: AsyncIterable<ReadEvent>) {
  const lines: number[] = [];
  const rejected: { line: number; reason: string }[] = [];
  for await (const event of events) {
    if (event.kind === 'record') lines.push(event.line);
    else if (event.kind !== 'progress') rejected.push(event.rejected);
  }
  return { lines, rejected };
}

const ROWS = 2_000;
const TEXT = texts(ROWS, 600);
/** Low enough that 2,000 rows of 600 characters in one row group are over it, and 200 rows are well under. */
const LOW: RowGroupLimits = { maxRowGroupBytes: 2 ** 20, maxRowGroupRows: 100_000 };

describe('a Parquet file with a row group over the limits', () => {
  it('is refused from its metadata alone, before any row is read, with what to do', async () => {
    const bytes = parquetFile(TEXT, ROWS);
    const metadata = parquetMetadata(bytes);
    expect(metadata.row_groups).toHaveLength(1);
    const file = recordingBuffer(bytes);
    const read = await collect(readParquet(file, { fileName: "one group's.parquet", rowGroupLimits: LOW }));

    expect(read.lines).toEqual([]);
    expect(read.rejected).toHaveLength(1);
    const { line, reason } = read.rejected[0]!;
    expect(line).toBe(1);
    expect(reason).toMatch(/^row group 1 of 1 is too large to read: 2,000 rows, 1\.\d MiB uncompressed in the columns read \(text, url\), over the 1 MiB limit \(maxRowGroupBytes\); /);
    expect(reason).toContain('pyarrow.parquet.write_table(pyarrow.parquet.read_table("one group\'s.parquet"), "smaller.parquet", row_group_size=');
    expect(reason).toContain("COPY (SELECT * FROM 'one group''s.parquet') TO 'smaller.parquet' (FORMAT parquet, ROW_GROUP_SIZE ");
    // Only the footer was read: the reads are those of reading the metadata alone (the page check reads more).
    const metadataOnly = recordingBuffer(bytes);
    await parquetMetadataAsync(metadataOnly);
    expect(file.starts).toEqual(metadataOnly.starts);
  });

  it('is read in full once rewritten with the row group size the refusal suggests', async () => {
    const read = await collect(readParquet(parquetFile(TEXT, ROWS), { fileName: 'big.parquet', rowGroupLimits: LOW }));
    const suggested = Number(/row_group_size=(\d+)\)/.exec(read.rejected[0]?.reason ?? '')?.[1]);
    expect(suggested).toBeGreaterThan(0);
    expect(suggested).toBeLessThan(ROWS);
    const rewritten = await collect(readParquet(parquetFile(TEXT, suggested), { fileName: 'smaller.parquet', rowGroupLimits: LOW }));
    expect(rewritten.rejected).toEqual([]);
    expect(rewritten.lines).toEqual(Array.from({ length: ROWS }, (_, row) => row + 1));
  });

  it('names the first group over and counts the others; rows are bounded too', async () => {
    const mixed = texts(900, 600);
    const groups = parquetFile(mixed, 300);
    const bytes = await collect(readParquet(groups, { fileName: 'g.parquet', rowGroupLimits: { maxRowGroupBytes: 100_000, maxRowGroupRows: 1000 } }));
    expect(bytes.rejected[0]?.reason).toMatch(/^row group 1 of 3 \(and 2 more\) is too large to read: 300 rows, /);
    const rows = await collect(readParquet(groups, { fileName: 'g.parquet', rowGroupLimits: { maxRowGroupBytes: 2 ** 30, maxRowGroupRows: 299 } }));
    expect(rows.lines).toEqual([]);
    expect(rows.rejected[0]?.reason).toMatch(/^row group 1 of 3 \(and 2 more\) is too large to read: 300 rows, .* over the 299-row limit \(maxRowGroupRows\); /);
  });

  it('counts only the columns it reads', async () => {
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'text', data: ['short'], type: 'STRING' },
        { name: 'embedding', data: [TEXT.join(' ')], type: 'STRING' },
      ],
    });
    const read = await collect(readParquet(bytes, { fileName: 'e.parquet', rowGroupLimits: LOW }));
    expect(read).toEqual({ lines: [1], rejected: [] });
  });
});

describe('a Parquet file whose row groups fit', () => {
  it('is read row group by row group under the same low limit', async () => {
    const read = await collect(readParquet(parquetFile(TEXT, 200), { fileName: 'groups.parquet', rowGroupLimits: LOW }));
    expect(read.rejected).toEqual([]);
    expect(read.lines).toEqual(Array.from({ length: ROWS }, (_, row) => row + 1));
  });

  it('is refused exactly when a group is over: the suggested size always reads (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 10, max: 300 }),
        fc.integer({ min: 4_000, max: 200_000 }),
        async (rows, rowGroupSize, length, maxRowGroupBytes) => {
          const text = texts(rows, length);
          const limits = { maxRowGroupBytes, maxRowGroupRows: 250 };
          const bytes = parquetFile(text, rowGroupSize);
          const sizes = parquetMetadata(bytes).row_groups.map((group) => ({
            rows: Number(group.num_rows),
            bytes: group.columns.reduce((sum, chunk) => sum + Number(chunk.meta_data?.total_uncompressed_size), 0),
          }));
          const over = sizes.some((size) => size.bytes > maxRowGroupBytes || size.rows > limits.maxRowGroupRows);
          const read = await collect(readParquet(bytes, { fileName: 'p.parquet', rowGroupLimits: limits }));
          expect(read.lines.length).toBe(over ? 0 : rows);
          if (!over) return;
          const suggested = Number(/ROW_GROUP_SIZE (\d+)\)$/.exec(read.rejected[0]?.reason ?? '')?.[1]);
          const rewritten = await collect(readParquet(parquetFile(text, suggested), { fileName: 'p.parquet', rowGroupLimits: limits }));
          expect(rewritten.rejected).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
