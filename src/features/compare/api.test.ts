import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_OPTIONS } from '../../core/chunking/chunk';
import { addExcerpts, createChunkSet, finishChunkSet, readExcerptPage } from '../../db/corpusExcerpts';
import { saveWorkingSet } from '../../db/corpusWorkingSets';
import { getDatabase } from '../../db/database';
import { compareApi } from './api';
import { addDocuments } from '../../db/testing/storedCorpus';

/** A finished chunk set of `count` excerpts named `${label} i`; returns their ids. */
async function chunkSet(sourceId: string, label: string, count: number, now: number): Promise<number[]> {
  const db = getDatabase();
  const set = await createChunkSet(db, sourceId, DEFAULT_CHUNK_OPTIONS, now);
  const texts = Array.from({ length: count }, (_, i) => `${label} ${i}`);
  const documentIds = await addDocuments(db, `${sourceId}-${now}`, texts.map((text) => ({ url: null, date: null, text, metadata: null, contentHash: `${now}-${text}` })));
  await addExcerpts(db, { chunkSetId: set.id, sourceId, firstOrdinal: 0 }, texts.map((text, i) => ({
    documentId: documentIds[i]!, index: 0, start: 0, end: text.length, tokens: 10, mathSpans: 0, oversized: false,
  })));
  await finishChunkSet(db, set.id, count);
  return (await readExcerptPage(db, set.id, 0, count)).map((r) => r.id!);
}

beforeEach(async () => {
  const db = getDatabase();
  await Promise.all([db.chunkSets.clear(), db.documentBlocks.clear(), db.excerptBlocks.clear(), db.workingSets.clear()]);
});

describe('compareApi.sampleCorpus', () => {
  it('draws distinct excerpts from the current chunk set of every source, the same for the same seed', async () => {
    await chunkSet('s1', 'old s1', 5, 1);
    await chunkSet('s1', 's1', 3, 2);
    await chunkSet('s2', 's2', 4, 3);
    const { excerpts, poolSize } = await compareApi.sampleCorpus(5, 11);
    expect(poolSize).toBe(7);
    expect(excerpts).toHaveLength(5);
    expect(new Set(excerpts.map((e) => e.excerptId)).size).toBe(5);
    for (const e of excerpts) expect(e.text).toMatch(/^s[12] \d$/);
    expect((await compareApi.sampleCorpus(5, 11)).excerpts).toEqual(excerpts);
    const everything = await compareApi.sampleCorpus(20, 1);
    expect(everything.excerpts.map((e) => e.text).sort()).toEqual(['s1 0', 's1 1', 's1 2', 's2 0', 's2 1', 's2 2', 's2 3']);
  });

  it('gives nothing from an empty corpus', async () => {
    expect(await compareApi.sampleCorpus(3, 1)).toEqual({ excerpts: [], poolSize: 0 });
  });
});

describe('compareApi.workingSetExcerpts', () => {
  it("keeps the set's order and counts excerpts deleted since it was saved", async () => {
    const ids = await chunkSet('s1', 'e', 4, 1);
    await saveWorkingSet(getDatabase(), { id: 'w', name: 'W', createdAt: 1, excerptIds: [ids[2]!, ids[0]!, 99_999], sample: null });
    const { excerpts, missing } = await compareApi.workingSetExcerpts('w');
    expect(excerpts).toEqual([
      { excerptId: String(ids[2]), text: 'e 2', url: null },
      { excerptId: String(ids[0]), text: 'e 0', url: null },
    ]);
    expect(missing).toBe(1);
  });
});
