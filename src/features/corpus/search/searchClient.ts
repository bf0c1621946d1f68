import { createRpcClient } from '../../shared/workerRpc';
import type { SearchAnswer, SearchRequest } from './excerptSearch';
import type { SearchWorkerReply, SearchWorkerRequest } from './protocol';

/** The main thread's handle on the search worker: one promise per request. */
export function createSearchClient() {
  const worker = createRpcClient<SearchWorkerRequest, SearchWorkerReply>(() => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' }), 'search worker');
  return {
    async sync(): Promise<number> {
      const reply = await worker.request({ type: 'sync' });
      return reply.type === 'synced' ? reply.size : 0;
    },
    async search(request: SearchRequest): Promise<SearchAnswer> {
      const reply = await worker.request({ type: 'search', request });
      if (reply.type !== 'results') throw new Error('The search worker answered out of turn.');
      return { ids: reply.ids, ranked: reply.ranked, tookMs: reply.tookMs };
    },
  };
}

export type SearchClient = ReturnType<typeof createSearchClient>;
