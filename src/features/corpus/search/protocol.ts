import type { SearchAnswer, SearchRequest } from './excerptSearch';

export type SearchWorkerRequest =
  | { type: 'sync'; requestId: number }
  | { type: 'search'; requestId: number; request: SearchRequest };

export type SearchWorkerReply =
  | { type: 'synced'; requestId: number; size: number; added: number; removed: number }
  | ({ type: 'results'; requestId: number } & SearchAnswer)
  | { type: 'failed'; requestId: number; message: string };
