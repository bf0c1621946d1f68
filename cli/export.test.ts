import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { writeReviewPack } from '../e2e/helpers/reviewPack';
import { runCli } from './testing/runCli';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jsonl = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));

describe('mind-lab export', () => {
  const pack = join(work, 'pack.jsonl');
  const { ids } = writeReviewPack(pack);

  it('writes every format from a dialogue pack, the same rows in each', async () => {
    const out = join(work, 'all');
    const { code, stderr } = await runCli(['export', pack, '--format', 'jsonl,chat,sharegpt', '--format', 'parquet', '--format', 'nemotron', '--format', 'dpo', '-o', out, '--layout', 'excerpt-then-dialogue']);
    expect(stderr).toContain(`${ids.length} dialogues exported`);
    expect(code).toBe(0);
    const pretraining = jsonl(join(out, 'pretraining.jsonl'));
    expect(pretraining.map((row) => row.id)).toEqual(ids);
    const paper = pretraining[0];
    const excerpt = JSON.parse(readFileSync(pack, 'utf8').split('\n')[1]!).dialogue.excerptText as string;
    expect(paper.text.startsWith(`${excerpt.trim()}\n\n`)).toBe(true);
    expect(paper).toMatchObject({ verdict: 'undecided', ratings_submitted: 0, edited: false, engine: 'openai' });
    expect(typeof paper.filter_pass).toBe('boolean');
    expect(jsonl(join(out, 'chat.jsonl'))[0].messages.length).toBeGreaterThan(2);
    expect(jsonl(join(out, 'sharegpt.jsonl'))[0].conversations[0].from).toBe('human');
    const parquet = await parquetReadObjects({ file: readFileSync(join(out, 'data/train-00000-of-00001.parquet')).buffer as ArrayBuffer });
    expect(parquet.map((row) => [row.id, row.text])).toEqual(pretraining.map((row) => [row.id, row.text]));
    expect(readdirSync(join(out, 'nemotron')).sort()).toEqual(['DEBATE', 'INTERVIEW', 'LAYMAN_KNOWALL', 'PROBLEM_SOLVING', 'TEACHER_STUDENT', 'TWO_PROFESSORS', 'TWO_STUDENTS']);
    // A pack has no reviews, so no pairs.
    expect(readFileSync(join(out, 'preferences.jsonl'), 'utf8')).toBe('');
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(parseYaml(card.split('---\n')[1]!)).toMatchObject({ license: 'odc-by', size_categories: ['n<1K'] });
  }, 60_000);

  it('selects by style and filter outcome', async () => {
    const out = join(work, 'debate');
    const { code } = await runCli(['export', pack, '--format', 'jsonl', '--style', 'DEBATE', '--filter', 'pass', '-o', out]);
    expect(code).toBe(0);
    const rows = jsonl(join(out, 'pretraining.jsonl'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.style === 'DEBATE' && row.filter_pass === true)).toBe(true);
  }, 60_000);

  it('refuses a bad line with FILE:LINE and leaves no folder', async () => {
    const bad = join(work, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(pack, 'utf8')}{"dialogue": 1}\n`);
    const out = join(work, 'bad-out');
    const { code, stderr } = await runCli(['export', bad, '--format', 'jsonl', '-o', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.jsonl:\d+: not a dialogue/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('refuses an unknown format as a usage error', async () => {
    const { code, stderr } = await runCli(['export', pack, '--format', 'csv', '-o', join(work, 'x')]);
    expect(code).toBe(2);
    expect(stderr).toContain('formats.0: Invalid option');
  }, 60_000);
});
