import { liveQuery } from 'dexie';
import type { ChunkSetRecord, SourceRecord } from '../../../core/records/corpus';
import { getDatabase } from '../../../db/database';
import { allTags, currentChunkSets, listChunkSets, setExcerptTags } from '../../../db/corpusExcerpts';
import { deleteSource, discardUnfinishedImports, listSources } from '../../../db/corpusSources';
import { listWorkingSets } from '../../../db/corpusWorkingSets';
import { ifNoCorpusWriter } from '../import/writerLock';
import type { CorpusProblem, CorpusSlice } from './corpusState';

/** What is in the corpus (sources, chunk sets, tags), what is selected, and the messages shown above it. */
export interface SourcesSlice {
  ready: boolean;
  sources: SourceRecord[];
  chunkSets: ChunkSetRecord[];
  currentChunkSetIds: string[];
  tags: string[];
  problem: CorpusProblem | null;
  notice: string | null;
  selectedSourceId: string | null;
  openExcerptId: number | null;
  /** Puts back the kept view, removes imports a reload left unfinished, loads the lists and follows other tabs. */
  init(): Promise<void>;
  /** Reloads every list from the database and searches again. */
  refresh(): Promise<void>;
  selectSource(id: string | null): void;
  openExcerpt(id: number | null): void;
  removeSource(id: string): Promise<void>;
  updateTags(id: number, tags: string[]): Promise<void>;
  dismissProblem(): void;
}

export const sourcesSlice = (restoreView: () => Promise<unknown>): CorpusSlice<SourcesSlice> => (set, get) => ({
  ready: false,
  sources: [],
  chunkSets: [],
  currentChunkSetIds: [],
  tags: [],
  problem: null,
  notice: null,
  selectedSourceId: null,
  openExcerptId: null,

  async init() {
    await restoreView();
    const removed = (await ifNoCorpusWriter(() => discardUnfinishedImports(getDatabase()))) ?? [];
    if (removed.length) set({ notice: `Removed ${removed.length} import(s) left unfinished by a reload or crash.` });
    await get().refresh();
    set({ ready: true });
    // Sources, chunk sets and working sets written in another tab appear here within a second.
    liveQuery(() => Promise.all([listSources(getDatabase()), currentChunkSets(getDatabase()), listWorkingSets(getDatabase())])).subscribe({
      next: ([{ sources }, current, workingSets]) => {
        const complete = sources.filter((source) => source.status === 'complete');
        const currentIds = current.map((c) => c.id);
        const state = get();
        const changed =
          complete.map((c) => `${c.id}:${c.documentCount}`).join() !== state.sources.map((c) => `${c.id}:${c.documentCount}`).join() ||
          currentIds.join() !== state.currentChunkSetIds.join() ||
          workingSets.map((w) => `${w.id}:${w.excerptIds.length}`).join() !== state.workingSets.map((w) => `${w.id}:${w.excerptIds.length}`).join();
        if (changed && !state.task) void get().refresh();
      },
      error: () => undefined,
    });
  },

  async refresh() {
    const db = getDatabase();
    const [{ sources, problems }, chunkSets, current, workingSets, tags] = await Promise.all([
      listSources(db), listChunkSets(db), currentChunkSets(db), listWorkingSets(db), allTags(db),
    ]);
    set({ sources: sources.filter((s) => s.status === 'complete'), chunkSets, currentChunkSetIds: current.map((c) => c.id), workingSets, tags });
    if (problems.length) set({ problem: { message: `${problems.length} stored source(s) are unreadable.`, hint: 'They are hidden; re-import them.' } });
    await get().search();
  },

  selectSource: (id) => set({ selectedSourceId: id }),
  openExcerpt: (id) => set({ openExcerptId: id }),

  async removeSource(id) {
    if (get().task) return;
    const source = get().sources.find((s) => s.id === id);
    const { documents, excerpts, workingSetsChanged } = await deleteSource(getDatabase(), id);
    set({
      selectedSourceId: get().selectedSourceId === id ? null : get().selectedSourceId,
      openExcerptId: null,
      checked: [],
      notice: `Deleted ${source?.name ?? 'the source'}: ${documents.toLocaleString()} documents and ${excerpts.toLocaleString()} excerpts${workingSetsChanged ? `, and their places in ${workingSetsChanged} working set(s)` : ''}. Dialogues made from it keep their own copy of the excerpt.`,
    });
    await get().refresh();
  },

  async updateTags(id, tags) {
    await setExcerptTags(getDatabase(), id, tags);
    set({ tags: await allTags(getDatabase()) });
  },

  dismissProblem: () => set({ problem: null }),
});
