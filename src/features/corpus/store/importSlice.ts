import { DEFAULT_CHUNK_OPTIONS } from '../../../core/chunking/chunk';
import { chunkOptionsSchema, type ChunkOptionsRecord } from '../../../core/records/corpus';
import { createImportClient } from '../import/importClient';
import type { ImportJob, ImportProgress } from '../import/protocol';
import { asCorpusWriter } from '../import/writerLock';
import type { CorpusSlice } from './corpusState';

export interface RunningTask {
  label: string;
  progress: ImportProgress | null;
  cancelling: boolean;
}

/** Imports and re-chunking: one task at a time, run by the import worker while this tab holds the writer lock. */
export interface ImportSlice {
  task: RunningTask | null;
  chunkOptions: ChunkOptionsRecord;
  startImport(job: ImportJob, label: string): Promise<void>;
  rechunk(sourceId: string): Promise<void>;
  cancelTask(): void;
  setChunkOptions(patch: Partial<ChunkOptionsRecord>): void;
}

const importer = createImportClient();

function importNotice({ documents, duplicates, rejected, excerpts }: ImportProgress): string {
  return documents === 0 && duplicates > 0
    ? `Nothing new: all ${duplicates} documents were already in the corpus (exact duplicates)${rejected ? `, ${rejected} rejected` : ''}.`
    : `Imported ${documents} documents (${duplicates} duplicates skipped, ${rejected} rejected) into ${excerpts} excerpts.`;
}

export const importSlice: CorpusSlice<ImportSlice> = (set, get) => {
  const onProgress = (progress: ImportProgress) => set({ task: { ...get().task!, progress } });
  return {
    task: null,
    chunkOptions: { ...DEFAULT_CHUNK_OPTIONS },

    async startImport(job, label) {
      if (get().task) return;
      set({ task: { label, progress: null, cancelling: false }, problem: null, notice: null });
      const outcome = await asCorpusWriter(() => importer.import(job, get().chunkOptions, onProgress));
      set({ task: null });
      if (outcome.kind === 'failed') set({ problem: { message: `Import failed: ${outcome.message}`, hint: outcome.hint } });
      else if (outcome.kind === 'cancelled') set({ notice: 'Import cancelled. Nothing of it was kept.' });
      else set({ selectedSourceId: outcome.sourceId, notice: importNotice(outcome.progress) });
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
      const outcome = await asCorpusWriter(() => importer.rechunk(sourceId, options.data, onProgress));
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
  };
};
