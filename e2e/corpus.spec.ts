import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startHfReplay } from './fixtures/corpus/hfReplayServer';
import { parquetWithoutTextColumn } from './fixtures/corpus/parquetWithoutText';

const SHARED = '/work/shared/data';
const FIXTURES = 'e2e/fixtures/corpus';

async function openCorpus(page: Page) {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
}

async function importFile(page: Page, path: string) {
  await page.getByLabel('Corpus file').setInputFiles(path);
  await page.getByRole('button', { name: 'Import file' }).click();
}

const notice = (page: Page) => page.locator('p.notice');

test('imports the OpenWebMath sample (JSONL), searches it, renders math and sends an excerpt to Generate', async ({ page }) => {
  await openCorpus(page);
  await importFile(page, `${SHARED}/owm_sample.jsonl`);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 320 documents' })).toBeVisible();
  await expect(page.getByRole('button', { name: /owm_sample\.jsonl · 320 documents/ })).toBeVisible();
  const details = page.getByRole('region', { name: 'Source owm_sample.jsonl' });
  await expect(details.getByRole('list', { name: 'Documents' }).getByRole('listitem').first()).toContainText('https://');

  await page.getByLabel('Search excerpts').fill('eigenvalue');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^\d+ excerpts \(/ })).toBeVisible();
  const excerpts = page.getByRole('list', { name: 'Excerpts' });
  // Each hit's snippet opens near its first match and marks the words that matched (prefix: "eigenvalues" too).
  await expect(excerpts.getByRole('listitem').first().locator('mark').first()).toHaveText(/^eigenvalue/i);
  await expect(excerpts.locator('mark').filter({ hasNotText: /^eigenvalue/i })).toHaveCount(0);
  await excerpts.getByRole('button').first().click();
  const view = page.getByRole('region', { name: /^Excerpt \d+$/ });
  await expect(view.getByRole('region', { name: 'Rendered excerpt' }).getByRole('math').first()).toBeVisible();
  await expect(view.getByRole('region', { name: 'Raw excerpt' })).toContainText(/eigenvalue/i);
  await page.screenshot({ path: 'test-results/corpus-excerpt.png', fullPage: true });

  const raw = await view.getByRole('region', { name: 'Raw excerpt' }).textContent();
  await view.getByRole('button', { name: 'Use in Generate' }).click();
  await expect(page.getByRole('tab', { name: 'Generate' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Excerpt', exact: true })).toHaveValue(raw!);
});

test('imports gzip and Parquet copies of the sample as exact duplicates, then a JSON array, a Markdown file and pasted text', async ({ page }) => {
  await openCorpus(page);
  await importFile(page, `${SHARED}/owm_sample.jsonl`);
  await expect(notice(page)).toContainText('Imported 320 documents');
  await importFile(page, `${SHARED}/owm_sample.jsonl.gz`);
  await expect(notice(page)).toContainText('Nothing new: all 320 documents were already in the corpus (exact duplicates).');

  await page.getByLabel('Corpus file').setInputFiles(`${SHARED}/owm_sample.parquet`);
  await expect(page.getByRole('tabpanel', { name: 'Corpus' }).getByLabel('Text column')).toHaveValue('text');
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(notice(page)).toContainText('Nothing new: all 320 documents were already in the corpus (exact duplicates).');

  await importFile(page, `${FIXTURES}/documents.json`);
  await expect(notice(page)).toContainText('Imported 4 documents');
  await importFile(page, `${FIXTURES}/notes.md`);
  await expect(notice(page)).toContainText('Imported 1 documents');
  await page.getByLabel('Pasted text', { exact: true }).fill('Pasted theorem: for all $n$, $\\sum_{k=1}^n k = n(n+1)/2$.');
  await page.getByLabel('Source name').fill('My paste');
  await page.getByRole('button', { name: 'Import pasted text' }).click();
  await expect(notice(page)).toContainText('Imported 1 documents');

  const sources = page.getByRole('list', { name: 'Sources' });
  for (const name of ['owm_sample.jsonl · 320', 'owm_sample.jsonl.gz · no new documents: all 320 were duplicates', 'owm_sample.parquet · no new documents: all 320 were duplicates', 'documents.json · 4', 'notes.md · 1', 'My paste · 1']) {
    await expect(sources.getByRole('button', { name: new RegExp(name.replace(/\./g, '\\.')) })).toBeVisible();
  }
  await page.getByLabel('Search excerpts').fill('Cauchy');
  await page.getByLabel('Source', { exact: true }).selectOption({ label: 'documents.json' });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^4 excerpts/ })).toBeVisible();
});

test('bad input: every rejected record is listed with its line and reason, valid ones are kept', async ({ page }) => {
  await openCorpus(page);
  const cases: [string, RegExp, number[]][] = [
    ['truncated.jsonl', /Imported 3 documents \(0 duplicates skipped, 1 rejected\)/, [4]],
    ['invalid-json.jsonl', /Nothing new: all 2 documents were already in the corpus \(exact duplicates\), 4 rejected\./, [2, 3, 4, 5]],
    ['invalid-utf8.jsonl', /Nothing new: all 2 documents were already in the corpus \(exact duplicates\), 1 rejected\./, [2]],
    ['bom.jsonl', /Nothing new: all 2 documents were already in the corpus \(exact duplicates\)\./, []],
  ];
  for (const [file, summary, lines] of cases) {
    await importFile(page, `${FIXTURES}/${file}`);
    await expect(notice(page)).toContainText(summary);
    if (lines.length === 0) continue;
    const table = page.getByRole('region', { name: `Source ${file}` }).getByRole('table', { name: 'Rejected records' });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(lines.length + 1);
    for (const [i, line] of lines.entries()) {
      await expect(rows.nth(i + 1).getByRole('cell').nth(0)).toHaveText(file);
      await expect(rows.nth(i + 1).getByRole('cell').nth(1)).toHaveText(String(line));
      await expect(rows.nth(i + 1).getByRole('cell').nth(2)).not.toBeEmpty();
    }
  }

  await importFile(page, `${FIXTURES}/empty.jsonl`);
  await expect(page.getByRole('alert')).toContainText('Import failed');
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /empty\.jsonl/ })).toHaveCount(0);

  // Whole or nothing: a gzip stream cut short imports nothing, unless the records before the cut are asked for.
  await importFile(page, `${FIXTURES}/truncated.jsonl.gz`);
  await expect(page.getByRole('alert')).toContainText(/could not be read to its end .*gzip data is truncated or corrupt/);
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /truncated\.jsonl\.gz/ })).toHaveCount(0);
  await page.getByLabel('Keep records read before a failure').check();
  await importFile(page, `${FIXTURES}/truncated.jsonl.gz`);
  await expect(notice(page)).toContainText(/1 rejected/);
  const gz = page.getByRole('region', { name: 'Source truncated.jsonl.gz' }).getByRole('table', { name: 'Rejected records' });
  await expect(gz).toContainText(/gzip data is truncated or corrupt.*records read before this point were kept/);

  // Hostile records are rejected one by one, each with its line; the good ones around them are kept.
  const hostile = [
    JSON.stringify({ text: 'A hostile-input test record about primes.' }),
    `{"text":"deep","metadata":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
    '{"__proto__":"not the text field"}',
    JSON.stringify({ text: 'Another hostile-input test record, about groups.' }),
  ].join('\n');
  await page.getByLabel('Corpus file').setInputFiles({ name: 'hostile.jsonl', mimeType: 'application/json', buffer: Buffer.from(hostile) });
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(notice(page)).toContainText(/Imported 2 documents \(0 duplicates skipped, 2 rejected\)/);
  const rejected = page.getByRole('region', { name: 'Source hostile.jsonl' }).getByRole('table', { name: 'Rejected records' });
  await expect(rejected).toContainText(/metadata nests deeper than 32 levels/);
  await expect(rejected).toContainText(/missing text field "text"/);
});

test('a Parquet file without a text column is caught before import; choosing the right column imports it', async ({ page }, testInfo) => {
  await openCorpus(page);
  await page.getByLabel('Corpus file').setInputFiles(parquetWithoutTextColumn(testInfo.outputPath('no-text.parquet')));
  await expect(page.getByRole('alert')).toContainText('no-text.parquet has no "text" column (it has url, body, date, metadata)');
  await expect(page.getByRole('button', { name: 'Import file' })).toBeDisabled();
  await page.getByRole('tabpanel', { name: 'Corpus' }).getByLabel('Text column').selectOption('body');
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(notice(page)).toContainText('Imported 320 documents (0 duplicates skipped, 0 rejected)');

  // The 121-byte file that makes hyparquet spin forever (docs/hostile-input.md) is refused, and the tab stays usable.
  await page.getByLabel('Corpus file').setInputFiles('src/core/corpus/fixtures/hyparquet-hang.parquet');
  await page.getByRole('tabpanel', { name: 'Corpus' }).getByLabel('Text column').selectOption('url');
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByRole('alert')).toContainText(/damaged page header in column "url"/);
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /hyparquet-hang/ })).toHaveCount(0);
});

test('HTML and script inside OWM text render as inert text', async ({ page }) => {
  await openCorpus(page);
  await importFile(page, `${FIXTURES}/injection.jsonl`);
  await expect(notice(page)).toContainText('Imported 1 documents');
  await page.getByRole('list', { name: 'Excerpts' }).getByRole('button').first().click();
  const rendered = page.getByRole('region', { name: 'Rendered excerpt' });
  await expect(rendered).toContainText('<script>window.__pwned = 1</script>');
  await expect(rendered).toContainText('<b>bold?</b>');
  await expect(rendered.getByRole('math').first()).toBeVisible();
  await expect(rendered.getByRole('img')).toHaveCount(0);
  await expect(rendered.getByRole('link')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('imports a Hugging Face dataset by name from a replay of the datasets-server API, waiting out a 429', async ({ page }) => {
  const server = await startHfReplay(250);
  try {
    await openCorpus(page);
    await page.getByRole('tabpanel', { name: 'Corpus' }).getByLabel('Dataset').fill('nobody/missing');
    await page.getByLabel('API address').fill(server.url);
    await page.getByRole('button', { name: 'Find splits' }).click();
    await expect(page.getByRole('alert')).toContainText('does not exist');

    await page.getByRole('tabpanel', { name: 'Corpus' }).getByLabel('Dataset').fill('open-web-math/open-web-math');
    await page.getByLabel('Access token (optional)').fill('hf_test_token');
    await page.getByRole('button', { name: 'Find splits' }).click();
    await expect(page.getByLabel('Config and split')).toHaveValue('default/train');
    await expect(page.getByText('250 rows in this split.')).toBeVisible();
    await page.getByLabel('Rows to import').fill('250');
    await page.getByRole('button', { name: 'Import from Hugging Face' }).click();
    await expect(notice(page)).toContainText('Imported 250 documents');
    expect(server.authorizations.filter((a) => a === 'Bearer hf_test_token').length).toBeGreaterThanOrEqual(4);
    const details = page.getByRole('region', { name: /^Source open-web-math\/open-web-math/ });
    await expect(details).toContainText('https://huggingface.co/datasets/open-web-math/open-web-math');
  } finally {
    await server.close();
  }
});

function bigJsonl(path: string, records: number): string {
  const lines: string[] = [];
  for (let i = 0; i < records; i += 1) {
    lines.push(JSON.stringify({ url: `https://example.org/big/${i}`, text: `Document ${i}. Let $a_{${i}} = ${i}^2$. `.repeat(20), date: null, metadata: null }));
  }
  writeFileSync(path, lines.join('\n'));
  return path;
}

test('Cancel mid-import leaves nothing, and an import cut short by a reload is removed on the next start', async ({ page }, testInfo) => {
  await openCorpus(page);
  const file = bigJsonl(testInfo.outputPath('big.jsonl'), 30_000);
  await page.getByLabel('Corpus file').setInputFiles(file);
  await page.getByRole('button', { name: 'Import file' }).click();
  const running = page.getByRole('region', { name: 'Running import' });
  await expect(running).toContainText(/[1-9][\d,]* stored/);
  await running.getByRole('button', { name: 'Cancel' }).click();
  await expect(notice(page)).toContainText('Import cancelled. Nothing of it was kept.');
  await expect(page.getByText('No sources yet')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^0 excerpts/ })).toBeVisible();

  await page.getByLabel('Corpus file').setInputFiles(file);
  await page.getByRole('button', { name: 'Import file' }).click();
  await expect(running).toContainText(/[1-9][\d,]* stored/);
  await page.reload();
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await expect(notice(page)).toContainText('Removed 1 import(s) left unfinished');
  await expect(page.getByText('No sources yet')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^0 excerpts/ })).toBeVisible();
});

test('demo corpus: tags, filters, working sets, a seeded sample and a re-chunk all survive a reload', async ({ page }) => {
  await openCorpus(page);
  await page.getByRole('button', { name: 'Load demo corpus' }).click();
  await expect(notice(page)).toContainText('Imported 26 documents');
  const details = page.getByRole('region', { name: /^Source Demo corpus/ });
  await expect(details).toContainText('Source and license:');
  await expect(details).toContainText('CC BY-SA');

  const excerpts = page.getByRole('list', { name: 'Excerpts' });
  await excerpts.getByRole('checkbox').nth(0).check();
  await excerpts.getByRole('checkbox').nth(1).check();
  await page.getByLabel('Working set name').fill('Favourites');
  await page.getByRole('button', { name: /Save selection as working set \(2\)/ }).click();
  const sets = page.getByRole('list', { name: 'Working sets' });
  await expect(sets).toContainText('Favourites · 2 excerpts');

  await excerpts.getByRole('button').nth(2).click();
  const view = page.getByRole('region', { name: /^Excerpt \d+$/ });
  await view.getByLabel('Tags (comma-separated)').fill('proof, favourite');
  await view.getByRole('button', { name: 'Save tags' }).click();
  await page.getByLabel('Tag', { exact: true }).selectOption('proof');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^1 excerpts/ })).toBeVisible();
  await page.getByLabel('Tag', { exact: true }).selectOption('');
  await page.getByLabel('Math', { exact: true }).selectOption('true');
  await page.getByLabel('Min tokens', { exact: true }).fill('200');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^\d+ excerpts/ })).toBeVisible();

  await page.getByLabel('Sample size').fill('5');
  await page.getByLabel('Sample seed').fill('7');
  await page.getByLabel('Sample name').fill('Sample A');
  await page.getByRole('button', { name: /Draw sample/ }).click();
  await page.getByLabel('Sample name').fill('Sample B');
  await page.getByRole('button', { name: /Draw sample/ }).click();
  const a = sets.getByRole('listitem').filter({ hasText: 'Sample A' });
  const b = sets.getByRole('listitem').filter({ hasText: 'Sample B' });
  await expect(a).toContainText('5 excerpts · seed 7');
  const ids = (text: string | null) => text?.match(/#\d+/g)?.join(' ');
  expect(ids(await a.textContent())).toBe(ids(await b.textContent()));

  await page.getByLabel('Target chunk tokens').fill('200');
  await page.getByLabel('Min chunk tokens').fill('50');
  await page.getByLabel('Max chunk tokens').fill('300');
  await details.getByRole('button', { name: 'Re-chunk with current settings' }).click();
  await expect(notice(page)).toContainText('Earlier chunk sets are kept');
  await expect(details.getByRole('list', { name: 'Chunk sets' }).getByRole('listitem')).toHaveCount(2);

  await page.reload();
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await expect(page.getByRole('button', { name: /Demo corpus .* 26 documents/ })).toBeVisible();
  await expect(sets).toContainText('Favourites · 2 excerpts');
  await expect(sets).toContainText('Sample A · 5 excerpts');
  await page.getByRole('button', { name: /Demo corpus .* 26 documents/ }).click();
  await expect(details.getByRole('list', { name: 'Chunk sets' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByLabel('Tag', { exact: true }).getByRole('option', { name: 'proof' })).toHaveCount(1);
});
