import { liveQuery } from 'dexie';
import { create } from 'zustand';
import { DEFAULT_CHUNK_OPTIONS } from '../../core/chunking/chunk';
import type { ChunkOptionsRecord, ChunkSetRecord, SourceRecord, WorkingSetRecord } from '../../core/records/corpus';
import { chunkOptionsSchema } from '../../core/records/corpus';
import { getDatabase } from '../../db/database';
import { allTags, currentChunkSets, listChunkSets, setExcerptTags } from '../../db/corpusExcerpts';
import { deleteSource, discardUnfinishedImports, listSources } from '../../db/corpusSources';
import { deleteWorkingSet, listWorkingSets, saveWorkingSet } from '../../db/corpusWorkingSets';
import { createImportClient } from './import/importClient';
import { CORPUS_VIEW_KEY, corpusViewSchema } from './corpusView';
import { persistState } from '../shared';
import type { ImportJob, ImportProgress } from './import/protocol';
import { seededSample } from '../../core/sampling/seededSample';
import type { SearchFilters } from './search/excerptSearch';
import { createSearchClient } from './search/searchClient';

export interface CorpusProblem {
  message: string;
  hint: string;
}

export interface RunningTask {
  label: string;
  progress: ImportProgress | null;
  cancelling: boolean;
}

interface CorpusState {
  ready: boolean;
  sources: SourceRecord[];
  chunkSets: ChunkSetRecord[];
  currentChunkSetIds: string[];
  workingSets: WorkingSetRecord[];
  tags: string[];
  task: RunningTask | null;
  problem: CorpusProblem | null;
  notice: string | null;
  chunkOptions: ChunkOptionsRecord;
  query: string;
  filters: SearchFilters;
  resultIds: number[];
  /** Bumped with every new result list, so views drop pages cached for the old one. */
  resultsVersion: number;
  searchMs: number | null;
  searching: boolean;
  selectedSourceId: string | null;
  openExcerptId: number | null;
  checked: number[];
  init(): Promise<void>;
  refresh(): Promise<void>;
  startImport(job: ImportJob, label: string): Promise<void>;
  rechunk(sourceId: string): Promise<void>;
  cancelTask(): void;
  setChunkOptions(patch: Partial<ChunkOptionsRecord>): void;
  setQuery(query: string): void;
  setFilters(patch: Partial<SearchFilters>): void;
  search(): Promise<void>;
  selectSource(id: string | null): void;
  openExcerpt(id: number | null): void;
  toggleChecked(id: number): void;
  clearChecked(): void;
  saveChecked(name: string): Promise<void>;
  drawSample(name: string, size: number, seed: number): Promise<void>;
  removeWorkingSet(id: string): Promise<void>;
  removeSource(id: string): Promise<void>;
  updateTags(id: number, tags: string[]): Promise<void>;
  dismissProblem(): void;
}

const importer = createImportClient();

/**
 * Held by the tab whose worker is writing to the corpus. Imports queue behind it across tabs, and the clean-up of
 * unfinished imports (at start, after Cancel) runs only while holding it, so it never removes another tab's live
 * import.
 */
const CORPUS_WRITER_LOCK = 'mind-lab-corpus-writer';
/** zod gives optional keys back as present-but-undefined only when stored so; keep the filters tidy. */
const dropUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

async function asCorpusWriter<T>(job: () => Promise<T>): Promise<T> {
  let result!: T;
  await navigator.locks.request(CORPUS_WRITER_LOCK, async () => {
    result = await job();
  });
  return result;
}
const searcher = createSearchClient();
let searchGeneration = 0;

export const useCorpusStore = create<CorpusState>((set, get) => ({
  ready: false,
  sources: [],
  chunkSets: [],
  currentChunkSetIds: [],
  workingSets: [],
  tags: [],
  task: null,
  problem: null,
  notice: null,
  chunkOptions: { ...DEFAULT_CHUNK_OPTIONS },
  query: '',
  filters: {},
  resultIds: [],
  resultsVersion: 0,
  searchMs: null,
  searching: false,
  selectedSourceId: null,
  openExcerptId: null,
  checked: [],

  async init() {
    // Only when no tab is importing: an 'importing' source is then one a reload or crash left behind.
    await corpusView.restore();
    const removed = await navigator.locks.request(CORPUS_WRITER_LOCK, { ifAvailable: true }, async (lock) => (lock ? discardUnfinishedImports(getDatabase()) : []));
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

  async startImport(job, label) {
    if (get().task) return;
    set({ task: { label, progress: null, cancelling: false }, problem: null, notice: null });
    const outcome = await asCorpusWriter(() => importer.import(job, get().chunkOptions, (progress) => set({ task: { ...get().task!, progress } })));
    set({ task: null });
    if (outcome.kind === 'failed') set({ problem: { message: `Import failed: ${outcome.message}`, hint: outcome.hint } });
    else if (outcome.kind === 'cancelled') set({ notice: 'Import cancelled. Nothing of it was kept.' });
    else {
      const p = outcome.progress;
      const notice =
        p.documents === 0 && p.duplicates > 0
          ? `Nothing new: all ${p.duplicates} documents were already in the corpus (exact duplicates)${p.rejected ? `, ${p.rejected} rejected` : ''}.`
          : `Imported ${p.documents} documents (${p.duplicates} duplicates skipped, ${p.rejected} rejected) into ${p.excerpts} excerpts.`;
      set({ selectedSourceId: outcome.sourceId, notice });
    }
    await get().refresh();
  },

  async rechunk(sourceId) {
    if (get().task) return;
    const options = chunkOptionsSchema.safeParse(get().chunkOptions);
    if (!options.success) {
      set({ problem: { message: options.error.issues[0]?.message ?? 'Invalid chunk settings.', hint: 'Fix the chunk settings and try again.' } });
      return;
    }
    set({ task: { label: 'Re-chunking', progress: null, cancelling: false }, problem: null, notice: null });
    const outcome = await asCorpusWriter(() => importer.rechunk(sourceId, options.data, (progress) => set({ task: { ...get().task!, progress } })));
    set({ task: null });
    if (outcome.kind === 'failed') set({ problem: { message: `Re-chunking failed: ${outcome.message}`, hint: outcome.hint } });
    else if (outcome.kind === 'cancelled') set({ notice: 'Re-chunking cancelled. The earlier excerpts are unchanged.' });
    else set({ notice: `New chunk set with ${outcome.progress.excerpts} excerpts. Earlier chunk sets are kept.` });
    await get().refresh();
  },

  cancelTask() {
    const task = get().task;
    if (!task) return;
    set({ task: { ...task, cancelling: true } });
    importer.cancel();
  },

  setChunkOptions: (patch) => set({ chunkOptions: { ...get().chunkOptions, ...patch } }),
  setQuery: (query) => set({ query }),
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),

  async search() {
    const generation = ++searchGeneration;
    set({ searching: true });
    try {
      await searcher.sync();
      const { ids, tookMs } = await searcher.search({ query: get().query, filters: get().filters });
      if (generation === searchGeneration) set({ resultIds: ids, searchMs: tookMs, resultsVersion: get().resultsVersion + 1 });
    } catch (error) {
      set({ problem: { message: `Search failed: ${error instanceof Error ? error.message : String(error)}`, hint: 'Reload the page to rebuild the search index.' } });
    } finally {
      if (generation === searchGeneration) set({ searching: false });
    }
  },

  selectSource: (id) => set({ selectedSourceId: id }),
  openExcerpt: (id) => set({ openExcerptId: id }),
  toggleChecked(id) {
    const checked = get().checked;
    set({ checked: checked.includes(id) ? checked.filter((x) => x !== id) : [...checked, id] });
  },
  clearChecked: () => set({ checked: [] }),

  async saveChecked(name) {
    const ids = get().checked;
    if (!name.trim() || ids.length === 0) return;
    await saveWorkingSet(getDatabase(), { id: crypto.randomUUID(), name: name.trim(), createdAt: Date.now(), excerptIds: ids, sample: null });
    set({ checked: [], notice: `Saved working set "${name.trim()}" with ${ids.length} excerpts.` });
    set({ workingSets: await listWorkingSets(getDatabase()) });
  },

  async drawSample(name, size, seed) {
    const pool = get().resultIds;
    if (!name.trim() || size < 1 || pool.length === 0) return;
    const excerptIds = seededSample(pool, size, seed);
    await saveWorkingSet(getDatabase(), {
      id: crypto.randomUUID(), name: name.trim(), createdAt: Date.now(), excerptIds, sample: { seed, size, drawnFrom: pool.length },
    });
    set({ notice: `Drew ${excerptIds.length} of ${pool.length} excerpts with seed ${seed} into "${name.trim()}".` });
    set({ workingSets: await listWorkingSets(getDatabase()) });
  },

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

  async removeWorkingSet(id) {
    await deleteWorkingSet(getDatabase(), id);
    set({ workingSets: await listWorkingSets(getDatabase()) });
  },

  async updateTags(id, tags) {
    await setExcerptTags(getDatabase(), id, tags);
    set({ tags: await allTags(getDatabase()) });
  },

  dismissProblem: () => set({ problem: null }),
}));

// The search, its filters and the chunk settings come back after a reload.
const corpusView = persistState(useCorpusStore, {
  key: CORPUS_VIEW_KEY,
  schema: corpusViewSchema,
  pick: ({ query, filters, chunkOptions }) => ({ query, filters, chunkOptions }),
  apply: (view) => ({ query: view.query, filters: dropUndefined(view.filters), chunkOptions: view.chunkOptions }),
});
