import { getDatabase } from '../../db/database';
import { getDialogue, saveDialogue } from '../../db/dialogues';
import { getDocuments } from '../../db/corpusDocuments';
import { currentChunkSets, getExcerpts, readExcerptPage } from '../../db/corpusExcerpts';
import { listWorkingSets } from '../../db/corpusWorkingSets';
import { readSetting, writeSetting } from '../../db/settings';
import { quickRatingsFor, setQuickRating, type Thumb } from '../../db/ratings';
export type { QuickRating, Thumb } from '../../db/ratings';
import { getVersion, listTemplates, listVersions } from '../../db/templates';
import type { ExcerptInput } from '../../core/generation/plan';
import type { ExcerptRecord } from '../../core/records/corpus';
import type { DialogueRecord } from '../../core/records/dialogue';
import { gridSnapshotSchema, type GridSnapshot } from './gridSnapshot';
import { sampleIndices } from '../../core/sampling/seededSample';

const LAST_GRID_KEY = 'compare:lastGrid';

/** Corpus excerpts as grid rows, with their page's URL where it has one. */
async function asExcerptInputs(records: readonly (ExcerptRecord | undefined)[]): Promise<ExcerptInput[]> {
  const db = getDatabase();
  const found = records.filter((r): r is ExcerptRecord & { id: number } => r !== undefined && r.id !== undefined);
  // All documents at once: a document is read with its block, so one by one would read a block per excerpt.
  const documents = await getDocuments(db, found.map((r) => r.documentId));
  return found.map((r, i) => ({ excerptId: String(r.id), text: r.text, url: documents[i]?.url ?? null }));
}

/** The compare grid's I/O: everything it reads and writes goes through here. */
export const compareApi = {
  listTemplates: async () => (await listTemplates(getDatabase())).templates,
  listVersions: (templateId: string) => listVersions(getDatabase(), templateId),
  getVersion: (id: string) => getVersion(getDatabase(), id),
  listWorkingSets: () => listWorkingSets(getDatabase()),

  /** A working set's excerpts, in the set's order; `missing` counts excerpts deleted since it was saved. */
  async workingSetExcerpts(workingSetId: string): Promise<{ excerpts: ExcerptInput[]; missing: number }> {
    const set = (await listWorkingSets(getDatabase())).find((w) => w.id === workingSetId);
    if (!set) return { excerpts: [], missing: 0 };
    const excerpts = await asExcerptInputs(await getExcerpts(getDatabase(), set.excerptIds));
    return { excerpts, missing: set.excerptIds.length - excerpts.length };
  },

  /**
   * A seeded random sample of `size` excerpts from the current chunk set of every source. Positions are drawn over
   * the sets' dense ordinals, so only the chosen excerpts are read.
   */
  async sampleCorpus(size: number, seed: number): Promise<{ excerpts: ExcerptInput[]; poolSize: number }> {
    const db = getDatabase();
    const sets = await currentChunkSets(db);
    const poolSize = sets.reduce((sum, s) => sum + s.excerptCount, 0);
    const records: (ExcerptRecord | undefined)[] = [];
    for (const position of sampleIndices(poolSize, size, seed)) {
      // Walk the sets to the one holding this position; the rest is the ordinal inside it.
      let ordinal = position;
      let setIndex = 0;
      while (ordinal >= sets[setIndex]!.excerptCount) ordinal -= sets[setIndex++]!.excerptCount;
      records.push((await readExcerptPage(db, sets[setIndex]!.id, ordinal, 1))[0]);
    }
    return { excerpts: await asExcerptInputs(records), poolSize };
  },

  saveDialogue: (dialogue: DialogueRecord) => saveDialogue(getDatabase(), dialogue),
  getDialogue: (id: string) => getDialogue(getDatabase(), id),
  setQuickRating: (input: { dialogueId: string; rater: string; thumb: Thumb; note: string }) => setQuickRating(getDatabase(), input),
  ratingsFor: (dialogueIds: readonly string[]) => quickRatingsFor(getDatabase(), dialogueIds),
  /** The last grid's plan, so a reload shows its saved dialogues again. */
  saveLastGrid: (snapshot: GridSnapshot) => writeSetting(getDatabase(), LAST_GRID_KEY, gridSnapshotSchema, snapshot),
  readLastGrid: () => readSetting(getDatabase(), LAST_GRID_KEY, gridSnapshotSchema),
};
