import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReviewPack } from './helpers/reviewPack';

const packPath = join(tmpdir(), `mind-lab-review-pack-${process.pid}.jsonl`);
const { ids } = writeReviewPack(packPath);

async function openReview(page: Page, view: 'Queue' | 'Pairwise' | 'Dashboard' | 'Raters and rubric' = 'Queue') {
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('group', { name: 'Review views' }).getByRole('button', { name: view }).click();
}

async function importPack(page: Page) {
  await page.goto('/');
  await openReview(page, 'Raters and rubric');
  await page.getByLabel('Import a dialogue pack').setInputFiles(packPath);
  await expect(page.getByRole('status').filter({ hasText: `Imported ${ids.length} dialogues` })).toBeVisible();
}

async function setRater(page: Page, name: string) {
  await openReview(page, 'Raters and rubric');
  await page.getByLabel('Rater name').fill(name);
}

const focusView = (page: Page) => page.getByRole('article', { name: /^Dialogue \d+ of \d+$/ });

/** Answers the default rubric by keyboard from its first question, then submits with Enter. */
async function rateByKeyboard(page: Page, keys: { faithfulness: string; math: string; gap: string; style: string; keep: string }) {
  for (const key of [keys.faithfulness, keys.math, keys.gap, keys.style, keys.keep]) {
    await page.keyboard.press(key);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

test('five dialogues reviewed by keyboard alone; answers, drafts and discards persist', async ({ page }) => {
  await importPack(page);
  await setRater(page, 'ana');
  await openReview(page, 'Queue');
  await expect(page.getByRole('status').filter({ hasText: `${ids.length} dialogues in the queue` })).toBeVisible();
  // Start where a keyboard user lands on the queue, then never touch the mouse again.
  await page.getByRole('list', { name: 'Review queue' }).getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radiogroup', { name: 'Faithful to the source' })).toBeFocused();

  for (let n = 1; n <= 5; n++) {
    await expect(focusView(page)).toHaveAccessibleName(`Dialogue ${n} of ${ids.length}`);
    await rateByKeyboard(page, { faithfulness: '4', math: String((n % 5) + 1), gap: '1', style: '3', keep: n === 3 ? '2' : '1' });
  }
  await expect(focusView(page)).toHaveAccessibleName(`Dialogue 6 of ${ids.length}`);
  await expect(page.getByRole('radiogroup', { name: 'Faithful to the source' })).toBeFocused();

  // A submission with the required keep/reject missing is refused with the reason, and nothing moves.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Keep or reject needs an answer' })).toBeVisible();
  await expect(focusView(page)).toHaveAccessibleName(`Dialogue 6 of ${ids.length}`);
  // Ctrl+S saves a draft, J/K move, Backspace discards and moves on.
  await page.keyboard.press('2');
  await page.keyboard.press('Control+s');
  await expect(focusView(page).getByText('Yours: draft')).toBeVisible();
  await page.keyboard.press('k');
  await expect(focusView(page)).toHaveAccessibleName(`Dialogue 5 of ${ids.length}`);
  await expect(focusView(page).getByText('Yours: submitted')).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(focusView(page)).toHaveAccessibleName(`Dialogue 7 of ${ids.length}`);
  await page.keyboard.press('Backspace');
  await expect(focusView(page)).toHaveAccessibleName(`Dialogue 8 of ${ids.length}`);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Review shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Review shortcuts' })).toBeHidden();

  // After a reload the ratings are still there: five submitted (one a reject), one draft, one discarded.
  await page.reload();
  await openReview(page, 'Queue');
  const queue = page.getByRole('list', { name: 'Review queue' });
  await page.getByLabel('Your rating').selectOption('submitted');
  await expect(queue.getByRole('button')).toHaveCount(5);
  await page.getByLabel('Your rating').selectOption('draft');
  await expect(queue.getByRole('button')).toHaveCount(1);
  await page.getByLabel('Your rating').selectOption('discarded');
  await expect(queue.getByRole('button')).toHaveCount(1);
  await page.getByLabel('Your rating').selectOption('submitted');
  await queue.getByRole('button').nth(2).click();
  await expect(page.getByRole('radiogroup', { name: 'Keep or reject' }).getByRole('radio', { name: /reject/ })).toHaveAttribute('aria-checked', 'true');
});

test('filter outcomes show their reasons, signals are marked, and injected markup in output and source stays inert', async ({ page }) => {
  await importPack(page);
  await openReview(page, 'Queue');
  await page.getByLabel('Filter outcome').selectOption('fail');
  const queue = page.getByRole('list', { name: 'Review queue' });
  await expect(queue.getByRole('button')).not.toHaveCount(0);
  await page.getByLabel('Filter outcome').selectOption('');
  // The paper figure's dialogue has no speaker labels: it fails, and says why.
  await page.getByLabel('Sort').selectOption('newest');
  await queue.getByRole('button').nth(1).click();
  await expect(page.getByRole('list', { name: 'Why it fails' })).toContainText(/speaker/i);

  // The hostile dialogue (newest) renders its markup as text: no element, no handler, no script ran.
  await queue.getByRole('button').first().click();
  const view = focusView(page);
  await expect(view.getByRole('region', { name: 'Dialogue' })).toContainText('<img src=x onerror=');
  await expect(view.getByRole('region', { name: 'Source excerpt' })).toContainText('<script>window.__pwned = 1</script>');
  await expect(view.locator('img, script, iframe, a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // Numbers kept from the source are marked in both texts.
  await expect(view.getByRole('region', { name: 'Source excerpt' }).locator('mark[data-signal="kept"]').first()).toBeVisible();
  await expect(view.getByRole('region', { name: 'Dialogue' }).locator('mark[data-signal="kept"]').first()).toBeVisible();
});

test('a dialogue edited (a turn split, a formula fixed) is marked and filtered again, and reverts to the model output', async ({ page }) => {
  await importPack(page);
  await openReview(page, 'Queue');
  await page.getByLabel('Sort').selectOption('oldest');
  const queue = page.getByRole('list', { name: 'Review queue' });
  await queue.getByRole('button').first().click();
  const view = focusView(page);
  await view.getByRole('button', { name: 'Edit turns (E)' }).click();
  const editor = view.getByRole('region', { name: 'Edit dialogue' });
  const firstTurn = editor.getByRole('group', { name: 'Turn 1', exact: true });
  const text = firstTurn.getByRole('textbox', { name: 'Text of turn 1', exact: true });
  const original = await text.inputValue();
  const turnsBefore = await editor.getByRole('group', { name: /^Turn \d+$/ }).count();
  // Split the first turn after its first sentence.
  const cut = original.indexOf('. ') + 2;
  await text.evaluate((el: HTMLTextAreaElement, at: number) => {
    el.focus();
    el.setSelectionRange(at, at);
  }, cut);
  await firstTurn.getByRole('button', { name: 'Split at cursor' }).click();
  await expect(editor.getByRole('group', { name: /^Turn \d+$/ })).toHaveCount(turnsBefore + 1);
  // Fix a formula in the second half.
  const second = editor.getByRole('textbox', { name: 'Text of turn 2', exact: true });
  await second.fill(`${await second.inputValue()} So $a^2 + b^2 = c^2$.`);
  await second.blur();
  await expect(view.getByText('Edited', { exact: true }).first()).toBeVisible();
  await view.getByRole('button', { name: 'Edit turns (E)' }).click();
  await expect(view.getByRole('region', { name: 'Dialogue' })).toContainText('(edited)');
  await expect(view.locator('.katex').filter({ hasText: 'c' }).first()).toBeVisible();

  await page.reload();
  await openReview(page, 'Queue');
  await page.getByLabel('Edited').selectOption('edited');
  await expect(queue.getByRole('button')).toHaveCount(1);
  await queue.getByRole('button').first().click();
  await view.getByRole('button', { name: 'Edit turns (E)' }).click();
  await editor.getByRole('button', { name: 'Revert to original' }).click();
  await expect(editor.getByRole('group', { name: /^Turn \d+$/ })).toHaveCount(turnsBefore);
  await expect(editor.getByRole('textbox', { name: 'Text of turn 1', exact: true })).toHaveValue(original);
});

test('two raters in two browsers: ratings travel by file, merge with a line-by-line report, and agreement shows', async ({ browser }) => {
  const raters = ['ana', 'ben'] as const;
  const files: Record<string, string> = {};
  const contexts = await Promise.all(raters.map(() => browser.newContext()));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, rater] of raters.entries()) {
    const page = pages[i]!;
    await importPack(page);
    await setRater(page, rater);
    await openReview(page, 'Queue');
    await page.getByLabel('Sort').selectOption('oldest');
    await page.getByRole('list', { name: 'Review queue' }).getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    for (let n = 0; n < 6; n++) {
      // The two agree on most dialogues and differ on two.
      const faithfulness = String(i === 1 && n >= 4 ? 2 : 3 + (n % 3));
      await rateByKeyboard(page, { faithfulness, math: '4', gap: '1', style: '4', keep: i === 1 && n === 5 ? '2' : '1' });
    }
    await openReview(page, 'Raters and rubric');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export my ratings (${rater})` }).click();
    files[rater] = join(tmpdir(), `ratings-${rater}-${process.pid}.jsonl`);
    await (await download).saveAs(files[rater]!);
  }
  expect(readFileSync(files.ben!, 'utf8').trim().split('\n')).toHaveLength(7);

  const lead = pages[0]!;
  await lead.getByLabel('Merge another rater\u2019s ratings').or(lead.getByLabel("Merge another rater's ratings")).setInputFiles(files.ben!);
  const preview = lead.getByRole('region', { name: 'Merge preview' });
  await expect(preview).toContainText('6 new ratings by ben');
  await preview.getByRole('button', { name: 'Merge 6 ratings' }).click();
  await expect(lead.getByRole('status').filter({ hasText: 'Merged 6 ratings from ben' })).toBeVisible();
  // Merging the same file again adds nothing and says why, line by line.
  await lead.getByLabel("Merge another rater's ratings").setInputFiles(files.ben!);
  await expect(preview.getByRole('list', { name: 'Skipped lines' }).getByRole('listitem')).toHaveCount(6);
  await expect(preview).toContainText('Line 2: ben already rated dialogue');
  await preview.getByRole('button', { name: 'Cancel' }).click();

  // Agreement per question over the six dialogues both rated: α for everyone, Cohen's κ for the pair.
  const agreement = lead.getByRole('group', { name: 'Agreement between raters' });
  await expect(agreement).toContainText('2 raters with submitted ratings: ana, ben');
  const faithful = agreement.getByRole('row', { name: /Faithful to the source/ });
  await expect(faithful.getByRole('cell').nth(2)).toHaveText('6');
  await expect(faithful.getByRole('cell').nth(1)).toHaveText(/^-?0\.\d{3}$/);
  await expect(faithful.getByRole('cell').nth(3)).toContainText('quadratic, 6 units');
  await openReview(lead, 'Dashboard');
  await expect(lead.getByRole('table')).toContainText('Keep rate');
  await Promise.all(contexts.map((c) => c.close()));
});

test('a pairwise choice between two dialogues of the same excerpt is stored', async ({ page }) => {
  await importPack(page);
  await setRater(page, 'ana');
  await openReview(page, 'Pairwise');
  await expect(page.getByText('1 pair left')).toBeVisible();
  await page.getByRole('button', { name: 'Left is better (1)' }).focus();
  await page.keyboard.press('1');
  await expect(page.getByText('You have judged all 1 pair.')).toBeVisible();
  await page.reload();
  await openReview(page, 'Pairwise');
  await expect(page.getByText('You have judged all 1 pair.')).toBeVisible();
  // Another rater has the pair still to judge.
  await setRater(page, 'ben');
  await openReview(page, 'Pairwise');
  await expect(page.getByText('1 pair left')).toBeVisible();
});

test('every review view fits a 390 px screen with real dialogues in it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await importPack(page);
  for (const view of ['Queue', 'Pairwise', 'Dashboard', 'Raters and rubric'] as const) {
    await openReview(page, view);
    if (view === 'Queue') await expect(focusView(page)).toBeVisible();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth, `${view} at 390 px`).toBeLessThanOrEqual(clientWidth);
  }
});
