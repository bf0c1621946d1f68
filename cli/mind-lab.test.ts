import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repo, runCli } from './testing/runCli';

const data = (name: string) => join(repo, '../shared/data', name);
const fixture = (name: string) => join(repo, 'src/core/corpus/fixtures', name);
const work = mkdtempSync(join(tmpdir(), 'mind-lab-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


interface Excerpt {
  documentId: string;
  url: string | null;
  index: number;
  text: string;
  tokens: number;
  start: number;
  end: number;
  mathSpans: number;
  /** Present, and true, only when a protected span made the excerpt longer than --max-tokens. */
  oversized?: true;
}

const readExcerpts = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Excerpt);

const sampleByUrl = new Map(
  readFileSync(data('owm_sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { url: string; text: string })
    .map((record) => [record.url, record.text]),
);

describe('mind-lab chunk', () => {
  it('chunks the OWM sample JSONL into excerpt lines that are exact slices of each document', async () => {
    const out = join(work, 'jsonl.jsonl');
    const { code, stderr } = await runCli(['chunk', data('owm_sample.jsonl'), '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^320 documents -> \d+ excerpts/m);
    const excerpts = readExcerpts(out);
    expect(new Set(excerpts.map((excerpt) => excerpt.documentId)).size).toBe(320);
    for (const excerpt of excerpts) {
      const keys = ['documentId', 'url', 'index', 'text', 'tokens', 'start', 'end', 'mathSpans'];
      expect(Object.keys(excerpt)).toEqual(excerpt.oversized ? [...keys, 'oversized'] : keys);
      expect(excerpt.documentId).toMatch(/^[0-9a-f]{64}$/);
      expect(sampleByUrl.get(excerpt.url ?? '')?.slice(excerpt.start, excerpt.end)).toBe(excerpt.text);
    }
    expect(excerpts.some((excerpt) => excerpt.mathSpans > 0)).toBe(true);
  }, 60_000);

  it('marks an excerpt made longer than --max-tokens by a formula kept whole with "oversized": true', async () => {
    const input = join(work, 'long-formula.jsonl');
    const formula = `$$${Array.from({ length: 60 }, (_, i) => `a_{${i}} x^{${i}}`).join(' + ')}$$`;
    writeFileSync(input, `${JSON.stringify({ url: 'https://example.org/series', text: `A power series.\n\n${formula}\n\nIt converges for small x.` })}\n`);
    const out = join(work, 'long-formula.out.jsonl');
    const { code } = await runCli(['chunk', input, '-o', out, '--target-tokens', '30', '--min-tokens', '5', '--max-tokens', '40']);
    expect(code).toBe(0);
    const excerpts = readExcerpts(out);
    const whole = excerpts.filter((excerpt) => excerpt.oversized === true);
    expect(whole).toHaveLength(1);
    expect(whole[0]!.text).toContain(formula);
    expect(whole[0]!.tokens).toBeGreaterThan(40);
    expect(excerpts.filter((excerpt) => excerpt !== whole[0]).every((excerpt) => !('oversized' in excerpt))).toBe(true);
  }, 60_000);

  it('gives the same excerpts from .jsonl.gz and .parquet, and honours the size options', async () => {
    const reference = join(work, 'ref.jsonl');
    await runCli(['chunk', data('owm_sample.jsonl'), '-o', reference, '--target-tokens', '300', '--min-tokens', '50', '--max-tokens', '450']);
    for (const name of ['owm_sample.jsonl.gz', 'owm_sample.parquet']) {
      const out = join(work, `${name}.out.jsonl`);
      const args = ['chunk', data(name), '-o', out, '--target-tokens', '300', '--min-tokens', '50', '--max-tokens', '450'];
      const { code } = await runCli(args);
      expect(code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(reference, 'utf8'));
    }
    for (const excerpt of readExcerpts(reference)) if (excerpt.tokens > 450) expect(excerpt.text).toMatch(/\$|\\begin|\\\[|```|\|/);
  }, 120_000);

  it('reports bad lines on stderr as FILE:LINE: reason and still writes the good documents', async () => {
    const out = join(work, 'bad.jsonl');
    const { code, stderr } = await runCli(['chunk', fixture('bad-records.jsonl'), '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${fixture('bad-records.jsonl')}:2: invalid JSON`);
    expect(stderr).toContain(`${fixture('bad-records.jsonl')}:3: missing text field "text"`);
    expect(stderr).toContain(`${fixture('bad-records.jsonl')}:5: invalid UTF-8`);
    expect(stderr).toMatch(/2 documents -> 2 excerpts .* 6 rejected/);
    expect(readExcerpts(out).map((excerpt) => excerpt.url)).toEqual(['https://example.org/a', null]);
  }, 60_000);

  it('exits non-zero and writes nothing when nothing can be read', async () => {
    const out = join(work, 'none.jsonl');
    const { code, stderr } = await runCli(['chunk', fixture('empty.jsonl'), join(work, 'missing.jsonl'), '-o', out]);
    expect(code).toBe(1);
    expect(stderr).toContain('empty.jsonl:1: file is empty (0 bytes)');
    expect(stderr).toContain('missing.jsonl: no such file');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('keeps nothing of a file that fails part-way unless --keep-partial, and never lets the failure skip later files', async () => {
    const truncated = join(repo, 'e2e/fixtures/corpus/truncated.jsonl.gz');
    const out = join(work, 'whole.jsonl');
    const whole = await runCli(['chunk', truncated, data('owm_sample.jsonl'), '-o', out]);
    expect(whole.code).toBe(0);
    expect(whole.stderr).toMatch(/truncated\.jsonl\.gz:\d+: gzip data is truncated or corrupt.*nothing of this file was kept/);
    // The sample holds the same records: none of them may be skipped as a duplicate of the discarded file.
    expect(whole.stderr).toMatch(/320 documents -> \d+ excerpts .* 0 duplicates skipped/);
    const partialOut = join(work, 'partial.jsonl');
    const partial = await runCli(['chunk', truncated, '-o', partialOut, '--keep-partial']);
    expect(partial.code).toBe(0);
    expect(partial.stderr).toMatch(/kept the \d+ documents read before it \(--keep-partial\)/);
    expect(readExcerpts(partialOut).length).toBeGreaterThan(0);
  }, 60_000);

  it('stops a read that makes no progress (a reader stuck on a damaged file, here a pipe that never delivers)', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifo = join(work, 'stuck.jsonl');
    execFileSync('mkfifo', [fifo]);
    const out = join(work, 'stuck-out.jsonl');
    const result = await runCli(['chunk', fifo, '-o', out, '--stall-timeout', '2']);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stderr).toMatch(/no progress for \d+ s while reading .*stuck\.jsonl/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  }, 60_000);

  it('prints help and rejects bad usage with exit code 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('mind-lab chunk IN');
    const usage = await runCli(['chunk', data('owm_sample.jsonl'), '-o', join(work, 'x.jsonl'), '--min-tokens', 'ten']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--min-tokens must be a whole number');
    const sizes = await runCli(['chunk', data('owm_sample.jsonl'), '-o', join(work, 'y.jsonl'), '--min-tokens', '900']);
    expect(sizes.code).toBe(2);
    expect(sizes.stderr).toContain('min <= target <= max');
  }, 60_000);
});
