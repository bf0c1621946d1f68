import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine/errors';
import type { Engine, GenerateRequest, GenerationEvent } from '../engine/types';
import { builtInFor } from '../templates';
import { DEFAULT_SAMPLING } from '../types';
import { executeRun, type ExecuteRunDeps } from './executeRun';
import { modelKeyOf, type GenerationTarget } from './generateDialogue';
import { createMemoryRunStore, toWorkItem } from './memoryRunStore';
import { planWorkItems } from './plan';

/**
 * A scheduling double, not a model: it answers each request by a script, so the scheduler's concurrency, retries
 * and pauses can be checked exactly. Real generation through the same scheduler is tested against the real local
 * server (src/engines/openai/runAgainstServer.test.ts) and in the browser (e2e/runs.spec.ts).
 */
function scriptedEngine(parallel: boolean, answer: (call: number, request: GenerateRequest) => Promise<string | Error>) {
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const engine: Engine = {
    kind: parallel ? 'openai' : 'wllama',
    parallelRequests: parallel,
    capabilities: async () => ({ engine: 'openai', available: true, details: {} }),
    load: async () => ({ engine: 'openai', modelName: 'm', contextLength: 4096, hasChatTemplate: null }),
    async *generate(request, signal): AsyncGenerator<GenerationEvent> {
      const call = ++calls;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const result = await answer(call, request);
        if (result instanceof Error) throw result;
        if (signal?.aborted) {
          yield { type: 'done', stats: { promptTokens: 5, completionTokens: 0, timeToFirstTokenMs: null, decodeTokensPerSecond: null, totalMs: 1, finishReason: 'abort' } };
          return;
        }
        yield { type: 'delta', text: result };
        yield { type: 'done', stats: { promptTokens: 5, completionTokens: 60, timeToFirstTokenMs: 1, decodeTokensPerSecond: 100, totalMs: 2, finishReason: 'stop' } };
      } finally {
        inFlight--;
      }
    },
    interrupt: () => undefined,
    unload: async () => undefined,
  };
  return { engine, stats: () => ({ calls, maxInFlight }) };
}

const DIALOGUE = 'A: Why is 2+2 four?\nB: Count two and two more.';
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

function setup(engine: Engine, excerptCount: number) {
  const version = builtInFor('TWO_STUDENTS').version;
  const target: GenerationTarget = { key: modelKeyOf(engine.kind, 'm'), engine, model: { engine: engine.kind, modelName: 'm', contextLength: 4096, hasChatTemplate: null } };
  const planned = planWorkItems({
    runId: 'run-1',
    excerpts: Array.from({ length: excerptCount }, (_, i) => ({ text: `Excerpt ${i}: $x_${i} = ${i}$.` })),
    templateVersions: [version],
    modelKeys: [target.key],
    presets: [{ id: 'p', label: 'default', params: DEFAULT_SAMPLING }],
    samplesPerExcerpt: 1,
  });
  const memory = createMemoryRunStore(planned.map((p, i) => toWorkItem(p, 'run-1', i, 0)));
  const sleeps: number[] = [];
  const deps: ExecuteRunDeps = {
    store: memory.store,
    target: (key) => (key === target.key ? target : null),
    version: async (id) => (id === version.id ? version : null),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { memory, deps, sleeps };
}

describe('executeRun', () => {
  it('keeps an in-browser engine to one request at a time and a server to the run concurrency', async () => {
    for (const [parallel, expected] of [[false, 1], [true, 4]] as const) {
      const scripted = scriptedEngine(parallel, async () => {
        await tick();
        return DIALOGUE;
      });
      const { memory, deps } = setup(scripted.engine, 10);
      expect(await executeRun({ id: 'run-1', concurrency: 4 }, deps, new AbortController().signal)).toEqual({ kind: 'done' });
      expect(scripted.stats().maxInFlight).toBe(expected);
      expect(memory.dialogues()).toHaveLength(10);
      expect(new Set(memory.dialogues().map((d) => d.workItemId)).size).toBe(10);
      expect(memory.items().every((i) => i.state === 'done')).toBe(true);
    }
  });

  it('retries passing errors with backoff, honours Retry-After, and fails other errors item by item', async () => {
    const scripted = scriptedEngine(true, async (call, request) => {
      if (call === 1) return new EngineError('busy', 'HTTP 429', 'wait', { retryAfterMs: 7000 });
      if (call === 2) return new EngineError('server-error', 'HTTP 502', 'retry');
      if (request.messages[0]?.content.includes('Excerpt 1:')) return new EngineError('bad-response', 'garbled', 'check');
      return DIALOGUE;
    });
    const { memory, deps, sleeps } = setup(scripted.engine, 3);
    expect(await executeRun({ id: 'run-1', concurrency: 1 }, deps, new AbortController().signal)).toEqual({ kind: 'done' });
    expect(sleeps).toEqual([7000, 1000]);
    const states = memory.items().map((i) => i.state);
    expect(states).toEqual(['done', 'failed', 'done']);
    expect(memory.items()[1]?.error).toMatchObject({ code: 'bad-response', message: 'garbled' });
  });

  it('pauses the whole run on an outage, leaving unfinished items pending, and resumes without duplicates', async () => {
    let serverUp = true;
    const scripted = scriptedEngine(true, async (call) => {
      if (call === 3) serverUp = false;
      return serverUp ? DIALOGUE : new EngineError('unreachable', 'Could not reach the server.', 'start it');
    });
    const { memory, deps } = setup(scripted.engine, 6);
    const first = await executeRun({ id: 'run-1', concurrency: 1 }, deps, new AbortController().signal);
    expect(first).toMatchObject({ kind: 'paused', reason: expect.stringMatching(/Could not reach the server.*paused/) });
    expect(memory.items().filter((i) => i.state === 'done')).toHaveLength(2);
    expect(memory.items().filter((i) => i.state === 'pending')).toHaveLength(4);
    serverUp = true;
    scripted.engine.generate = scriptedEngine(true, async () => DIALOGUE).engine.generate;
    expect(await executeRun({ id: 'run-1', concurrency: 1 }, deps, new AbortController().signal)).toEqual({ kind: 'done' });
    expect(memory.dialogues()).toHaveLength(6);
    expect(new Set(memory.dialogues().map((d) => d.id)).size).toBe(6);
  });

  it('pauses at once when a model is not loaded, and stops on the caller signal leaving items pending', async () => {
    const scripted = scriptedEngine(false, async () => {
      await tick();
      return DIALOGUE;
    });
    const { memory, deps } = setup(scripted.engine, 4);
    expect(await executeRun({ id: 'run-1', concurrency: 1 }, { ...deps, target: () => null }, new AbortController().signal)).toMatchObject({
      kind: 'paused',
      reason: expect.stringMatching(/not loaded/),
    });
    const stop = new AbortController();
    const running = executeRun({ id: 'run-1', concurrency: 1 }, { ...deps, onItemSettled: () => stop.abort() }, stop.signal);
    expect(await running).toEqual({ kind: 'stopped' });
    expect(memory.items().filter((i) => i.state === 'done')).toHaveLength(1);
    expect(memory.items().filter((i) => i.state === 'pending')).toHaveLength(3);
  });
});
