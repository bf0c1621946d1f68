import { create } from 'zustand';
import { persistState } from '../shared';
import { CORPUS_VIEW_KEY, corpusViewSchema } from './corpusView';
import type { CorpusState } from './store/corpusState';
import { importSlice } from './store/importSlice';
import { searchSlice } from './store/searchSlice';
import { sourcesSlice } from './store/sourcesSlice';
import { workingSetsSlice } from './store/workingSetsSlice';

export type { CorpusProblem } from './store/corpusState';
export type { RunningTask } from './store/importSlice';

/** zod gives optional keys back as present-but-undefined only when stored so; keep the filters tidy. */
const dropUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const useCorpusStore = create<CorpusState>()((...api): CorpusState => ({
  ...sourcesSlice(() => corpusView.restore())(...api),
  ...importSlice(...api),
  ...searchSlice(...api),
  ...workingSetsSlice(...api),
}));

// The search, its filters and the chunk settings come back after a reload.
const corpusView = persistState(useCorpusStore, {
  key: CORPUS_VIEW_KEY,
  schema: corpusViewSchema,
  pick: ({ query, filters, chunkOptions }) => ({ query, filters, chunkOptions }),
  apply: (view) => ({ query: view.query, filters: dropUndefined(view.filters), chunkOptions: view.chunkOptions }),
});
