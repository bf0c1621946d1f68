import { expect, test } from '@playwright/test';

test('deleting a source asks first, then takes its documents, excerpts and working-set places with it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await page.getByRole('button', { name: 'Load demo corpus' }).click();
  const notice = page.locator('p.notice');
  await expect(notice).toContainText('Imported 26 documents');
  const excerpts = page.getByRole('list', { name: 'Excerpts' });
  await excerpts.getByRole('checkbox').nth(0).check();
  await page.getByLabel('Working set name').fill('Picked');
  await page.getByRole('button', { name: /Save selection as working set \(1\)/ }).click();
  await expect(page.getByRole('list', { name: 'Working sets' })).toContainText('Picked · 1 excerpts');

  await page.getByRole('button', { name: /^Demo corpus/ }).first().click();
  const details = page.getByRole('region', { name: /^Source Demo corpus/ });
  await details.getByRole('button', { name: 'Delete source…' }).click();
  const confirm = details.getByRole('group', { name: 'Confirm deletion' });
  await expect(confirm).toContainText('with its 26 documents');
  // Keep it is focused: Enter by mistake deletes nothing.
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete source' }).click();

  await expect(notice).toContainText(/Deleted Demo corpus.*: 26 documents and \d+ excerpts, and their places in 1 working set/);
  await expect(page.getByRole('region', { name: /^Source Demo corpus/ })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Working sets' })).toContainText('Picked · 0 excerpts');
  await page.reload();
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await expect(page.getByRole('button', { name: /^Demo corpus/ })).toHaveCount(0);
});

test('a second tab sees a source imported in the first without a reload', async ({ page, context }) => {
  await page.goto('/');
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('tab', { name: 'Corpus' }).click();
  await expect(other.getByRole('heading', { name: 'Sources' })).toBeVisible();

  await page.getByRole('tab', { name: 'Corpus' }).click();
  await page.getByRole('button', { name: 'Load demo corpus' }).click();
  await expect(page.locator('p.notice')).toContainText('Imported 26 documents');
  await expect(other.getByRole('button', { name: /^Demo corpus.* · 26 documents/ })).toBeVisible({ timeout: 5_000 });
});
