// A bare page for benchmarks: the lab's WllamaEngine and the bare wllama API side by side, with nothing else
// on the main thread. bench/suites/engine-decode.mjs drives it through window.enginePage.
import { Wllama } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { WllamaEngine } from '../../src/engines/wllama';
import { formatPlainTextPrompt } from '../../src/core/prompts/plainTextFormat';
import type { ChatMessage } from '../../src/core/types';
import { OpenAIEngine } from '../../src/engines/openai';
import { executeRun } from '../../src/core/generation/executeRun';
import { modelKeyOf, type GenerationTarget } from '../../src/core/generation/generateDialogue';
import { toWorkItem } from '../../src/core/generation/memoryRunStore';
import { planWorkItems } from '../../src/core/generation/plan';
import { builtInFor, renderTemplate } from '../../src/core/templates';
import { MindLabDatabase } from '../../src/db/database';
import { createRun, dexieRunStore } from '../../src/db/runs';

interface DecodeRun {
  tokens: number;
  tokensPerSecond: number;
  /** 1000 / the median gap between deltas: barely moved by the odd stall when other jobs preempt the page. */
  steadyTokensPerSecond: number;
  text: string;
}

async function modelBlob(url: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`model fetch ${url}: HTTP ${response.status}`);
  return response.blob();
}

/** Decode speed measured the same way for both paths: tokens after the first, over the time after the first. */
function decodeRate(stamps: number[]): number {
  const first = stamps[0];
  const last = stamps[stamps.length - 1];
  if (first === undefined || last === undefined || last <= first) return 0;
  return ((stamps.length - 1) * 1000) / (last - first);
}

function steadyRate(stamps: number[]): number {
  const gaps = stamps.slice(1).map((t, i) => t - (stamps[i] ?? t)).sort((a, b) => a - b);
  const middle = gaps[gaps.length >> 1];
  return middle ? 1000 / middle : 0;
}

const enginePage = {
  engine: null as WllamaEngine | null,
  bare: null as Wllama | null,

  async loadEngine(modelUrl: string, threads: number, contextSize = 2048) {
    await this.engine?.unload();
    this.engine = new WllamaEngine({ threads, contextSize });
    const file = await modelBlob(modelUrl);
    return this.engine.load({ kind: 'gguf-file', file, name: 'model.gguf' });
  },

  async loadBare(modelUrl: string, threads: number, contextSize = 2048) {
    await this.bare?.exit();
    this.bare = new Wllama({ default: wasmUrl }, { suppressNativeLog: true });
    this.bare.setCompat(null);
    await this.bare.loadModel([await modelBlob(modelUrl)], { n_ctx: contextSize, n_threads: threads, n_gpu_layers: 0 });
    return { threads: this.bare.getNumThreads() };
  },

  async runEngine(messages: ChatMessage[], maxTokens: number, seed = 1): Promise<DecodeRun> {
    if (!this.engine) throw new Error('engine not loaded');
    const stamps: number[] = [];
    let text = '';
    let tokens = 0;
    for await (const event of this.engine.generate({ messages, params: { temperature: 0, topP: 1, maxTokens, seed, stop: [] } })) {
      if (event.type === 'delta') {
        stamps.push(performance.now());
        text += event.text;
      } else tokens = event.stats.completionTokens;
    }
    return { tokens, tokensPerSecond: decodeRate(stamps), steadyTokensPerSecond: steadyRate(stamps), text };
  },

  /** The same request straight through wllama: the plain-text prompt the engine would build, same sampling. */
  async runBare(messages: ChatMessage[], maxTokens: number, seed = 1): Promise<DecodeRun> {
    if (!this.bare) throw new Error('bare wllama not loaded');
    const { prompt, stop } = formatPlainTextPrompt(messages);
    const stamps: number[] = [];
    let text = '';
    let tokens = 0;
    const stream = await this.bare.createCompletion({ prompt, stop, stream: true, temperature: 0, top_p: 1, max_tokens: maxTokens, seed });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.text ?? '';
      if (delta) {
        stamps.push(performance.now());
        text += delta;
      }
      if (chunk.timings) tokens = chunk.timings.predicted_n;
    }
    return { tokens: Math.max(tokens, stamps.length), tokensPerSecond: decodeRate(stamps), steadyTokensPerSecond: steadyRate(stamps), text };
  },

  /** The same items through the lab's scheduler (Dexie-backed run store) and through a bare loop. */
  scheduler: {
    target: null as GenerationTarget | null,

    async useWllama(modelUrl: string) {
      const engine = new WllamaEngine({ threads: 1, contextSize: 2048 });
      const model = await engine.load({ kind: 'gguf-file', file: await modelBlob(modelUrl), name: 'stories260K.gguf' });
      this.target = { key: modelKeyOf('wllama', model.modelName), engine, model };
    },

    async useServer(baseUrl: string, modelName: string) {
      const engine = new OpenAIEngine();
      const model = await engine.load({ kind: 'openai', baseUrl, model: modelName });
      this.target = { key: modelKeyOf('openai', model.modelName), engine, model };
    },

    plan(runId: string, count: number, maxTokens: number) {
      if (!this.target) throw new Error('no target');
      const version = builtInFor('TEACHER_STUDENT').version;
      const excerpts = Array.from({ length: count }, (_, i) => ({ text: `Item ${i}. Let $x = ${i}$. Then $x^2 = ${i * i}$ and $2x = ${2 * i}$.` }));
      const planned = planWorkItems({ runId, excerpts, templateVersions: [version], modelKeys: [this.target.key], presets: [{ id: 'p', label: 'p', params: { temperature: 0, topP: 1, maxTokens, seed: 1, stop: [] } }], samplesPerExcerpt: 1 });
      return { version, items: planned.map((p, i) => toWorkItem(p, runId, i, Date.now())) };
    },

    /** Items per second through executeRun, each item stored with its dialogue in IndexedDB as in the lab. */
    async lab(count: number, maxTokens: number, concurrency: number) {
      const target = this.target!;
      const runId = crypto.randomUUID();
      const { version, items } = this.plan(runId, count, maxTokens);
      const db = new MindLabDatabase(`bench-${runId}`);
      await createRun(db, {
        id: runId, name: 'bench', createdAt: Date.now(), updatedAt: Date.now(), status: 'running', pauseReason: null, workingSetId: null,
        templateVersionIds: [version.id], modelKeys: [target.key], presets: [{ id: 'p', label: 'p', params: items[0]!.params }],
        samplesPerExcerpt: 1, concurrency, excerptCount: count, itemCount: count, skipped: [],
      }, items);
      const started = performance.now();
      const outcome = await executeRun({ id: runId, concurrency }, { store: dexieRunStore(db), target: () => target, version: async () => version }, new AbortController().signal);
      const seconds = (performance.now() - started) / 1000;
      const stored = await db.dialogues.count();
      db.close();
      await db.delete();
      return { itemsPerSecond: count / seconds, outcome: outcome.kind, stored };
    },

    /** The same generations with nothing around them: render, stream, count. */
    async bare(count: number, maxTokens: number, concurrency: number) {
      const target = this.target!;
      const { version, items } = this.plan(crypto.randomUUID(), count, maxTokens);
      const lanes = target.engine.parallelRequests ? concurrency : 1;
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < items.length) {
            const item = items[next++]!;
            for await (const event of target.engine.generate({ messages: renderTemplate(version.content, item.excerptText), params: item.params })) void event;
          }
        }),
      );
      return { itemsPerSecond: count / ((performance.now() - started) / 1000) };
    },
  },

  /** For experiments from the bench driver. */
  lib: { Wllama, wasmUrl },
};

declare global {
  interface Window {
    enginePage: typeof enginePage;
  }
}
window.enginePage = enginePage;
document.getElementById('status')!.textContent = 'ready';
