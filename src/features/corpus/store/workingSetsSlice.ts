import type { WorkingSetRecord } from '../../../core/records/corpus';
import { seededSample } from '../../../core/sampling/seededSample';
import { getDatabase } from '../../../db/database';
import { deleteWorkingSet, listWorkingSets, saveWorkingSet } from '../../../db/corpusWorkingSets';
import type { CorpusSlice } from './corpusState';

/** Excerpts ticked in the results, and the named working sets saved from them or drawn as seeded samples. */
export interface WorkingSetsSlice {
  workingSets: WorkingSetRecord[];
  checked: number[];
  toggleChecked(id: number): void;
  clearChecked(): void;
  saveChecked(name: string): Promise<void>;
  /** A seeded sample of the current search results, saved as a working set. */
  drawSample(name: string, size: number, seed: number): Promise<void>;
  removeWorkingSet(id: string): Promise<void>;
}

export const workingSetsSlice: CorpusSlice<WorkingSetsSlice> = (set, get) => {
  const reload = async () => set({ workingSets: await listWorkingSets(getDatabase()) });
  return {
    workingSets: [],
    checked: [],

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
      await reload();
    },

    async drawSample(name, size, seed) {
      const pool = get().resultIds;
      if (!name.trim() || size < 1 || pool.length === 0) return;
      const excerptIds = seededSample(pool, size, seed);
      await saveWorkingSet(getDatabase(), {
        id: crypto.randomUUID(), name: name.trim(), createdAt: Date.now(), excerptIds, sample: { seed, size, drawnFrom: pool.length },
      });
      set({ notice: `Drew ${excerptIds.length} of ${pool.length} excerpts with seed ${seed} into "${name.trim()}".` });
      await reload();
    },

    async removeWorkingSet(id) {
      await deleteWorkingSet(getDatabase(), id);
      await reload();
    },
  };
};
