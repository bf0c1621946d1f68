import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash, normalizeForDedup } from '../src/core/corpus/normalize';
import { repo, runCli } from './testing/runCli';
// @ts-expect-error -- plain ESM helpers of the CLI, without type declarations
import { nodeContentHash } from './chunkDocuments.mjs';
// @ts-expect-error -- plain ESM helpers of the CLI, without type declarations
import { writeLargeCorpus } from './benchChunkCommand.mjs';
// @ts-expect-error -- plain ESM helpers of the CLI, without type declarations
import { POOL_MIN_BYTES } from './chunkCommand.mjs';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-threads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sample = readFileSync(join(repo, '../shared/data/owm_sample.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { url: string; text: string });

describe('mind-lab chunk on worker threads', () => {
  it('hashes with node:crypto exactly as the lab does with crypto.subtle', async () => {
    const core = { normalizeForDedup };
    for (const record of sample.slice(0, 40)) expect(nodeContentHash(core, record.text)).toBe(await contentHash(record.text));
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (text) => {
      expect(nodeContentHash(core, text)).toBe(await contentHash(text));
    }), { numRuns: 200 });
  });

  it('writes the same excerpts in the same order with a pool of threads as on one thread, duplicates included', { timeout: 240_000 }, async () => {
    const input = join(work, 'large.jsonl');
    await writeLargeCorpus(input, sample, POOL_MIN_BYTES + 2 ** 20);
    // 25 records twice at the end, the second time with other urls: dedup keeps the first copies, whichever thread hashed them.
    for (const tag of ['first', 'again']) appendFileSync(input, sample.slice(0, 25).map((record) => `${JSON.stringify({ ...record, url: `${record.url}#${tag}` })}\n`).join(''));
    expect(statSync(input).size).toBeGreaterThan(POOL_MIN_BYTES);
    const pooled = await runCli(['chunk', input, '-o', join(work, 'pooled.jsonl'), '--threads', '2']);
    const single = await runCli(['chunk', input, '-o', join(work, 'single.jsonl'), '--threads', '1']);
    expect(pooled.code, pooled.stderr).toBe(0);
    expect(single.code, single.stderr).toBe(0);
    expect(pooled.stderr).toMatch(/ 25 duplicates skipped, .* \(hashed and chunked on 2 worker threads\)$/m);
    expect(single.stderr).not.toMatch(/worker threads/);
    expect(readFileSync(join(work, 'pooled.jsonl'), 'utf8')).toBe(readFileSync(join(work, 'single.jsonl'), 'utf8'));
  });
});
