/// <reference lib="webworker" />
import { getDatabase } from '../../../db/database';
import { serveRpc } from '../../shared/workerRpc';
import { ExcerptSearch } from './excerptSearch';
import type { SearchWorkerReply, SearchWorkerRequest } from './protocol';

const search = new ExcerptSearch(getDatabase());
// Requests run one after another so a search never sees a half-synced index.
let queue: Promise<unknown> = Promise.resolve();

serveRpc<SearchWorkerRequest, SearchWorkerReply>((request) => {
  const answer = queue.then(async (): Promise<SearchWorkerReply> => {
    if (request.type === 'sync') return { type: 'synced', size: search.size, ...(await search.sync()) };
    return { type: 'results', ...(await search.search(request.request)) };
  });
  queue = answer.catch(() => undefined);
  return answer;
});
