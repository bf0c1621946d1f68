import MiniSearch from 'minisearch';
import type { MindLabDatabase } from '../../../db/database';
import { currentChunkSets, excerptIdsWithTag } from '../../../db/corpusExcerpts';
import { clearSearchIndex, excerptsForIndex, loadSearchIndex, saveSearchIndex } from '../../../db/corpusSearchIndex';

export interface SearchFilters {
  sourceIds?: string[];
  hasMath?: boolean;
  minTokens?: number;
  maxTokens?: number;
  tag?: string;
}

export interface SearchRequest {
  query: string;
  filters: SearchFilters;
}

export interface SearchAnswer {
  ids: number[];
  tookMs: number;
}

interface IndexedExcerpt {
  id: number;
  text: string;
  chunkSetId: string;
  sourceId: string;
  tokens: number;
  mathSpans: number;
}

const OPTIONS = {
  fields: ['text'],
  storeFields: ['chunkSetId', 'sourceId', 'tokens', 'mathSpans'],
  searchOptions: { combineWith: 'AND' as const, prefix: (term: string) => term.length > 3 },
};

type Stored = Omit<IndexedExcerpt, 'text'>;

/**
 * Past this size the index is not saved: one IndexedDB value of hundreds of MB can stall the write for good.
 * It is then rebuilt from the excerpts when the worker starts.
 */
export const MAX_SAVED_INDEX_CHARS = 48 * 2 ** 20;

/**
 * Full-text search over the excerpts of each source's current chunk set. The MiniSearch index is saved in Dexie
 * and brought up to date incrementally: chunk sets that appeared are added, superseded or removed ones discarded.
 */
export class ExcerptSearch {
  private index = new MiniSearch<IndexedExcerpt>(OPTIONS);
  private chunkSetIds: string[] = [];

  constructor(private readonly db: MindLabDatabase) {}

  get size(): number {
    return this.index.documentCount;
  }

  async sync(): Promise<{ added: number; removed: number }> {
    if (this.chunkSetIds.length === 0 && this.index.documentCount === 0) {
      const saved = await loadSearchIndex(this.db);
      if (saved) {
        this.index = MiniSearch.loadJSON<IndexedExcerpt>(saved.json, OPTIONS);
        this.chunkSetIds = saved.chunkSetIds;
      }
    }
    const wanted = (await currentChunkSets(this.db)).map((s) => s.id);
    const stale = this.chunkSetIds.filter((id) => !wanted.includes(id));
    const missing = wanted.filter((id) => !this.chunkSetIds.includes(id));
    if (stale.length === 0 && missing.length === 0) return { added: 0, removed: 0 };
    let removed = 0;
    if (stale.length) {
      const gone = new Set(stale);
      const ids = this.index.search(MiniSearch.wildcard, { filter: (r) => gone.has(r.chunkSetId as string) }).map((r) => r.id as number);
      for (const id of ids) this.index.discard(id);
      removed = ids.length;
    }
    let added = 0;
    for (const chunkSetId of missing) {
      for await (const page of excerptsForIndex(this.db, chunkSetId)) {
        this.index.addAll(page.map(({ id, text, sourceId, tokens, mathSpans }) => ({ id: id!, text, chunkSetId, sourceId, tokens, mathSpans })));
        added += page.length;
      }
    }
    this.chunkSetIds = wanted;
    const json = JSON.stringify(this.index);
    if (json.length <= MAX_SAVED_INDEX_CHARS) await saveSearchIndex(this.db, json, wanted);
    else await clearSearchIndex(this.db);
    return { added, removed };
  }

  async search({ query, filters }: SearchRequest): Promise<SearchAnswer> {
    const started = performance.now();
    const tagged = filters.tag ? new Set(await excerptIdsWithTag(this.db, filters.tag)) : null;
    const sources = filters.sourceIds?.length ? new Set(filters.sourceIds) : null;
    const keep = (r: Stored) =>
      (!sources || sources.has(r.sourceId)) &&
      (filters.hasMath === undefined || (r.mathSpans > 0) === filters.hasMath) &&
      (filters.minTokens === undefined || r.tokens >= filters.minTokens) &&
      (filters.maxTokens === undefined || r.tokens <= filters.maxTokens) &&
      (!tagged || tagged.has(r.id));
    const text = query.trim();
    const results = this.index.search(text ? text : MiniSearch.wildcard, { filter: (r) => keep(r as unknown as Stored) });
    const ids = results.map((r) => r.id as number);
    // Without a query every match scores alike: keep corpus order.
    if (!text) ids.sort((a, b) => a - b);
    return { ids, tookMs: performance.now() - started };
  }
}
