import type { ChunkOptionsRecord } from '../../../core/records/corpus';
import type { ImportJob, ImportProgress, ImportWorkerReply, ImportWorkerRequest } from './protocol';

export type ImportOutcome =
  | { kind: 'done'; sourceId: string; progress: ImportProgress }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; hint: string };

/** The part of a Worker the client uses, so tests can stand in for one. */
export interface ImportWorkerLike {
  postMessage(message: ImportWorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<ImportWorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ImportClientOptions {
  createWorker?: () => ImportWorkerLike;
  /** Removes what a stopped task wrote (sources still importing, chunk sets still building). */
  discardUnfinished?: () => Promise<void>;
  /**
   * A task whose worker sends nothing for this long is stopped. The worker sends a heartbeat every 2 s while its
   * event loop turns (also while it waits on the network, e.g. a Hugging Face Retry-After) and gives the loop a
   * turn at least every 200 ms of chunking; the largest record the readers accept (16 MiB) chunks in a few
   * seconds even when hostile. So silence this long means a loop that never yields: a dependency is stuck
   * (hyparquet can spin forever on a damaged file).
   */
  stallMs?: number;
}

export const DEFAULT_STALL_MS = 30_000;

function defaultWorker(): ImportWorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }) as unknown as ImportWorkerLike;
}

async function defaultDiscard(): Promise<void> {
  const [{ getDatabase }, { discardUnfinishedWork }] = await Promise.all([import('../../../db/database'), import('./cleanup')]);
  await discardUnfinishedWork(getDatabase());
}

/**
 * Runs imports and re-chunking in a worker, one at a time, so the page stays responsive. Cancel and the
 * no-progress watchdog terminate the worker (a message could never reach a worker stuck in a loop), then remove
 * what it wrote; the next task starts a fresh worker.
 */
export function createImportClient(options: ImportClientOptions = {}) {
  const createWorker = options.createWorker ?? defaultWorker;
  const discardUnfinished = options.discardUnfinished ?? defaultDiscard;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  let worker: ImportWorkerLike | null = null;
  let stop: ((outcome: ImportOutcome) => void) | null = null;

  function run(request: ImportWorkerRequest, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome> {
    worker ??= createWorker();
    const w = worker;
    return new Promise((resolve) => {
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const finish = (outcome: ImportOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        stop = null;
        resolve(outcome);
      };
      /** Terminates the worker, removes its partial writes, then settles with `outcome`. */
      const kill = (outcome: ImportOutcome) => {
        if (settled) return;
        clearTimeout(watchdog);
        w.terminate();
        if (worker === w) worker = null;
        discardUnfinished()
          .catch(() => undefined)
          .finally(() => finish(outcome));
      };
      const armWatchdog = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => kill({
          kind: 'failed',
          message: `It made no progress for ${Math.round(stallMs / 1000)} s, so it was stopped; nothing of it was kept.`,
          hint: 'A damaged file can make a reader loop forever. Check the file (or convert it to JSON Lines) and try again.',
        }), stallMs);
      };
      stop = kill;
      w.onmessage = (event) => {
        const message = event.data;
        armWatchdog();
        if (message.type === 'alive') return;
        if (message.type === 'progress') onProgress(message.progress);
        else if (message.type === 'done') finish({ kind: 'done', sourceId: message.sourceId, progress: message.progress });
        else finish({ kind: 'failed', message: message.message, hint: message.hint });
      };
      w.onerror = (event) => {
        kill({ kind: 'failed', message: `The import worker crashed: ${event.message}`, hint: 'Try again; nothing of this import was kept.' });
      };
      armWatchdog();
      w.postMessage(request);
    });
  }

  return {
    import: (job: ImportJob, chunkOptions: ChunkOptionsRecord, onProgress: (p: ImportProgress) => void) =>
      run({ type: 'import', job, chunkOptions }, onProgress),
    rechunk: (sourceId: string, chunkOptions: ChunkOptionsRecord, onProgress: (p: ImportProgress) => void) =>
      run({ type: 'rechunk', sourceId, chunkOptions }, onProgress),
    /** Stops the running task now, whatever the worker is doing, and removes what it wrote. */
    cancel: () => stop?.({ kind: 'cancelled' }),
  };
}
