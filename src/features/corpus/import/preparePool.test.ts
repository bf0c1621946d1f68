import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CHUNK_OPTIONS } from '../../../core/chunking/chunk';
import { prepareTexts } from './prepare';
import { createPreparePool, defaultPoolSize, type PrepareReply, type PrepareRequest, type PrepareWorkerLike } from './preparePool';

/** Runs prepareTexts like the real worker, but only answers when told to (or never, like a stuck one). */
class FakeWorker implements PrepareWorkerLike {
  onmessage: ((event: MessageEvent<PrepareReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: PrepareRequest[] = [];
  terminated = false;
  postMessage(message: PrepareRequest) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  async answer(index: number) {
    const { id, texts, options } = this.received[index]!;
    this.send({ type: 'done', id, results: await prepareTexts(texts, options) });
  }
  send(message: PrepareReply) {
    this.onmessage?.({ data: message } as MessageEvent<PrepareReply>);
  }
}

afterEach(() => { vi.useRealTimers(); });

describe('prepare pool', () => {
  it('sizes itself to the spare cores, at least one and at most eight', () => {
    expect([1, 2, 4, 16, 64].map((cores) => defaultPoolSize(cores))).toEqual([1, 1, 3, 8, 8]);
  });

  it('spreads batches over its workers and answers each batch with its own results, whatever order they finish in', async () => {
    const workers: FakeWorker[] = [];
    const pool = createPreparePool(2, { createWorker: () => { workers.push(new FakeWorker()); return workers.at(-1)!; } });
    const batches = [['alpha text'], ['beta text', 'gamma text'], ['delta text']];
    const answers = batches.map((texts) => pool.prepare(texts, DEFAULT_CHUNK_OPTIONS));
    expect(workers.map((w) => w.received.length)).toEqual([2, 1]);
    await workers[0]!.answer(1);
    await workers[1]!.answer(0);
    await workers[0]!.answer(0);
    const expected = await Promise.all(batches.map((texts) => prepareTexts(texts, DEFAULT_CHUNK_OPTIONS)));
    expect(await Promise.all(answers)).toEqual(expected);
    pool.close();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('fails every batch when a busy worker says nothing for stallMs, and refuses later ones; "alive" keeps a slow one going', async () => {
    vi.useFakeTimers();
    const worker = new FakeWorker();
    const pool = createPreparePool(1, { createWorker: () => worker, stallMs: 5_000 });
    const slow = pool.prepare(['a'], DEFAULT_CHUNK_OPTIONS);
    const queued = pool.prepare(['b'], DEFAULT_CHUNK_OPTIONS);
    const settled = Promise.allSettled([slow, queued]);
    for (let i = 0; i < 3; i += 1) {
      await vi.advanceTimersByTimeAsync(4_000);
      worker.send({ type: 'alive' });
    }
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(6_000);
    const outcomes = await settled;
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual([
      'Error: A chunking worker made no progress for 5 s; the import was stopped.',
      'Error: A chunking worker made no progress for 5 s; the import was stopped.',
    ]);
    expect(worker.terminated).toBe(true);
    await expect(pool.prepare(['c'], DEFAULT_CHUNK_OPTIONS)).rejects.toThrow(/no progress/);
  });

  it('a crashed worker fails the batches in flight', async () => {
    const worker = new FakeWorker();
    const pool = createPreparePool(1, { createWorker: () => worker });
    const batch = pool.prepare(['a'], DEFAULT_CHUNK_OPTIONS);
    worker.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(batch).rejects.toThrow('A chunking worker crashed: out of memory');
  });
});
