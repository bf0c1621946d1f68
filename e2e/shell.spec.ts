import { expect, test } from '@playwright/test';

test('the shell opens on Generate and switches areas by tab', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'MIND Lab' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Generate' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByRole('heading', { name: 'Active model' })).toBeVisible();
});

test('the page is cross-origin isolated so wllama can use threads', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
});
