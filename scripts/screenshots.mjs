// Takes the screenshots in docs/ from the built app, with real inference on the tiny test model:
//   npm run build && node scripts/screenshots.mjs [path/to/model.gguf]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { withBuiltApp } from '../bench/lib/browser.mjs';

const model = process.argv[2] ?? process.env.MIND_LAB_TEST_MODEL ?? resolve('../shared/models/stories260K.gguf');
if (!existsSync(model)) throw new Error(`No model at ${model}: pass a GGUF path`);

const EXCERPT = [
  'Problem. Show that the sum of the first $n$ odd numbers is $n^2$.',
  '',
  'Proof by induction. For $n = 1$ the sum is $1 = 1^2$. Suppose $1 + 3 + \\dots + (2n-1) = n^2$. Adding the next odd',
  'number gives $n^2 + (2n + 1) = (n+1)^2$, which is the claim for $n + 1$.',
].join('\n');

await withBuiltApp(4290, async ({ browser, url }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('region', { name: /wllama/ }).getByLabel('GGUF model file').setInputFiles(model);
  await page.getByRole('region', { name: 'Active model' }).getByText('on wllama').waitFor({ timeout: 120_000 });
  await page.screenshot({ path: 'docs/screenshot-models.png', fullPage: false });

  await page.getByRole('tab', { name: 'Generate' }).click();
  const generate = page.getByRole('tabpanel', { name: 'Generate' });
  await generate.getByRole('textbox', { name: 'Excerpt', exact: true }).fill(EXCERPT);
  await generate.getByRole('combobox', { name: 'Conversation style' }).selectOption({ label: 'Teacher–Student' });
  await generate.getByRole('spinbutton', { name: 'Max tokens' }).fill('160');
  await generate.getByRole('button', { name: 'Generate' }).click();
  await page.getByRole('heading', { name: /Saved dialogues \(1\)/ }).waitFor({ timeout: 120_000 });
  await page.screenshot({ path: 'docs/screenshot-generate.png', fullPage: false });

  await page.getByRole('tab', { name: 'Corpus' }).click();
  await page.getByRole('button', { name: /demo corpus/i }).first().click();
  await page.getByText(/Imported \d+ documents/).waitFor({ timeout: 120_000 });
  await page.screenshot({ path: 'docs/screenshot-corpus.png', fullPage: false });
});
console.log('wrote docs/screenshot-{models,generate,corpus}.png');
