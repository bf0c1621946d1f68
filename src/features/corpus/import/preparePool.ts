import type { ChunkOptionsRecord } from '../../../core/records/corpus';
import type { PreparedText, Preparer } from './prepare';

export interface PrepareRequest {
  id: number;
  texts: string[];
  options: ChunkOptionsRecord;
}

export type PrepareReply =
  | { type: 'done'; id: number; results: PreparedText[] }
  | { type: 'failed'; id: number; message: string }
  /** Sent while a long batch is worked on, so the pool can tell a slow batch from a stuck worker. */
  | { type: 'alive' };

/** The part of a Worker the pool uses, so tests can stand in for one. */
export interface PrepareWorkerLike {
  postMessage(message: PrepareRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<PrepareReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** One worker per core beside the writer's own thread, at least one and at most eight. */
export const defaultPoolSize = (cores = globalThis.navigator?.hardwareConcurrency ?? 2) => Math.min(8, Math.max(1, cores - 1));

const defaultWorker = (): PrepareWorkerLike =>
  new Worker(new URL('./prepare.worker.ts', import.meta.url), { type: 'module' }) as unknown as PrepareWorkerLike;

/**
 * A busy worker silent this long is stuck (it says it is alive every second while chunking): the pool then fails
 * every batch, so the import fails and removes what it wrote, instead of waiting forever while the import
 * worker's own heartbeat keeps the page's watchdog quiet.
 */
export const DEFAULT_PREPARE_STALL_MS = 20_000;

interface Slot {
  worker: PrepareWorkerLike;
  busy: Map<number, { resolve(results: PreparedText[]): void; reject(error: Error): void }>;
  lastSign: number;
}

/**
 * Hashing and chunking in a pool of workers, off the thread that reads and stores: each batch goes to the worker
 * with the fewest batches waiting. Workers start on first use and end with close().
 */
export function createPreparePool(
  size = defaultPoolSize(),
  options: { createWorker?: () => PrepareWorkerLike; stallMs?: number } = {},
): Preparer {
  const createWorker = options.createWorker ?? defaultWorker;
  const stallMs = options.stallMs ?? DEFAULT_PREPARE_STALL_MS;
  const slots: Slot[] = [];
  let nextId = 0;
  let broken: Error | null = null;
  let stallCheck: ReturnType<typeof setInterval> | null = null;

  const failAll = (error: Error) => {
    broken ??= error;
    for (const slot of slots) {
      for (const pending of slot.busy.values()) pending.reject(error);
      slot.busy.clear();
      slot.worker.terminate();
    }
    slots.length = 0;
    if (stallCheck) clearInterval(stallCheck);
    stallCheck = null;
  };

  const startSlot = (): Slot => {
    const slot: Slot = { worker: createWorker(), busy: new Map(), lastSign: Date.now() };
    slot.worker.onmessage = (event) => {
      const message = event.data;
      slot.lastSign = Date.now();
      if (message.type === 'alive') return;
      const pending = slot.busy.get(message.id);
      slot.busy.delete(message.id);
      if (message.type === 'done') pending?.resolve(message.results);
      else pending?.reject(new Error(`Preparing documents failed: ${message.message}`));
    };
    slot.worker.onerror = (event) => failAll(new Error(`A chunking worker crashed: ${event.message}`));
    slots.push(slot);
    stallCheck ??= setInterval(() => {
      const now = Date.now();
      if (slots.some((s) => s.busy.size > 0 && now - s.lastSign > stallMs)) {
        failAll(new Error(`A chunking worker made no progress for ${Math.round(stallMs / 1000)} s; the import was stopped.`));
      }
    }, Math.min(1_000, stallMs));
    return slot;
  };

  return {
    parallelism: size,
    prepare(texts, chunkOptions) {
      if (broken) return Promise.reject(broken);
      const slot = slots.length < size ? startSlot() : slots.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
      const id = nextId++;
      return new Promise<PreparedText[]>((resolve, reject) => {
        if (slot.busy.size === 0) slot.lastSign = Date.now();
        slot.busy.set(id, { resolve, reject });
        slot.worker.postMessage({ id, texts, options: chunkOptions });
      });
    },
    close: () => failAll(new Error('The chunking pool was closed.')),
  };
}
