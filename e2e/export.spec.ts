import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { parse as parseYaml } from 'yaml';
import { writeReviewPack } from './helpers/reviewPack';

const packPath = join(tmpdir(), `mind-lab-export-pack-${process.pid}.jsonl`);
const { ids } = writeReviewPack(packPath);

async function openReview(page: Page, view: 'Queue' | 'Raters and rubric') {
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('group', { name: 'Review views' }).getByRole('button', { name: view }).click();
}

/** Imports the pack and keeps three dialogues by keyboard, as a reviewer does. */
async function curateThree(page: Page): Promise<void> {
  await page.goto('/');
  await openReview(page, 'Raters and rubric');
  await page.getByLabel('Import a dialogue pack').setInputFiles(packPath);
  await expect(page.getByRole('status').filter({ hasText: `Imported ${ids.length} dialogues` })).toBeVisible();
  await page.getByLabel('Rater name').fill('ana');
  await openReview(page, 'Queue');
  await expect(page.getByRole('status').filter({ hasText: `${ids.length} dialogues in the queue` })).toBeVisible();
  await page.getByRole('list', { name: 'Review queue' }).getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  for (let n = 1; n <= 3; n++) {
    await expect(page.getByRole('article', { name: `Dialogue ${n} of ${ids.length}` })).toBeVisible();
    // faithfulness, math, knowledge gap, style fit, keep (the first option)
    for (const key of ['4', '5', '1', '3', '1']) {
      await page.keyboard.press(key);
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('article', { name: `Dialogue 4 of ${ids.length}` })).toBeVisible();
}

async function openExport(page: Page) {
  await page.getByRole('tab', { name: 'Export' }).click();
  await expect(page.getByTestId('export-count')).toHaveText(`3 of ${ids.length} dialogues selected`);
  await page.getByRole('radio', { name: 'Browser download' }).check();
}

async function exportAndSave(page: Page, name: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  const path = join(tmpdir(), `mind-lab-export-${process.pid}-${name}`);
  await download.saveAs(path);
  await expect(page.getByRole('status', { name: 'Export finished' })).toBeVisible();
  return { fileName: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

const decoder = new TextDecoder();
const jsonLines = (bytes: Uint8Array | undefined) => {
  expect(bytes, 'file in the bundle').toBeDefined();
  return decoder.decode(bytes).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
};

test('three kept dialogues exported in every format, each file read back with a real reader', async ({ page }) => {
  await curateThree(page);
  await openExport(page);
  // The count follows the selection as it changes.
  await page.getByLabel('Verdict').selectOption('any');
  await expect(page.getByTestId('export-count')).toHaveText(`${ids.length} of ${ids.length} dialogues selected`);
  await page.getByLabel('Verdict').selectOption('kept');
  await expect(page.getByTestId('export-count')).toHaveText(`3 of ${ids.length} dialogues selected`);

  for (const name of ['Pretraining JSONL', 'Chat JSONL', 'ShareGPT JSONL', 'Preference pairs', 'Parquet', 'Nemotron-MIND layout']) {
    await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
  }
  await page.getByRole('radio', { name: 'Raw excerpt, then the dialogue' }).check();
  const { fileName, bytes } = await exportAndSave(page, 'bundle.zip');
  expect(fileName).toMatch(/^mind-lab-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(bytes);

  const pretraining = jsonLines(files['pretraining.jsonl']);
  expect(pretraining).toHaveLength(3);
  for (const row of pretraining) {
    expect(ids).toContain(row.id);
    expect(row).toMatchObject({ verdict: 'kept', keep_votes: 1, ratings_submitted: 1, rating_means: { faithfulness: 4, math: 5, styleFit: 3 }, engine: 'openai', edited: false });
    expect(row.excerpt_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.text.length).toBeGreaterThan(100);
  }
  const chat = jsonLines(files['chat.jsonl']);
  expect(chat.map((row) => row.id)).toEqual(pretraining.map((row) => row.id));
  // The first speaker is the user, the second the assistant (a dialogue with no labels is one user message).
  const talk = chat.findIndex((row) => row.messages.length >= 2);
  expect(chat[talk].messages.slice(0, 2).map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
  const sharegpt = jsonLines(files['sharegpt.jsonl']);
  expect(sharegpt[talk].conversations.slice(0, 2).map((turn: { from: string }) => turn.from)).toEqual(['human', 'gpt']);

  const table = await parquetReadObjects({ file: files['data/train-00000-of-00001.parquet']!.slice().buffer });
  expect(table.map((row) => [row.id, row.text, row.messages])).toEqual(chat.map((row) => [row.id, row.text, row.messages]));

  const nemotron = Object.keys(files).filter((path) => path.startsWith('nemotron/'));
  expect(nemotron.length).toBeGreaterThan(0);
  const nemotronRows = nemotron.flatMap((path) => jsonLines(files[path]).map((row) => ({ path, row })));
  expect(nemotronRows).toHaveLength(3);
  for (const { path, row } of nemotronRows) expect(path).toBe(`nemotron/${row['Conversational Style']}/part-00000.jsonl`);

  // One rater kept three dialogues and rejected none: no pair to prefer.
  expect(decoder.decode(files['preferences.jsonl'])).toBe('');

  const card = decoder.decode(files['README.md']);
  const front = parseYaml(card.slice(4, card.indexOf('\n---\n')));
  expect(front).toMatchObject({ license: 'odc-by', language: ['en'], task_categories: ['text-generation'], size_categories: ['n<1K'], pretty_name: 'MIND Lab dialogues' });
  expect(front.configs[0]).toEqual({ config_name: 'default', data_files: [{ split: 'train', path: 'data/train-00000-of-00001.parquet' }] });
  expect(card).toContain('3 kept, 0 rejected, 0 undecided');
  expect(card).toContain('llama3-70b-instruct');
});

test('one format without the card is saved as that one file', async ({ page }) => {
  await curateThree(page);
  await openExport(page);
  for (const name of ['Pretraining JSONL', 'Parquet', 'Dataset card']) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).uncheck();
  await page.getByRole('checkbox', { name: /^Chat JSONL/ }).check();
  await page.getByLabel('First speaker').selectOption('assistant');
  await page.getByLabel('Second speaker').selectOption('user');
  const { fileName, bytes } = await exportAndSave(page, 'chat.jsonl');
  expect(fileName).toBe('mind-lab-chat.jsonl');
  const rows = jsonLines(bytes);
  expect(rows).toHaveLength(3);
  const talk = rows.find((row) => row.messages.length >= 2);
  expect(talk.messages.slice(0, 2).map((m: { role: string }) => m.role)).toEqual(['assistant', 'user']);
});
