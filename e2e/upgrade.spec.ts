import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * A lab of version 5 (a row per document and per excerpt) opened by today's lab in real Chromium: the version-6
 * upgrade moves the corpus into blocks while a notice says so, and the migrated corpus browses and searches.
 *
 * The old lab is written by the corpus bench page (bench/corpus-page, which can declare the version-5 schema) served
 * on the app's own origin through a route, since IndexedDB belongs to an origin.
 */
const BENCH_PAGE = resolve('bench/.tmp/corpus-page-dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const DOCUMENTS = 60_000;

test.beforeAll(() => {
  if (existsSync(join(BENCH_PAGE, 'index.html'))) return;
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'bench/corpus-page/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
});

test('a version-5 lab is upgraded to blocks with a notice, and its corpus browses and searches', async ({ page }) => {
  test.setTimeout(180_000);
  await page.route('**/__v5lab/**', (route) => {
    const path = join(BENCH_PAGE, new URL(route.request().url()).pathname.replace(/^\/__v5lab\//, ''));
    return route.fulfill({ status: 200, contentType: TYPES[extname(path)] ?? 'application/octet-stream', body: readFileSync(path) });
  });
  await page.goto('/__v5lab/index.html');
  await page.getByRole('status').filter({ hasText: 'ready' }).waitFor();
  await page.evaluate((n) => (window as unknown as { corpusBench: { writeVersion5Lab(name: string, n: number): Promise<void> } }).corpusBench.writeVersion5Lab('mind-lab', n), DOCUMENTS);

  await page.goto('/');
  const notice = page.getByRole('status').filter({ hasText: "Moving this lab's corpus into its new storage" });
  await expect(notice).toBeVisible();
  await expect(notice).toBeHidden({ timeout: 120_000 });

  await page.getByRole('tab', { name: 'Corpus' }).click();
  const corpus = page.getByRole('tabpanel', { name: 'Corpus' });
  await corpus.getByRole('button', { name: /owm-v5\.jsonl · 60,000 documents/ }).click();
  const details = corpus.getByRole('region', { name: 'Source owm-v5.jsonl' });
  await expect(details.getByRole('list', { name: 'Documents' }).getByRole('listitem').first()).toContainText('https://math.example.org/questions/0');
  await corpus.getByLabel('Search excerpts').fill('eigenvalue');
  await corpus.getByRole('button', { name: 'Search', exact: true }).click();
  const results = corpus.getByRole('list', { name: 'Excerpts' });
  await expect(results.locator('mark').first()).toHaveText(/^eigenvalue/);
  await results.getByRole('button', { name: /^Open excerpt/ }).first().click();
  await expect(corpus.getByRole('region', { name: /^Excerpt \d+$/ })).toContainText('eigenvalue');
});
