import { expect, test, type Locator, type Page } from '@playwright/test';
import { resolveTestModel } from './helpers/testModel';

// Real inference: stories260K.gguf through wllama in the built app, four cells per comparison. No canned text.
test.describe.configure({ timeout: 90_000 });

const EXCERPTS = [
  "The derivative of $f(x) = x^2$ is $f'(x) = 2x$: expand $(x+h)^2$, subtract $x^2$, divide by $h$ and let $h \\to 0$.",
  'A prime number has exactly two divisors, 1 and itself. So 7 is prime, while 9 = 3 · 3 is not.',
];

let modelPath: string;
test.beforeAll(async () => {
  modelPath = await resolveTestModel();
});

async function loadModel(page: Page) {
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('region', { name: /wllama/ }).getByLabel('GGUF model file').setInputFiles(modelPath);
  // Compiling the 10 MB wasm takes a while on a busy 2-core machine.
  await expect(page.getByRole('region', { name: 'Active model' })).toContainText('on wllama · context 2048 tokens', { timeout: 60_000 });
}

const cellsOf = (grid: Locator) => grid.getByRole('group', { name: /^Row \d, / });

interface StoredRow {
  id: string;
  dialogueId?: string;
  rater?: string;
  thumb?: string | null;
  note?: string;
  runId?: string;
}

/** Reads a whole object store of the lab's IndexedDB, as it is on disk. */
const readStore = (page: Page, store: string) =>
  page.evaluate(
    (name) =>
      new Promise<StoredRow[]>((resolve, reject) => {
        const open = indexedDB.open('mind-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as StoredRow[]);
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );

test('compares two styles × two pasted excerpts: cells stream with stats, headers aggregate, a rating persists, a cell opens as a dialogue', async ({ page }) => {
  await page.goto('/');
  await loadModel(page);

  await page.getByRole('tab', { name: 'Compare' }).click();
  const compare = page.getByRole('tabpanel', { name: 'Compare' });
  await compare.getByRole('textbox', { name: /^Excerpts/ }).fill(EXCERPTS.join('\n\n'));
  await compare.getByRole('checkbox', { name: 'Two Students' }).check();
  await compare.getByRole('checkbox', { name: 'Debate' }).check();
  await expect(compare.getByRole('status').filter({ hasText: '2 rows × 2 columns' })).toBeVisible();

  // A max tokens the context cannot hold is refused per cell before any request, with the reason in the cell.
  const maxTokens = compare.getByRole('spinbutton', { name: 'Max tokens' });
  await maxTokens.fill('4000');
  await compare.getByRole('button', { name: 'Run' }).click();
  const grid = compare.getByRole('region', { name: 'Comparison grid' });
  await expect(cellsOf(grid)).toHaveCount(4);
  for (const cell of await cellsOf(grid).all()) await expect(cell).toContainText('Max tokens (4000) is more than the');
  await expect(grid.getByLabel('Aggregates of Debate v1 · stories260K.gguf · A')).toContainText('Failed2');
  await expect(compare.getByRole('button', { name: 'Run' })).toBeEnabled();

  // Stop aborts the one scheduler run: the streaming cell keeps its text unsaved, the others never start.
  await maxTokens.fill('1500');
  await compare.getByRole('button', { name: 'Run' }).click();
  await expect(cellsOf(grid).first().locator('pre')).not.toBeEmpty();
  await compare.getByRole('button', { name: 'Stop' }).click();
  await expect(compare.getByRole('alert')).toContainText('Stopped.');
  await expect(cellsOf(grid).first()).toContainText('Stopped before the end; not saved.');
  for (const cell of await cellsOf(grid).all()) await expect(cell).toHaveAttribute('aria-busy', 'false');
  await expect(cellsOf(grid).filter({ hasText: 'Not run.' })).toHaveCount(3);

  await maxTokens.fill('32');
  await compare.getByRole('button', { name: 'Run' }).click();
  const cells = cellsOf(grid);
  await expect(cells).toHaveCount(4);
  for (const cell of await cells.all()) {
    await expect(cell).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
    const stats = cell.getByRole('definition');
    await expect(stats.nth(4)).toHaveText(/^(finished|hit max tokens)$/);
    expect(Number(await stats.nth(0).textContent())).toBeGreaterThan(20);
    expect(Number(await stats.nth(1).textContent())).toBeGreaterThan(0);
    expect(Number(await stats.nth(1).textContent())).toBeLessThanOrEqual(32);
    await expect(stats.nth(2)).toHaveText(/^\d+ ms$/);
    await expect(cell.locator('pre')).not.toBeEmpty();
    // 32 tokens can never pass the 50-token check: the cell says so.
    await expect(cell).toContainText('✗ Fails checks: Too short');
  }

  for (const style of ['Two Students', 'Debate']) {
    const aggregates = grid.getByRole('columnheader').getByLabel(`Aggregates of ${style} v1 · stories260K.gguf · A`);
    const figures = aggregates.getByRole('definition');
    await expect(figures.nth(0)).toHaveText('2/2');
    await expect(figures.nth(1)).toHaveText(/^\d+\.\d$/);
    await expect(figures.nth(2)).toHaveText(/^\d+\.\d\d$/);
    await expect(figures.nth(4)).toHaveText('0% (0/2)');
  }

  // The Different filter keeps only rows whose finished outputs differ; the caption counts them.
  await compare.getByRole('checkbox', { name: /^Different/ }).check();
  const caption = await grid.locator('caption').textContent();
  const differing = Number(/^(\d) of 2 rows differ/.exec(caption ?? '')?.[1]);
  await expect(grid.getByRole('row')).toHaveCount(1 + differing);
  await compare.getByRole('checkbox', { name: /^Different/ }).uncheck();
  await expect(grid.getByRole('row')).toHaveCount(3);

  const first = cells.first();
  const firstLabel = (await first.getAttribute('aria-label'))!;
  await first.getByRole('button', { name: 'Thumbs up' }).click();
  await expect(first.getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'true');
  await first.getByRole('textbox', { name: 'Note' }).fill('clear first step');
  await first.getByRole('textbox', { name: 'Note' }).press('Enter');
  await expect(first).toContainText('Saved');

  // Any cell opens as a full dialogue; Escape closes it and focus returns to the cell.
  await first.getByRole('button', { name: `Open ${firstLabel}` }).click();
  const dialog = page.getByRole('dialog', { name: firstLabel });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Model and settings' })).toContainText('stories260K.gguf (wllama)');
  await expect(dialog.getByRole('region', { name: 'Model and settings' })).toContainText('Max tokens32');
  await expect(dialog.getByRole('textbox', { name: 'Note' })).toHaveValue('clear first step');
  await expect(dialog.getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(first.getByRole('button', { name: `Open ${firstLabel}` })).toBeFocused();
  // Arrow keys move between cells like a spreadsheet.
  await page.keyboard.press('ArrowRight');
  await expect(cells.nth(1).getByRole('button', { name: /^Open Row 1, / })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cells.nth(3).getByRole('button', { name: /^Open Row 2, / })).toBeFocused();

  await page.reload();
  const ratings = await readStore(page, 'ratings');
  expect(ratings).toHaveLength(1);
  expect(ratings[0]).toMatchObject({ rater: 'me', status: 'submitted', answers: { keep: 'keep', note: 'clear first step' } });
  const dialogues = await readStore(page, 'dialogues');
  // Four from the real run; the refused and stopped cells stored nothing. Grid dialogues belong to no run.
  expect(dialogues).toHaveLength(4);
  expect(dialogues.map((d) => d.id)).toContain(ratings[0]!.dialogueId);
  expect(dialogues.every((d) => d.runId === undefined)).toBe(true);

  // The last grid comes back after the reload, filled from the saved dialogues, with the rating.
  await page.getByRole('tab', { name: 'Compare' }).click();
  await expect(cellsOf(grid)).toHaveCount(4);
  await expect(grid.getByRole('columnheader').getByLabel('Aggregates of Debate v1 · stories260K.gguf · A').getByRole('definition').first()).toHaveText('2/2');
  await cellsOf(grid).first().getByRole('button', { name: `Open ${firstLabel}` }).click();
  await expect(dialog.getByRole('textbox', { name: 'Note' })).toHaveValue('clear first step');
  await expect(dialog.getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'true');
});

test('rows from a corpus working set and from a seeded corpus sample; more than 20 is refused', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await page.getByRole('button', { name: 'Load demo corpus' }).click();
  await expect(page.locator('p.notice')).toContainText('Imported 26 documents');
  const excerpts = page.getByRole('list', { name: 'Excerpts' });
  await excerpts.getByRole('checkbox').nth(0).check();
  await excerpts.getByRole('checkbox').nth(1).check();
  await page.getByLabel('Working set name').fill('Favourites');
  await page.getByRole('button', { name: /Save selection as working set \(2\)/ }).click();
  await expect(page.getByRole('list', { name: 'Working sets' })).toContainText('Favourites · 2 excerpts');

  await page.getByRole('tab', { name: 'Compare' }).click();
  const compare = page.getByRole('tabpanel', { name: 'Compare' });
  await compare.getByRole('radio', { name: 'Working set' }).check();
  await compare.getByRole('combobox', { name: 'Working set' }).selectOption({ label: 'Favourites (2)' });
  const rows = compare.locator('.compare-rows');
  await expect(rows.locator('summary')).toHaveText('Working set "Favourites" (2 excerpts)');
  await expect(rows.getByRole('listitem', { includeHidden: true })).toHaveCount(2);

  await compare.getByRole('radio', { name: 'Corpus sample' }).check();
  await compare.getByRole('spinbutton', { name: 'Excerpts to draw' }).fill('3');
  await compare.getByRole('spinbutton', { name: 'Sample seed' }).fill('5');
  await compare.getByRole('button', { name: 'Draw sample' }).click();
  await expect(rows.locator('summary')).toHaveText(/^Sample of 3 from \d+ corpus excerpts \(seed 5\)$/);
  const firstDraw = await rows.locator('li').allTextContents();
  await compare.getByRole('spinbutton', { name: 'Sample seed' }).fill('6');
  await compare.getByRole('button', { name: 'Draw sample' }).click();
  await expect(rows.locator('summary')).toHaveText(/\(seed 6\)$/);
  await compare.getByRole('spinbutton', { name: 'Sample seed' }).fill('5');
  await compare.getByRole('button', { name: 'Draw sample' }).click();
  await expect(rows.locator('summary')).toHaveText(/\(seed 5\)$/);
  expect(await rows.locator('li').allTextContents()).toEqual(firstDraw);

  await compare.getByRole('spinbutton', { name: 'Excerpts to draw' }).fill('21');
  await compare.getByRole('button', { name: 'Draw sample' }).click();
  await expect(compare.getByRole('status').filter({ hasText: 'The grid takes 20 excerpts at most (got 21)' }).first()).toBeVisible();
  await expect(compare.getByRole('button', { name: 'Run' })).toBeDisabled();
});
