import type { StateCreator } from 'zustand';
import type { ImportSlice } from './importSlice';
import type { SearchSlice } from './searchSlice';
import type { SourcesSlice } from './sourcesSlice';
import type { WorkingSetsSlice } from './workingSetsSlice';

/** The Corpus tab's state: one store made of slices, one per job, that may call each other through `get()`. */
export type CorpusState = SourcesSlice & ImportSlice & SearchSlice & WorkingSetsSlice;

export type CorpusSlice<T> = StateCreator<CorpusState, [], [], T>;

export interface CorpusProblem {
  message: string;
  hint: string;
}
