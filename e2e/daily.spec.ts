import { expect, test, type Page } from '@playwright/test';
import { resolveTestModel } from './helpers/testModel';

// Daily use: keyboard tabs, no page overflow at phone and desktop widths, the Generate workspace back after a
// reload, a generation cut short by a reload kept as a stopped dialogue, and lists live across tabs.
test.describe.configure({ timeout: 120_000 });

const AREAS = ['Generate', 'Studio', 'Compare', 'Runs', 'Review', 'Export', 'Models', 'Corpus'];
const EXCERPT = 'The derivative of $f(x) = x^2$ is $f\'(x) = 2x$: expand $(x+h)^2$, subtract $x^2$, divide by $h$.';

let modelPath: string;
test.beforeAll(async () => {
  modelPath = await resolveTestModel();
});

async function loadStories(page: Page) {
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('region', { name: /wllama/ }).getByLabel('GGUF model file').setInputFiles(modelPath);
  await expect(page.getByRole('region', { name: 'Active model' })).toContainText('on wllama · context 2048 tokens', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Generate' }).click();
}

const generatePanel = (page: Page) => page.getByRole('region', { name: 'Generate a dialogue' });
const savedDialogues = (page: Page) => page.getByRole('list', { name: 'Saved dialogues' }).getByRole('article');

test('tabs follow the WAI-ARIA pattern from the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Generate' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Studio' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Studio' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Corpus' })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Corpus' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Generate' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Corpus' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'Generate' })).toBeFocused();
  // One tab stop for the whole tab list.
  await expect(page.getByRole('tab', { name: 'Models' })).toHaveAttribute('tabindex', '-1');
});

for (const width of [390, 1920]) {
  test(`no screen overflows the page horizontally at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');
    for (const area of AREAS) {
      await page.getByRole('tab', { name: area }).click();
      await expect(page.getByRole('tabpanel', { name: area })).toBeVisible();
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(scrollWidth, `${area} at ${width} px`).toBeLessThanOrEqual(clientWidth);
    }
  });
}

test('the Generate workspace comes back after a reload', async ({ page }) => {
  await page.goto('/');
  const panel = generatePanel(page);
  await panel.getByLabel('Excerpt', { exact: true }).fill(EXCERPT);
  await panel.getByLabel('Conversation style').selectOption({ label: 'Debate' });
  await panel.getByLabel('Temperature').fill('0.3');
  await panel.getByLabel('Seed').fill('7');
  // Written a moment after the last change: wait until it is stored, not for a fixed time.
  await expect.poll(() => page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('mind-lab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const row = await new Promise<{ value?: { params?: { seed?: number } } } | undefined>((resolve) => {
      const get = db.transaction('settings').objectStore('settings').get('generate.workspace');
      get.onsuccess = () => resolve(get.result);
    });
    db.close();
    return row?.value?.params?.seed;
  })).toBe(7);
  await page.reload();
  await expect(panel.getByLabel('Excerpt', { exact: true })).toHaveValue(EXCERPT);
  await expect(panel.getByLabel('Conversation style')).toHaveValue('builtin:DEBATE');
  await expect(panel.getByLabel('Temperature')).toHaveValue('0.3');
  await expect(panel.getByLabel('Seed')).toHaveValue('7');
});

test('a generation cut short by a reload is kept as a stopped dialogue; a second tab sees new dialogues live', async ({ page, context }) => {
  await page.goto('/');
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('heading', { name: 'Saved dialogues (0)' })).toBeVisible();

  await loadStories(page);
  const panel = generatePanel(page);
  await panel.getByLabel('Excerpt', { exact: true }).fill(EXCERPT);
  await panel.getByLabel('Max tokens').fill('1500');
  await panel.getByRole('button', { name: 'Generate' }).click();
  // Focus moves to Stop while it runs, so the keyboard user can stop it at once.
  await expect(panel.getByRole('button', { name: 'Stop' })).toBeFocused();
  await expect(panel.getByRole('log')).not.toHaveText(/^(Waiting for the first token…)?$/);
  await page.reload();

  await expect(page.getByRole('heading', { name: 'Saved dialogues (1)' })).toBeVisible();
  await expect(savedDialogues(page).first()).toContainText('· stopped ·');
  await expect(savedDialogues(page).first().getByRole('listitem').first()).not.toBeEmpty();
  // The other tab saw it arrive without a reload.
  await expect(other.getByRole('heading', { name: 'Saved dialogues (1)' })).toBeVisible({ timeout: 5_000 });

  // A finished generation gives focus back to Generate.
  await loadStories(page);
  await panel.getByLabel('Max tokens').fill('24');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('heading', { name: 'Saved dialogues (2)' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Generate' })).toBeFocused();
  await expect(other.getByRole('heading', { name: 'Saved dialogues (2)' })).toBeVisible({ timeout: 5_000 });
});

test('a load error shows next to the control that caused it, takes focus, and is repeated in the Active model card', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Models' }).click();
  const panel = page.getByRole('region', { name: /wllama/ });
  await panel.getByLabel('GGUF model file').setInputFiles({ name: 'notes.gguf', mimeType: 'application/octet-stream', buffer: Buffer.from('{"text": "not a model"}\n') });
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('notes.gguf is not a GGUF model');
  await expect(alert).toBeFocused();
  await expect(alert).toBeInViewport();
  await expect(page.getByRole('region', { name: 'Active model' }).getByRole('alert')).toContainText('notes.gguf is not a GGUF model');
});

test('a GGUF picked from disk is kept in the browser, comes back after a reload without the picker, and can be deleted', async ({ page }) => {
  await page.goto('/');
  await loadStories(page);
  await page.getByRole('tab', { name: 'Models' }).click();
  const kept = page.getByRole('list', { name: 'Kept in this browser' });
  await expect(kept).toContainText('stories260K.gguf');
  await expect(kept).toContainText(/1\.\d MiB/);

  await page.reload();
  // Nothing picked: the last model loads by itself from the browser's own storage.
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByRole('region', { name: 'Active model' })).toContainText('stories260K.gguf on wllama · context 2048 tokens', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Generate' }).click();
  const panel = generatePanel(page);
  await panel.getByLabel('Excerpt', { exact: true }).fill(EXCERPT);
  await panel.getByLabel('Max tokens').fill('16');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('heading', { name: 'Saved dialogues (1)' })).toBeVisible();

  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('button', { name: 'Delete stories260K.gguf from this browser' }).click();
  await expect(page.getByText('None yet: a GGUF file you load is kept here')).toBeVisible();
  await page.reload();
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByRole('region', { name: 'Active model' })).toContainText('No model loaded');
});

test.describe('a first model in one click', () => {
  test('on SwiftShader (WebGPU without shader-f16) the suggestion is the smallest q4f32 instruct model, with its size', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('tab', { name: 'Models' }).click();
    const card = page.getByRole('region', { name: 'Recommended for this device' });
    await expect(card).toContainText('SmolLM2-360M-Instruct-q4f32_1-MLC on WebLLM: about 202 MB to download', { timeout: 30_000 });
    await expect(card).toContainText('no shader-f16');
    await expect(card.getByRole('button', { name: 'Download and load SmolLM2-360M-Instruct-q4f32_1-MLC' })).toBeEnabled();
  });

  test.describe('without WebGPU', () => {
    test.beforeEach(async ({ context }) => {
      await context.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
      });
    });

    test('the suggestion is a small instruct GGUF; its size is read before the download, which loads it into wllama', async ({ page }) => {
      // Hugging Face is out of reach here: the same URL is answered with the shared tiny model, over real HTTP.
      const model = (await import('node:fs')).readFileSync(modelPath);
      await page.route('https://huggingface.co/**/*.gguf', (route) =>
        route.fulfill({ status: 200, body: route.request().method() === 'HEAD' ? '' : model, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(model.length), 'Access-Control-Allow-Origin': '*' } }),
      );
      await page.goto('/');
      await page.getByRole('tab', { name: 'Models' }).click();
      const card = page.getByRole('region', { name: 'Recommended for this device' });
      await expect(card).toContainText('SmolLM2-360M-Instruct-Q4_K_M.gguf on wllama (CPU). No WebGPU here');
      await card.getByRole('button', { name: 'Check the download size' }).click();
      await card.getByRole('button', { name: 'Download 1.1 MiB and load' }).click();
      await expect(page.getByRole('region', { name: 'Active model' })).toContainText('SmolLM2-360M-Instruct-Q4_K_M.gguf on wllama', { timeout: 60_000 });
    });
  });
});

test('"Use in Generate" lands with the excerpt in view and focused, wherever the corpus was scrolled', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/');
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await page.getByRole('button', { name: 'Load demo corpus' }).click();
  await expect(page.locator('p.notice')).toContainText('Imported 26 documents');
  await page.getByRole('list', { name: 'Excerpts' }).getByRole('button').nth(3).click();
  const view = page.getByRole('region', { name: /^Excerpt \d+$/ });
  const useIt = view.getByRole('button', { name: 'Use in Generate' });
  await useIt.scrollIntoViewIfNeeded();
  await useIt.click();
  const excerpt = page.getByRole('textbox', { name: 'Excerpt', exact: true });
  await expect(excerpt).toBeFocused();
  await expect(excerpt).toBeInViewport();
  await expect(excerpt).not.toHaveValue('');
});

test('the Corpus search and its filters come back after a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await page.getByLabel('Search excerpts').fill('eigenvalue');
  await page.getByLabel('Math', { exact: true }).selectOption('true');
  await page.getByLabel('Min tokens', { exact: true }).fill('200');
  await expect.poll(() => page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('mind-lab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const row = await new Promise<{ value?: { query?: string; filters?: { minTokens?: number } } } | undefined>((resolve) => {
      const get = db.transaction('settings').objectStore('settings').get('corpus.view');
      get.onsuccess = () => resolve(get.result);
    });
    db.close();
    return `${row?.value?.query}/${row?.value?.filters?.minTokens}`;
  })).toBe('eigenvalue/200');
  await page.reload();
  await page.getByRole('tab', { name: 'Corpus' }).click();
  await expect(page.getByLabel('Search excerpts')).toHaveValue('eigenvalue');
  await expect(page.getByLabel('Math', { exact: true })).toHaveValue('true');
  await expect(page.getByLabel('Min tokens', { exact: true })).toHaveValue('200');
});

test('unsaved template edits and the run form come back after a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Studio' }).click();
  const studio = page.getByRole('tabpanel', { name: 'Studio' });
  await studio.getByRole('list', { name: 'Templates' }).getByRole('button', { name: /Debate/ }).click();
  const editor = studio.getByRole('region', { name: 'Debate' });
  const edited = 'Context:\n{{context}}\n\nArgue both sides, step by step, as "{{speakerA}}:" and "{{speakerB}}:".';
  await editor.getByLabel('User message').fill(edited);

  await page.getByRole('tab', { name: 'Runs' }).click();
  const runs = page.getByRole('tabpanel', { name: 'Runs' });
  await runs.getByLabel('Run name').fill('Kept across reloads');
  await runs.getByRole('radio', { name: 'Pasted excerpts' }).check();
  await runs.getByLabel(/^Pasted excerpts \(one per block/).fill('Let $x = 1$.\n\nLet $y = 2$.');

  const stored = () => page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('mind-lab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const read = (key: string) => new Promise<unknown>((resolve) => {
      const get = db.transaction('settings').objectStore('settings').get(key);
      get.onsuccess = () => resolve((get.result as { value?: unknown } | undefined)?.value);
    });
    const [studioView, runForm] = (await Promise.all([read('studio.view'), read('runs.form')])) as [{ selectedId?: string } | undefined, { name?: string } | undefined];
    db.close();
    return `${studioView?.selectedId}/${runForm?.name}`;
  });
  await expect.poll(stored).toBe('builtin:DEBATE/Kept across reloads');
  await page.reload();

  await page.getByRole('tab', { name: 'Studio' }).click();
  await expect(studio.getByRole('region', { name: 'Debate' }).getByLabel('User message')).toHaveValue(edited);
  await page.getByRole('tab', { name: 'Runs' }).click();
  await expect(runs.getByLabel('Run name')).toHaveValue('Kept across reloads');
  await expect(runs.getByLabel(/^Pasted excerpts \(one per block/)).toHaveValue('Let $x = 1$.\n\nLet $y = 2$.');
});
