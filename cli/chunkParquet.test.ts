import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo, runCli } from './testing/runCli';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-chunk-parquet-'));
const input = join(work, 'huge-group.parquet');
beforeAll(() => oneHugeRowGroup(input));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * One row group of 1,100,000 rows, over the default 2^20-row limit, in a few hundred bytes: the rows are one
 * repeated note, which the dictionary stores once. (The byte limit, 256 MiB, is tested with a lowered limit in
 * src/core/corpus/parquetRowGroups.test.ts rather than with a file that large.)
 */
function oneHugeRowGroup(path: string): void {
  const rows = 1_100_000;
  const text = Array<string>(rows).fill('A group of order $p^2$ is abelian.');
  writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'text', data: text, type: 'STRING' }], rowGroupSize: rows })));
}

describe('mind-lab chunk on a Parquet file with one huge row group', () => {
  it('refuses it up front: FILE:1: why and what to do, exit 1, no output', async () => {
    const out = join(work, 'out.jsonl');
    const { code, stdout, stderr } = await runCli(['chunk', input, '-o', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    // The size is whatever the dictionary and run-length encoding made of the repeated note: a few hundred bytes.
    expect(stderr.replace(/rows, \d+ bytes/, 'rows, N bytes')).toContain(
      `${input}:1: row group 1 of 1 is too large to read: 1,100,000 rows, N bytes uncompressed in the columns read (text), ` +
        'over the 1,048,576-row limit (maxRowGroupRows); a row group is decoded whole, so all of it would be held in memory at once. ' +
        'Rewrite the file with smaller row groups, e.g. in Python ' +
        'pyarrow.parquet.write_table(pyarrow.parquet.read_table("huge-group.parquet"), "smaller.parquet", row_group_size=200000) ' +
        "or in DuckDB COPY (SELECT * FROM 'huge-group.parquet') TO 'smaller.parquet' (FORMAT parquet, ROW_GROUP_SIZE 200000)\n",
    );
    expect(stderr).toMatch(/^0 documents -> 0 excerpts .* 1 rejected/m);
  });

  it('still chunks the other inputs of the run', async () => {
    const out = join(work, 'with-sample.jsonl');
    const { code, stderr } = await runCli(['chunk', input, join(repo, '../shared/data/owm_sample.parquet'), '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${input}:1: row group 1 of 1 is too large to read`);
    const urls = new Set(readFileSync(out, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { url: string }).url));
    expect(urls.size).toBe(320);
  });
});
