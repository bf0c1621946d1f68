import type { SearchFilters } from '../search/excerptSearch';
import { createSearchClient } from '../search/searchClient';
import type { CorpusSlice } from './corpusState';

/** The search box, its filters and the excerpts they find (answered by the search worker). */
export interface SearchSlice {
  query: string;
  filters: SearchFilters;
  resultIds: number[];
  /** Bumped with every new result list, so views drop pages cached for the old one. */
  resultsVersion: number;
  searchMs: number | null;
  searching: boolean;
  setQuery(query: string): void;
  setFilters(patch: Partial<SearchFilters>): void;
  /** Brings the index up to date with the corpus, then answers the current query; only the latest answer is shown. */
  search(): Promise<void>;
}

export const searchSlice: CorpusSlice<SearchSlice> = (set, get) => {
  const searcher = createSearchClient();
  let generation = 0;
  return {
    query: '',
    filters: {},
    resultIds: [],
    resultsVersion: 0,
    searchMs: null,
    searching: false,

    setQuery: (query) => set({ query }),
    setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),

    async search() {
      const asked = ++generation;
      set({ searching: true });
      try {
        await searcher.sync();
        const { ids, tookMs } = await searcher.search({ query: get().query, filters: get().filters });
        if (asked === generation) set({ resultIds: ids, searchMs: tookMs, resultsVersion: get().resultsVersion + 1 });
      } catch (error) {
        set({ problem: { message: `Search failed: ${error instanceof Error ? error.message : String(error)}`, hint: 'Reload the page to rebuild the search index.' } });
      } finally {
        if (asked === generation) set({ searching: false });
      }
    },
  };
};
