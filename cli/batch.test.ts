import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { batchRequestLineSchema, batchSourceLineSchema } from '../src/core/recipe/batchResults';
import { writeRecipe } from '../src/core/recipe/recipe';
import { sampleRecipe } from '../src/core/recipe/testing/sampleRecipe';
import { repo, runCli } from './testing/runCli';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-batch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sample = join(repo, '../shared/data/owm_sample.jsonl');
const recipeFile = join(work, 'recipe.json');
writeFileSync(recipeFile, writeRecipe(sampleRecipe({ chunking: { targetTokens: 300, minTokens: 80, maxTokens: 600, shortChunks: 'merge' } })));
const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);

describe('mind-lab batch', () => {
  it('chunks as the recipe says and writes gzipped request shards with their sources, the same as from mind-lab chunk output', async () => {
    const dir = join(work, 'gz');
    const made = await runCli(['batch', '--recipe', recipeFile, sample, '-o', dir, '--gzip']);
    expect(made.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['requests-00000.jsonl.gz', 'sources-00000.jsonl.gz']);
    const requests = jsonLines(gunzipSync(readFileSync(join(dir, 'requests-00000.jsonl.gz'))).toString('utf8')).map((line) => batchRequestLineSchema.parse(line));
    const sources = jsonLines(gunzipSync(readFileSync(join(dir, 'sources-00000.jsonl.gz'))).toString('utf8')).map((line) => batchSourceLineSchema.parse(line));
    expect(sources.map((s) => s.custom_id)).toEqual(requests.map((r) => r.custom_id));
    expect(new Set(requests.map((r) => r.custom_id)).size).toBe(requests.length);
    expect(new Set(sources.map((s) => s.style))).toEqual(new Set(['TWO_STUDENTS', 'TEACHER_STUDENT']));

    // The same excerpts chunked by `mind-lab chunk` with the recipe's settings, then rendered: the same requests.
    const excerpts = join(work, 'excerpts.jsonl');
    expect((await runCli(['chunk', sample, '-o', excerpts, '--target-tokens', '300', '--min-tokens', '80', '--max-tokens', '600'])).code).toBe(0);
    expect(requests.length).toBe(jsonLines(readFileSync(excerpts, 'utf8')).length);
    const plain = join(work, 'plain');
    expect((await runCli(['batch', '--recipe', recipeFile, '--excerpts', excerpts, '-o', plain])).code).toBe(0);
    expect(jsonLines(readFileSync(join(plain, 'requests-00000.jsonl'), 'utf8'))).toEqual(requests);

    const again = await runCli(['batch', '--recipe', recipeFile, sample, '-o', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds requests-00000.jsonl.gz: write each batch to an empty folder');
  }, 90_000);
});
