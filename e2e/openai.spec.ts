import { expect, test, type Page } from '@playwright/test';
import { resolveTestModel } from './helpers/testModel';
import { closedPort, startLlamaServer, type RunningLlamaServer } from './llama-server/startServer';

// A real OpenAI-compatible server (node-llama-cpp on CPU) on another origin than the app: every request is a
// cross-origin CORS fetch from a cross-origin-isolated page, with an Authorization header.
const API_KEY = `test-key-${Math.random().toString(36).slice(2)}`;
let server: RunningLlamaServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // --ignore-eos keeps the tiny story model writing, so Stop can be pressed mid-stream.
  server = await startLlamaServer({ modelPath: await resolveTestModel(), apiKey: API_KEY, contextSize: 1024, ignoreEos: true });
});

test.afterAll(async () => {
  await server?.stop();
});

const openaiPanel = (page: Page) => page.getByRole('region', { name: 'OpenAI-compatible server' });
const activeModelCard = (page: Page) => page.getByRole('region', { name: 'Active model' });
const generatePanel = (page: Page) => page.getByRole('region', { name: 'Generate a dialogue' });
const savedDialogues = (page: Page) => page.getByRole('list', { name: 'Saved dialogues' }).getByRole('article');

async function listModels(page: Page, baseUrl: string, apiKey: string) {
  await page.getByRole('tab', { name: 'Models' }).click();
  const panel = openaiPanel(page);
  await panel.getByLabel('Base URL').fill(baseUrl);
  await panel.getByLabel('API key').fill(apiKey);
  await panel.getByRole('button', { name: 'List models' }).click();
}

async function connectAndLoad(page: Page, target: RunningLlamaServer = server, apiKey = API_KEY) {
  await listModels(page, target.baseUrl, apiKey);
  const panel = openaiPanel(page);
  await expect(panel.getByLabel('Model')).toHaveValue(target.model);
  await panel.getByRole('button', { name: 'Use this model' }).click();
  await expect(activeModelCard(page)).toContainText(`${target.model} on openai`);
}

async function startGeneration(page: Page, excerpt: string, maxTokens: number) {
  await page.getByRole('tab', { name: 'Generate' }).click();
  const panel = generatePanel(page);
  await panel.getByLabel('Excerpt', { exact: true }).fill(excerpt);
  await panel.getByLabel('Max tokens', { exact: true }).fill(String(maxTokens));
  await panel.getByRole('button', { name: 'Generate' }).click();
}

const EXCERPT = 'Let $x = 2$. Then $x^2 = 4$, because $2 \\cdot 2 = 4$.';

test('streams a real dialogue from an OpenAI-compatible server, stops on request, and keeps both after a reload', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  await connectAndLoad(page);

  await startGeneration(page, EXCERPT, 48);
  const panel = generatePanel(page);
  const output = panel.getByRole('log');
  await expect(panel.getByRole('button', { name: 'Generate' })).toBeEnabled({ timeout: 30_000 });
  await expect(output).not.toBeEmpty();
  const stats = panel.getByRole('definition');
  await expect(panel.getByLabel('Generation stats')).toContainText('hit max tokens');
  // Prompt and completion tokens come from the server's usage chunk: the real prompt is far longer than 10 tokens.
  expect(Number(await stats.nth(0).textContent())).toBeGreaterThan(10);
  expect(Number(await stats.nth(1).textContent())).toBe(48);
  await expect(savedDialogues(page)).toHaveCount(1);
  await expect(savedDialogues(page).first()).toContainText(`${server.model} (openai) · truncated`);

  // A long generation, stopped once text has streamed: it ends as "stopped by you", not as an error.
  await startGeneration(page, EXCERPT, 8000);
  await expect(output).not.toHaveText(/^(Waiting for the first token…)?$/);
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect(panel.getByRole('button', { name: 'Generate' })).toBeEnabled();
  await expect(panel.getByLabel('Generation stats')).toContainText('stopped by you');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(savedDialogues(page)).toHaveCount(2);
  await expect(savedDialogues(page).first()).toContainText('· stopped ·');

  await page.reload();
  await expect(savedDialogues(page)).toHaveCount(2);
  await expect(savedDialogues(page).nth(1)).toContainText(`${server.model} (openai) · truncated`);
});

test('a wrong API key gives a clear alert, and the right one then connects', async ({ page }) => {
  await page.goto('/');
  await listModels(page, server.baseUrl, 'wrong-key');
  const alert = openaiPanel(page).getByRole('alert');
  await expect(alert).toContainText('The server refused the API key (HTTP 401: Invalid API Key)');
  await expect(alert).toContainText('Check the API key');
  await expect(openaiPanel(page).getByLabel('Model')).toHaveCount(0);
  await expect(activeModelCard(page)).toContainText('No model loaded');

  await openaiPanel(page).getByLabel('API key').fill(API_KEY);
  await openaiPanel(page).getByRole('button', { name: 'List models' }).click();
  await expect(openaiPanel(page).getByLabel('Model')).toHaveValue(server.model);
  await expect(openaiPanel(page).getByRole('alert')).toHaveCount(0);
});

test('a server that does not answer gives a clear alert naming the URL and the CORS flags', async ({ page }) => {
  const port = await closedPort();
  await page.goto('/');
  await listModels(page, `http://127.0.0.1:${port}/v1`, '');
  const alert = openaiPanel(page).getByRole('alert');
  await expect(alert).toContainText(`Could not reach the server at http://127.0.0.1:${port}/v1`);
  await expect(alert).toContainText('Check the URL and that the server is running');
  await expect(alert).toContainText('OLLAMA_ORIGINS');
  await expect(alert).toContainText('--allowed-origins');
  await expect(activeModelCard(page)).toContainText('No model loaded');
});

test('a prompt longer than the server context gives a clear alert, saves nothing, and the lab stays usable', async ({ page }) => {
  await page.goto('/');
  await connectAndLoad(page);
  const longExcerpt = Array.from({ length: 120 }, (_, i) => `Step ${i}: $${i} + ${i} = ${2 * i}$.`).join(' ');
  await startGeneration(page, longExcerpt, 32);
  const panel = generatePanel(page);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText("The prompt is too long for the model's context");
  await expect(alert).toContainText(`the server's context holds ${server.contextSize}`);
  await expect(alert).toContainText('Nothing was saved');
  await expect(savedDialogues(page)).toHaveCount(0);

  await startGeneration(page, EXCERPT, 16);
  await expect(panel.getByLabel('Generation stats')).toContainText('hit max tokens');
  await expect(savedDialogues(page)).toHaveCount(1);
});

test('a key refused only at generation (llama-server lists models without one) gives a clear alert and saves nothing', async ({ page }) => {
  const publicList = await startLlamaServer({ modelPath: await resolveTestModel(), apiKey: API_KEY, publicModelList: true });
  try {
    await page.goto('/');
    await connectAndLoad(page, publicList, 'wrong-key');
    await startGeneration(page, EXCERPT, 16);
    const alert = generatePanel(page).getByRole('alert');
    await expect(alert).toContainText('Generation failed: The server refused the API key (HTTP 401');
    await expect(alert).toContainText('Nothing was saved');
    await expect(savedDialogues(page)).toHaveCount(0);
    await expect(generatePanel(page).getByRole('button', { name: 'Generate' })).toBeEnabled();
  } finally {
    await publicList.stop();
  }
});

/** The key as stored in the lab's IndexedDB settings, undefined when none is. */
const storedApiKey = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('mind-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('openai.connection');
          get.onsuccess = () => {
            resolve((get.result as { value?: { apiKey?: string } } | undefined)?.value?.apiKey);
            open.result.close();
          };
        };
      }),
  );

test('the API key is kept across reloads only while "Remember key on this device" is ticked', async ({ page }) => {
  await page.goto('/');
  await listModels(page, server.baseUrl, API_KEY);
  await expect(openaiPanel(page).getByLabel('Model')).toHaveValue(server.model);
  await page.reload();
  await page.getByRole('tab', { name: 'Models' }).click();
  // The base URL is remembered; the key is not.
  await expect(openaiPanel(page).getByLabel('Base URL')).toHaveValue(server.baseUrl);
  await expect(openaiPanel(page).getByLabel('API key')).toHaveValue('');

  await openaiPanel(page).getByLabel('API key').fill(API_KEY);
  await openaiPanel(page).getByLabel('Remember key on this device').check();
  await expect.poll(() => storedApiKey(page)).toBe(API_KEY);
  await page.reload();
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(openaiPanel(page).getByLabel('API key')).toHaveValue(API_KEY);
  await expect(openaiPanel(page).getByLabel('Remember key on this device')).toBeChecked();

  await openaiPanel(page).getByLabel('Remember key on this device').uncheck();
  // Forgetting is a write to IndexedDB: reload once it has landed, not before.
  await expect.poll(() => storedApiKey(page)).toBeUndefined();
  await page.reload();
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(openaiPanel(page).getByLabel('API key')).toHaveValue('');
  await expect(openaiPanel(page).getByLabel('Remember key on this device')).not.toBeChecked();
});
