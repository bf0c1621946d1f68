import { expect, test, type BrowserContext, type Page } from '@playwright/test';

// WebLLM on the SwiftShader WebGPU adapter (Chromium with --enable-unsafe-webgpu). There are no MLC weights and no
// internet here, so these tests cover everything up to the download: catalog, device checks, the worker, failures
// and cache hygiene. Real inference is not tested.

const SMALL_F32 = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
const SMALL_F16_UNDECLARED = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
const SMALL_F32_BASE = `https://huggingface.co/mlc-ai/${SMALL_F32}/resolve/main/`;

/** Every request that leaves localhost is aborted, as offline; returns the URLs that were tried. */
async function blockInternet(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => url.hostname !== 'localhost' && url.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  return blocked;
}

/** Serves a model's mlc-chat-config.json but nothing else: a download that fails after writing to the cache. */
async function serveOnlyChatConfig(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.route(`${baseUrl}mlc-chat-config.json`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*' },
      body: JSON.stringify({ model_type: 'llama', vocab_size: 49152, context_window_size: 4096, tokenizer_files: ['tokenizer.json'], conv_template: {} }),
    }),
  );
}

async function openWebLlm(page: Page) {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Models' }).click();
  const panel = page.getByRole('region', { name: 'WebLLM (WebGPU)' });
  await expect(panel.getByRole('status').filter({ hasText: /models shown/ })).toBeVisible({ timeout: 30_000 });
  return panel;
}

async function filterTo(page: Page, text: string) {
  await page.getByLabel('Filter models').fill(text);
}

/** Every URL web-llm keeps, in the Cache API and in IndexedDB. */
function storedWebLlmUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith('webllm/')) continue;
      for (const request of await (await caches.open(name)).keys()) urls.push(`cache ${name} ${request.url}`);
    }
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('webllm/')) continue;
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('urls')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('urls').objectStore('urls').getAllKeys();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      });
      for (const key of keys) urls.push(`indexeddb ${name} ${String(key)}`);
    }
    return urls.sort();
  });
}

test('the WebLLM catalog on SwiftShader marks f16 models not runnable, small f32 models runnable, and reports storage', async ({ page }) => {
  const panel = await openWebLlm(page);
  const device = panel.getByRole('definition').filter({ hasText: /shader-f16|only f32/ });
  await expect(device).toHaveText('not available: only f32 models run');
  await expect(panel.getByLabel('WebGPU device report')).toContainText('maxBufferSize');
  await expect(panel.getByLabel('WebGPU device report')).toContainText('yes: slow, runs in system memory');

  const summary = panel.getByRole('status').filter({ hasText: /models shown/ });
  await expect(summary).toHaveText(/^165 of 165 models shown · \d+ runnable on this device$/);
  const runnable = Number(/(\d+) runnable/.exec((await summary.textContent()) ?? '')?.[1]);
  // 74 chat models are f32; those too big for this machine's memory are refused as well.
  expect(runnable).toBeGreaterThan(0);
  expect(runnable).toBeLessThanOrEqual(74);
  test.info().annotations.push({ type: 'runnable on SwiftShader', description: String(runnable) });

  await filterTo(page, SMALL_F32);
  const small = panel.getByRole('row', { name: new RegExp(SMALL_F32) });
  await expect(small.getByRole('cell').nth(3)).toHaveText('Runnable');
  await expect(small.getByRole('cell').nth(1)).toHaveText('q4f32_1');
  await expect(panel.getByRole('button', { name: `Load ${SMALL_F32}` })).toBeEnabled();

  // This model does not declare required_features; its id says f16.
  await filterTo(page, SMALL_F16_UNDECLARED);
  const f16 = panel.getByRole('row', { name: new RegExp(SMALL_F16_UNDECLARED) });
  await expect(f16).toContainText('Not runnable: needs shader-f16, which this GPU does not offer');
  await expect(panel.getByRole('button', { name: `Load ${SMALL_F16_UNDECLARED}` })).toHaveCount(0);

  // Every f16 model (86 in web-llm 0.2.86), not only the 30 that declare required_features.
  await filterTo(page, 'needs shader-f16');
  await expect(summary).toHaveText(/^86 of 165 models shown/);

  await filterTo(page, 'snowflake embed');
  await expect(panel.getByRole('row', { name: /snowflake-arctic-embed-s-q0f32-MLC-b4/ })).toContainText('embedding model');

  await panel.getByLabel('Filter models').fill('');
  await panel.getByLabel('Runnable only').check();
  await expect(summary).toHaveText(`${runnable} of 165 models shown · ${runnable} runnable on this device`);

  await expect(panel.getByRole('status', { name: 'Storage estimate' })).toHaveText(/^This site uses .+ of .+ allowed \(.+ free\)\.$/);
  await panel.getByRole('button', { name: 'Persist storage' }).click();
  await expect(panel.getByText(/Storage is persistent|declined to make storage persistent/)).toBeVisible();
});

test('a load with the internet blocked fails through the worker with a clear message', async ({ page, context }) => {
  const blocked = await blockInternet(context);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const panel = await openWebLlm(page);
  await filterTo(page, SMALL_F32);
  await panel.getByRole('button', { name: `Load ${SMALL_F32}` }).click();

  const card = page.getByRole('region', { name: 'Active model' });
  const alert = card.getByRole('alert');
  await expect(alert).toContainText(`Could not download ${SMALL_F32}: TypeError: Failed to fetch`, { timeout: 30_000 });
  await expect(alert).toContainText('Check the internet connection');
  await expect(card).toContainText('No model loaded');
  // The catalog worker and the engine's own worker both ran; the failing fetch came from the engine's worker.
  expect(workers.filter((url) => /webllm\.worker/.test(url)).length).toBeGreaterThanOrEqual(2);
  expect(blocked).toContain(`${SMALL_F32_BASE}mlc-chat-config.json`);
  expect(await storedWebLlmUrls(page)).toEqual([]);
});

for (const backend of [
  { label: /^Cache API/, name: 'cache' },
  { label: /^IndexedDB/, name: 'indexeddb' },
] as const) {
  test(`a download that fails late leaves nothing of that model in the ${backend.name} backend, and keeps other files`, async ({ page, context }) => {
    await blockInternet(context);
    await serveOnlyChatConfig(context, SMALL_F32_BASE);
    const panel = await openWebLlm(page);
    await panel.getByRole('radio', { name: backend.label }).check();

    // Another model, cached earlier by a download that died midway: a failed load must not touch it.
    const otherBase = 'https://huggingface.co/mlc-ai/Other-q4f32_1-MLC/resolve/main/';
    await page.evaluate(async (base) => {
      const cache = await caches.open('webllm/model');
      const manifest = JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }] });
      await cache.put(`${base}tensor-cache.json`, new Response(manifest, { headers: { 'content-type': 'application/json' } }));
      await cache.put(`${base}params_shard_0.bin`, new Response(new Uint8Array(4096), { headers: { 'content-length': '4096' } }));
    }, otherBase);
    const otherFiles = [`cache webllm/model ${otherBase}params_shard_0.bin`, `cache webllm/model ${otherBase}tensor-cache.json`];

    await filterTo(page, SMALL_F32);
    await panel.getByRole('button', { name: `Load ${SMALL_F32}` }).click();
    const alert = page.getByRole('region', { name: 'Active model' }).getByRole('alert');
    // The config arrived, the model library (from GitHub) did not.
    await expect(alert).toContainText(`Could not download ${SMALL_F32}`, { timeout: 30_000 });
    expect(await storedWebLlmUrls(page)).toEqual(otherFiles);

    const cachedTable = panel.getByRole('table', { name: 'Cached WebLLM models' });
    const other = cachedTable.getByRole('row', { name: /Other-q4f32_1-MLC/ });
    await expect(other).toContainText(/4\.\d KiB/);
    await expect(other).toContainText('Incomplete: 1 of 2 weight shards');
    await panel.getByRole('button', { name: 'Delete Other-q4f32_1-MLC from Cache API' }).click();
    await expect(panel.getByText('No WebLLM model files are cached.')).toBeVisible();
    expect(await storedWebLlmUrls(page)).toEqual([]);
  });
}

test('a full disk (Cache API quota exceeded, web-llm #144) says to switch to IndexedDB or free space', async ({ page, context, baseURL }) => {
  await blockInternet(context);
  await serveOnlyChatConfig(context, SMALL_F32_BASE);
  const panel = await openWebLlm(page);
  // Chromium's own quota override: the origin may store almost nothing, as in a private window.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 1 });
  await filterTo(page, SMALL_F32);
  await panel.getByRole('button', { name: `Load ${SMALL_F32}` }).click();
  const alert = page.getByRole('region', { name: 'Active model' }).getByRole('alert');
  await expect(alert).toContainText(`The browser refused to store ${SMALL_F32}: storage quota exceeded.`, { timeout: 30_000 });
  await expect(alert).toContainText('switch the cache backend to IndexedDB');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin });
  expect(await storedWebLlmUrls(page)).toEqual([]);
});

test('the custom model form checks its URLs and labels its fields', async ({ page, context }) => {
  await blockInternet(context);
  const panel = await openWebLlm(page);
  await panel.getByLabel('Weights URL').fill('models/mine');
  await panel.getByLabel('Model library URL (.wasm)').fill('https://example.org/lib.js');
  await panel.getByRole('button', { name: 'Load custom model' }).click();
  await expect(panel.getByRole('alert')).toContainText('The weights URL must be an absolute http(s) URL');
  await expect(panel.getByRole('alert')).toContainText('must point to a compiled .wasm file');

  await panel.getByLabel('Weights URL').fill('https://huggingface.co/someone/Mine-q4f32_1-MLC');
  await panel.getByLabel('Model library URL (.wasm)').fill('https://example.org/Mine-q4f32_1-webgpu.wasm');
  await panel.getByRole('button', { name: 'Load custom model' }).click();
  await expect(page.getByRole('region', { name: 'Active model' }).getByRole('alert')).toContainText('Could not download Mine-q4f32_1-MLC', { timeout: 30_000 });
  expect(await storedWebLlmUrls(page)).toEqual([]);
});

test.describe('without WebGPU', () => {
  test.beforeEach(async ({ context }) => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    });
  });

  test('every model says no WebGPU and a custom load is refused with a hint', async ({ page }) => {
    const panel = await openWebLlm(page);
    await expect(panel.getByText('No WebGPU', { exact: true })).toBeVisible();
    await expect(panel.getByRole('status').filter({ hasText: /models shown/ })).toHaveText('165 of 165 models shown · 0 runnable on this device');
    await filterTo(page, SMALL_F32);
    await expect(panel.getByRole('row', { name: new RegExp(SMALL_F32) })).toContainText('Not runnable: no WebGPU: this browser has no navigator.gpu');
    await expect(panel.getByRole('button', { name: /^Load .*-MLC$/ })).toHaveCount(0);

    await panel.getByLabel('Weights URL').fill('https://huggingface.co/someone/Mine-q4f32_1-MLC');
    await panel.getByLabel('Model library URL (.wasm)').fill('https://example.org/Mine-q4f32_1-webgpu.wasm');
    await panel.getByRole('button', { name: 'Load custom model' }).click();
    const alert = page.getByRole('region', { name: 'Active model' }).getByRole('alert');
    await expect(alert).toContainText('WebGPU is not available');
    await expect(alert).toContainText('wllama CPU engine');
  });
});
