/* global window -- page.evaluate() bodies run in the browser */
// Items per second through the lab's run scheduler (executeRun with the Dexie run store, each item stored whole with
// its dialogue) divided by a bare loop over the same items and engine, alternating in one page: wllama on
// stories260K, and the OpenAI engine at concurrency 4 against the real local test server.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withBuiltApp } from '../lib/browser.mjs';

export const title = 'Run scheduler: items/s through the lab ÷ a bare loop';

const PORT = Number(process.env.BENCH_PORT ?? 4202);
const PAGE_DIST = 'bench/.tmp/engine-page-dist';
const MODEL_URL_PATH = '/bench-models/stories260K.gguf';
const ROUNDS = 7;
const ITEMS = 24;
const MAX_TOKENS = 48;
const CONCURRENCY = 4;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function modelPath() {
  const path = process.env.MIND_LAB_TEST_MODEL ?? resolve('../shared/models/stories260K.gguf');
  if (!existsSync(path)) throw new Error(`No test model at ${path}: set MIND_LAB_TEST_MODEL`);
  return path;
}

async function measure(page, rounds) {
  return page.evaluate(
    async ({ rounds, items, maxTokens, concurrency }) => {
      const s = window.enginePage.scheduler;
      // Warm both paths (wasm tiers up, IndexedDB opens, caches fill) before measuring.
      for (let i = 0; i < 2; i += 1) {
        await s.lab(items, 16, concurrency);
        await s.bare(items, 16, concurrency);
      }
      const pairs = [];
      for (let i = 0; i < rounds; i += 1) {
        // Alternate which goes first so drift in machine load hits both alike.
        const lab = i % 2 ? null : await s.lab(items, maxTokens, concurrency);
        const bare = await s.bare(items, maxTokens, concurrency);
        const labAfter = lab ?? (await s.lab(items, maxTokens, concurrency));
        pairs.push({ lab: labAfter.itemsPerSecond, bare: bare.itemsPerSecond, stored: labAfter.stored, outcome: labAfter.outcome });
      }
      return pairs;
    },
    { rounds, items: ITEMS, maxTokens: MAX_TOKENS, concurrency: CONCURRENCY },
  );
}

function figures(label, pairs, how) {
  const ratios = pairs.map((p) => p.lab / p.bare);
  const ratio = median(ratios);
  const whole = pairs.every((p) => p.stored === ITEMS && p.outcome === 'done');
  return [
    { label: `${label}: items/s, scheduler ÷ bare loop (median of ${pairs.length})`, value: ratio, unit: '×', goal: '>= 0.95', met: ratio >= 0.95 && whole, how: `${how}; ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}; every lab run stored all ${ITEMS} dialogues: ${whole ? 'yes' : 'NO'}` },
    { label: `${label}: items/s through the scheduler (median)`, value: median(pairs.map((p) => p.lab)), unit: 'items/s', how },
    { label: `${label}: items/s, bare loop (median)`, value: median(pairs.map((p) => p.bare)), unit: 'items/s', how },
  ];
}

export async function run() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'bench/engine-page/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  const model = readFileSync(modelPath());
  const { startLlamaServer } = await import('../../e2e/llama-server/startServer.ts').catch(async () => {
    // Node cannot import .ts without a loader: go through Vite's module runner as the CLI does.
    const { importTypeScript } = await import('../../cli/loadTypeScript.mjs');
    return importTypeScript('e2e/llama-server/startServer.ts');
  });
  return withBuiltApp(PORT, async ({ browser, url }) => {
    const page = await browser.newPage();
    await page.route(`**${MODEL_URL_PATH}`, (route) => route.fulfill({ body: model, headers: { 'content-type': 'application/octet-stream' } }));
    await page.goto(url);
    await page.getByRole('status').filter({ hasText: 'ready' }).waitFor();

    await page.evaluate((modelUrl) => window.enginePage.scheduler.useWllama(modelUrl), MODEL_URL_PATH);
    const wllama = await measure(page, ROUNDS);

    const server = await startLlamaServer({ modelPath: modelPath(), contextSize: 2048 });
    let openai;
    try {
      await page.evaluate(({ baseUrl, name }) => window.enginePage.scheduler.useServer(baseUrl, name), { baseUrl: server.baseUrl, name: server.model });
      openai = await measure(page, ROUNDS);
    } finally {
      await server.stop();
    }
    return [
      ...figures('wllama', wllama, `stories260K in the page, 1 thread, ${ITEMS} items of ${MAX_TOKENS} tokens, greedy`),
      ...figures(`OpenAI engine, concurrency ${CONCURRENCY}`, openai, `stories260K on the local node-llama-cpp server (1 sequence, so requests queue server-side), ${ITEMS} items of ${MAX_TOKENS} tokens`),
    ];
  }, PAGE_DIST);
}
