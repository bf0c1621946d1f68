/* global window, crossOriginIsolated -- page.evaluate() bodies run in the browser */
// Decode speed through the lab's WllamaEngine divided by the bare wllama call, same model, prompt, seed, greedy
// sampling and token count, alternating in one browser page (bench/engine-page, built here into bench/.tmp).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withBuiltApp } from '../lib/browser.mjs';

export const title = 'wllama engine layer: decode speed against bare wllama';

const PORT = Number(process.env.BENCH_PORT ?? 4201);
const PAGE_DIST = 'bench/.tmp/engine-page-dist';
const MODEL_URL_PATH = '/bench-models/stories260K.gguf';
const REPETITIONS = 81;
// Short runs keep the two runs of a pair close in time, so load from other jobs hits both alike.
const MAX_TOKENS = 64;
const THREAD_TOKENS = 192;
const MESSAGES = [{ role: 'user', content: 'Context:\nThe derivative of x^2 is 2x.\n\nRewrite the context as a conversation between a teacher and a student.' }];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const quartiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(3);
  return `${at(0.25)} / ${at(0.75)}`;
};

function modelPath() {
  const path = process.env.MIND_LAB_TEST_MODEL ?? resolve('../shared/models/stories260K.gguf');
  if (!existsSync(path)) throw new Error(`No test model at ${path}: set MIND_LAB_TEST_MODEL`);
  return path;
}

export async function run() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'bench/engine-page/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  const model = readFileSync(modelPath());
  return withBuiltApp(PORT, async ({ browser, url }) => {
    const page = await browser.newPage();
    await page.route(`**${MODEL_URL_PATH}`, (route) => route.fulfill({ body: model, headers: { 'content-type': 'application/octet-stream' } }));
    await page.goto(url);
    await page.getByRole('status').filter({ hasText: 'ready' }).waitFor();
    const result = await page.evaluate(
      async ({ modelUrl, messages, maxTokens, repetitions, threadTokens }) => {
        const ep = window.enginePage;
        await ep.loadEngine(modelUrl, 1);
        await ep.loadBare(modelUrl, 1);
        // Warm both paths (wasm tiers up, caches fill) before measuring.
        await ep.runEngine(messages, 32);
        await ep.runBare(messages, 32);
        const pairs = [];
        for (let i = 0; i < repetitions; i += 1) {
          // Alternate which goes first so drift in machine load hits both alike.
          const first = i % 2 ? 'bare' : 'engine';
          const runs = {};
          for (const which of first === 'engine' ? ['engine', 'bare'] : ['bare', 'engine']) {
            runs[which] = which === 'engine' ? await ep.runEngine(messages, maxTokens) : await ep.runBare(messages, maxTokens);
          }
          pairs.push({ engine: runs.engine.tokensPerSecond, bare: runs.bare.tokensPerSecond, steadyEngine: runs.engine.steadyTokensPerSecond, steadyBare: runs.bare.steadyTokensPerSecond, tokens: [runs.engine.tokens, runs.bare.tokens], sameText: runs.engine.text === runs.bare.text });
        }
        await ep.bare.exit();
        // The thread default: the same engine call with 2 threads, for the record (longer runs: 2 threads are slow to start).
        const singles = [];
        const doubles = [];
        for (let i = 0; i < 3; i += 1) singles.push((await ep.runEngine(messages, threadTokens)).tokensPerSecond);
        await ep.loadEngine(modelUrl, 2);
        await ep.runEngine(messages, 32);
        for (let i = 0; i < 3; i += 1) doubles.push((await ep.runEngine(messages, threadTokens)).tokensPerSecond);
        await ep.engine.unload();
        return { pairs, singles, doubles, crossOriginIsolated, cores: navigator.hardwareConcurrency };
      },
      { modelUrl: MODEL_URL_PATH, messages: MESSAGES, maxTokens: MAX_TOKENS, repetitions: REPETITIONS, threadTokens: THREAD_TOKENS },
    );
    const ratios = result.pairs.map((p) => p.engine / p.bare);
    const ratio = median(ratios);
    const steadyRatios = result.pairs.map((p) => p.steadyEngine / p.steadyBare);
    const steadyRatio = median(steadyRatios);
    const sameWork = result.pairs.every((p) => p.tokens[0] === p.tokens[1] && p.tokens[0] === MAX_TOKENS && p.sameText);
    const single = median(result.singles);
    const double = median(result.doubles);
    const how = `stories260K, greedy, seed 1, ${MAX_TOKENS} tokens, 1 thread, ${REPETITIONS} alternating pairs in one page`;
    return [
      { label: 'decode tok/s, WllamaEngine ÷ bare wllama (median of pairs)', value: ratio, unit: '×', goal: '>= 0.97', met: ratio >= 0.97 && sameWork, how: `${how}; pair ratios from ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}, quartiles ${quartiles(ratios)}; identical text and token counts: ${sameWork ? 'yes' : 'NO'}` },
      { label: 'steady decode rate, WllamaEngine ÷ bare wllama (median of pairs)', value: steadyRatio, unit: '×', goal: '>= 0.97', met: steadyRatio >= 0.97 && sameWork, how: `each run's rate from its median gap between tokens, so stalls from other jobs on the machine count less; pair ratios from ${Math.min(...steadyRatios).toFixed(2)} to ${Math.max(...steadyRatios).toFixed(2)}, quartiles ${quartiles(steadyRatios)}` },
      { label: 'decode tok/s through WllamaEngine (median)', value: median(result.pairs.map((p) => p.engine)), unit: 'tok/s', how },
      { label: 'decode tok/s through bare wllama (median)', value: median(result.pairs.map((p) => p.bare)), unit: 'tok/s', how },
      { label: 'decode tok/s with 1 thread (median of 3)', value: single, unit: 'tok/s', how: `WllamaEngine, ${THREAD_TOKENS} tokens, ${result.cores} cores, cross-origin isolated: ${result.crossOriginIsolated}` },
      { label: 'decode tok/s with 2 threads (median of 3)', value: double, unit: 'tok/s', goal: 'informs the thread default', met: undefined, how: `2 threads ÷ 1 thread = ${(double / single).toFixed(2)}; the lab uses 1 thread below 4 cores` },
    ];
  }, PAGE_DIST);
}
