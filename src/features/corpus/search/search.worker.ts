/// <reference lib="webworker" />
import { getDatabase } from '../../../db/database';
import { ExcerptSearch } from './excerptSearch';
import type { SearchWorkerReply, SearchWorkerRequest } from './protocol';

const search = new ExcerptSearch(getDatabase());
// Requests run one after another so a search never sees a half-synced index.
let queue: Promise<unknown> = Promise.resolve();

self.onmessage = (event: MessageEvent<SearchWorkerRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    let reply: SearchWorkerReply;
    try {
      if (request.type === 'sync') {
        const changes = await search.sync();
        reply = { type: 'synced', requestId: request.requestId, size: search.size, ...changes };
      } else {
        reply = { type: 'results', requestId: request.requestId, ...(await search.search(request.request)) };
      }
    } catch (error) {
      reply = { type: 'failed', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage(reply);
  });
};
