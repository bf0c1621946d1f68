import type { SearchAnswer, SearchRequest } from './excerptSearch';
import type { SearchWorkerReply, SearchWorkerRequest } from './protocol';

type WithoutId<T> = T extends unknown ? Omit<T, 'requestId'> : never;
type Pending = { resolve(reply: SearchWorkerReply): void; reject(error: Error): void };

/** The main thread's handle on the search worker: one promise per request. */
export function createSearchClient() {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function ensureWorker(): Worker {
    if (worker) return worker;
    worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SearchWorkerReply>) => {
      const waiting = pending.get(event.data.requestId);
      pending.delete(event.data.requestId);
      if (!waiting) return;
      if (event.data.type === 'failed') waiting.reject(new Error(event.data.message));
      else waiting.resolve(event.data);
    };
    worker.onerror = (event) => {
      for (const waiting of pending.values()) waiting.reject(new Error(`The search worker stopped: ${event.message}`));
      pending.clear();
      worker = null;
    };
    return worker;
  }

  function send(request: WithoutId<SearchWorkerRequest>): Promise<SearchWorkerReply> {
    const requestId = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(requestId, { resolve, reject });
      ensureWorker().postMessage({ ...request, requestId });
    });
  }

  return {
    async sync(): Promise<number> {
      const reply = await send({ type: 'sync' });
      return reply.type === 'synced' ? reply.size : 0;
    },
    async search(request: SearchRequest): Promise<SearchAnswer> {
      const reply = await send({ type: 'search', request });
      if (reply.type !== 'results') throw new Error('The search worker answered out of turn.');
      return { ids: reply.ids, ranked: reply.ranked, tookMs: reply.tookMs };
    },
  };
}

export type SearchClient = ReturnType<typeof createSearchClient>;
