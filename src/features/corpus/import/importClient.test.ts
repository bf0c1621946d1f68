import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CHUNK_OPTIONS } from '../../../core/chunking/chunk';
import { createImportClient, type ImportWorkerLike } from './importClient';
import { emptyProgress, type ImportWorkerReply, type ImportWorkerRequest } from './protocol';

/** A worker that answers only when told to: like one stuck in a loop, it ignores every message. */
class StuckWorker implements ImportWorkerLike {
  onmessage: ((event: MessageEvent<ImportWorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: ImportWorkerRequest[] = [];
  terminated = false;
  postMessage(message: ImportWorkerRequest) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: ImportWorkerReply) {
    this.onmessage?.({ data: message } as MessageEvent<ImportWorkerReply>);
  }
}

const job = { kind: 'paste', name: 'p', text: 'text' } as const;

describe('import client', () => {
  it('Cancel terminates a stuck worker, removes what it wrote, and the next import gets a fresh worker', async () => {
    const workers: StuckWorker[] = [];
    const discardUnfinished = vi.fn(async () => {});
    const client = createImportClient({ createWorker: () => { workers.push(new StuckWorker()); return workers.at(-1)!; }, discardUnfinished });
    const outcome = client.import(job, DEFAULT_CHUNK_OPTIONS, () => {});
    client.cancel();
    await expect(outcome).resolves.toEqual({ kind: 'cancelled' });
    expect(workers[0]!.terminated).toBe(true);
    expect(discardUnfinished).toHaveBeenCalledTimes(1);
    const next = client.import(job, DEFAULT_CHUNK_OPTIONS, () => {});
    expect(workers).toHaveLength(2);
    workers[1]!.reply({ type: 'done', sourceId: 's', progress: emptyProgress() });
    await expect(next).resolves.toMatchObject({ kind: 'done', sourceId: 's' });
  });

  it('the watchdog stops a task that sends nothing for stallMs; progress and heartbeats keep it alive', async () => {
    vi.useFakeTimers();
    try {
      const worker = new StuckWorker();
      const discardUnfinished = vi.fn(async () => {});
      const client = createImportClient({ createWorker: () => worker, discardUnfinished, stallMs: 1000 });
      const seen: number[] = [];
      const outcome = client.import(job, DEFAULT_CHUNK_OPTIONS, (p) => seen.push(p.records));
      for (let i = 1; i <= 5; i += 1) {
        await vi.advanceTimersByTimeAsync(900);
        worker.reply({ type: 'progress', progress: { ...emptyProgress(), records: i } });
      }
      // Heartbeats alone (a worker waiting on the network) keep it alive too, without progress to show.
      for (let i = 0; i < 3; i += 1) {
        await vi.advanceTimersByTimeAsync(900);
        worker.reply({ type: 'alive' });
      }
      expect(worker.terminated).toBe(false);
      await vi.advanceTimersByTimeAsync(1001);
      await expect(outcome).resolves.toMatchObject({ kind: 'failed', message: expect.stringMatching(/no progress for 1 s/) });
      expect(seen).toEqual([1, 2, 3, 4, 5]);
      expect(worker.terminated).toBe(true);
      expect(discardUnfinished).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a crashed worker is cleaned up like a stopped one', async () => {
    const worker = new StuckWorker();
    const discardUnfinished = vi.fn(async () => {});
    const client = createImportClient({ createWorker: () => worker, discardUnfinished });
    const outcome = client.rechunk('source', DEFAULT_CHUNK_OPTIONS, () => {});
    worker.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(outcome).resolves.toMatchObject({ kind: 'failed', message: 'The import worker crashed: out of memory' });
    expect(discardUnfinished).toHaveBeenCalledTimes(1);
  });
});
