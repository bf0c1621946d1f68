import type { SearchAnswer, SearchRequest } from './excerptSearch';

export type SearchWorkerRequest = { type: 'sync' } | { type: 'search'; request: SearchRequest };

export type SearchWorkerReply = { type: 'synced'; size: number; added: number; removed: number } | ({ type: 'results' } & SearchAnswer);
