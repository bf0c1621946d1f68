import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FaithfulnessSignals, FilterOutcome } from '../src/core/records/review';
import { DEFAULT_FILTER_THRESHOLDS, runMindFilters, thresholdsHash } from '../src/core/review/filters';
import { faithfulnessSignals } from '../src/core/review/signals';
import { readPaperDialogues, readUnlabelledDialogue } from '../src/core/review/filters.realDialogues';
import { runCli } from './testing/runCli';

const work = mkdtempSync(join(tmpdir(), 'mind-lab-filter-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface FilteredLine {
  style?: string;
  filters: FilterOutcome;
  signals?: FaithfulnessSignals;
}

const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FilteredLine);

const dataLines = [
  ...readFileSync(new URL('../../shared/data/mind_dialogues/mind_paper_dialogues.jsonl', import.meta.url), 'utf8').split('\n'),
  ...readFileSync(new URL('../../shared/data/mind_dialogues/mind_figure_unlabeled.jsonl', import.meta.url), 'utf8').split('\n'),
].filter(Boolean);

describe('mind-lab filter', () => {
  const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

  it('has one flag per threshold, each in the help and each taken', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const key of Object.keys(DEFAULT_FILTER_THRESHOLDS)) expect(stdout).toContain(`${flagOf(key)} `);
    const input = join(work, 'one.jsonl');
    writeFileSync(input, `${dataLines[0]}\n`);
    const changed = Object.fromEntries(
      Object.entries(DEFAULT_FILTER_THRESHOLDS).map(([key, value]) => [key, typeof value === 'boolean' ? !value : Number.isInteger(value) ? value + 1 : value / 2]),
    );
    const flags = Object.entries(changed).flatMap(([key, value]) => [flagOf(key), String(value)]);
    const all = await runCli(['filter', input, '-o', join(work, 'one.filtered.jsonl'), ...flags]);
    expect(all.code).toBe(0);
    expect(all.stderr).toContain(`thresholds ${thresholdsHash(changed)}`);
  });

  it('writes every real MIND line back unchanged with its filters and signals', async () => {
    const input = join(work, 'mind.jsonl');
    const output = join(work, 'mind.filtered.jsonl');
    writeFileSync(input, `${dataLines.join('\n')}\n\n`);
    const { code, stderr } = await runCli(['filter', input, '-o', output]);
    expect(code).toBe(0);
    expect(stderr).toContain(`9 dialogues: 8 passed, 1 failed (speakers 1, turns 1); thresholds ${thresholdsHash()}`);
    const written = readFileSync(output, 'utf8').split('\n').filter(Boolean);
    expect(written).toHaveLength(dataLines.length);
    written.forEach((line, i) => expect(line.startsWith((dataLines[i] as string).slice(0, -1))).toBe(true));
    const records = readJsonl(output);
    const real = [...readPaperDialogues(), readUnlabelledDialogue()];
    records.forEach((record, i) => {
      const { dialogue, context } = real[i] ?? { dialogue: '', context: '' };
      expect(record.filters).toEqual(runMindFilters({ text: dialogue }));
      expect(record.signals).toEqual(faithfulnessSignals(context, dialogue));
    });
    expect(records.map((r) => r.filters.pass)).toEqual([true, true, true, true, true, true, true, true, false]);
  });

  it('takes thresholds as flags, reads chat lines, and adds signals only with an excerpt', async () => {
    const [first] = readPaperDialogues();
    const input = join(work, 'chat.jsonl');
    const output = join(work, 'chat.filtered.jsonl');
    const prompt = [{ role: 'system', content: 'Write a dialogue.' }, { role: 'user', content: first?.context }];
    writeFileSync(
      input,
      [
        JSON.stringify({ messages: [...prompt, { role: 'assistant', content: first?.dialogue }] }),
        JSON.stringify({ text: first?.dialogue, excerpt: first?.context }),
      ].join('\n'),
    );
    const { code, stderr } = await runCli(['filter', input, '-o', output, '--min-tokens', '100000', '--require-ending', 'false']);
    expect(code).toBe(0);
    expect(stderr).toContain(`2 dialogues: 0 passed, 2 failed (too-short 2); thresholds ${thresholdsHash({ minTokens: 100000, requireEnding: false })}`);
    const [chat, plain] = readJsonl(output);
    expect(chat?.filters.reasons[0]?.message).toMatch(/^Too short: about \d+ tokens \(at least 100000\)\.$/);
    expect(chat?.signals).toBeUndefined();
    expect(plain?.signals).toEqual(faithfulnessSignals(first?.context ?? '', first?.dialogue ?? ''));
  });

  it('names every bad line and leaves OUT as it was', async () => {
    const input = join(work, 'bad.jsonl');
    const output = join(work, 'bad.filtered.jsonl');
    writeFileSync(output, 'earlier output\n');
    writeFileSync(input, [dataLines[0], '{"text": "cut', dataLines[1], '{"messages": "none"}'].join('\n'));
    const { code, stderr } = await runCli(['filter', input, '-o', output]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${input}:2: not JSON`);
    expect(stderr).toContain(`${input}:4: "messages" must be a non-empty array`);
    expect(stderr).toContain(`2 bad lines: nothing was written to ${output}`);
    expect(readFileSync(output, 'utf8')).toBe('earlier output\n');
    expect(existsSync(`${output}.partial`)).toBe(false);
  });

  it('refuses a bad threshold before reading anything', async () => {
    const output = join(work, 'never.jsonl');
    const share = await runCli(['filter', join(work, 'mind.jsonl'), '-o', output, '--max-repeated-ngram-share', '2']);
    expect(share.code).toBe(2);
    expect(share.stderr).toContain('--max-repeated-ngram-share:');
    const word = await runCli(['filter', join(work, 'mind.jsonl'), '-o', output, '--min-tokens', 'many']);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('--min-tokens must be a number, got "many"');
    expect(existsSync(output)).toBe(false);
  });
});
