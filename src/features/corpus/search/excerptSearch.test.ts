import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MindLabDatabase } from '../../../db/database';
import { completeSource, createImportingSource } from '../../../db/corpusSources';
import { addExcerpts, createChunkSet, finishChunkSet, getExcerpts, setExcerptTags } from '../../../db/corpusExcerpts';
import { storeDocumentBatch } from '../../../db/corpusDocuments';
import { ExcerptSearch } from './excerptSearch';
import { allStoredDocuments } from '../../../db/testing/storedCorpus';

let db: MindLabDatabase;
afterEach(async () => { await db.delete(); });

const OPTIONS = { targetTokens: 500, minTokens: 100, maxTokens: 800, shortChunks: 'merge' as const };

async function addSource(id: string, texts: string[], createdAt = Date.now()) {
  await createImportingSource(db, { id, name: id, kind: 'paste', format: 'text', bytes: 1, attribution: null });
  const set = await createChunkSet(db, id, OPTIONS, createdAt);
  await storeDocumentBatch(db, { sourceId: id, chunkSetId: set.id, nextDocumentOrdinal: 0, nextExcerptOrdinal: 0 }, texts.map((text, i) => ({
    document: { url: null, date: null, text, metadata: null, contentHash: `${id}-${i}-${text}` },
    excerpts: [{ index: 0, start: 0, end: text.length, tokens: text.split(' ').length, mathSpans: text.includes('$') ? 1 : 0, oversized: false }],
  })));
  await finishChunkSet(db, set.id, texts.length);
  await completeSource(db, id, {});
  return set;
}

describe('excerpt search', () => {
  it('finds words, filters by source, math, length and tag, and survives a reload from Dexie', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await addSource('a', ['the integral of $x$ dx', 'a prime number theorem', 'integral calculus notes without math']);
    await addSource('b', ['integral test for series $\\sum a_n$']);
    const search = new ExcerptSearch(db);
    expect(await search.sync()).toEqual({ added: 4, removed: 0 });
    expect((await search.search({ query: 'integral', filters: {} })).ids).toHaveLength(3);
    expect((await search.search({ query: 'integral', filters: { sourceIds: ['b'] } })).ids).toHaveLength(1);
    expect((await search.search({ query: 'integral', filters: { hasMath: false } })).ids).toHaveLength(1);
    expect((await search.search({ query: '', filters: { maxTokens: 4 } })).ids).toHaveLength(1);
    const [first] = (await search.search({ query: 'prime', filters: {} })).ids;
    await setExcerptTags(db, first!, ['number-theory']);
    expect((await search.search({ query: '', filters: { tag: 'number-theory' } })).ids).toEqual([first]);

    const reloaded = new ExcerptSearch(db);
    expect(await reloaded.sync()).toEqual({ added: 0, removed: 0 });
    expect(reloaded.size).toBe(4);
  });

  it('ranks by relevance and, after a restart, answers from the stored parts without re-reading the excerpts', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await addSource('a', ['a group', 'group theory: a group acts on a group', 'rings and fields']);
    const search = new ExcerptSearch(db);
    await search.sync();
    const [thrice, once] = (await search.search({ query: 'group', filters: {} })).ids;
    expect((await getExcerpts(db, [thrice!]))[0]!.text).toContain('group acts');
    expect((await search.search({ query: 'group', filters: {} })).ranked).toBe(2);
    expect(await db.searchIndexParts.count()).toBeGreaterThan(0);

    // Changing the stored text behind the index's back shows which one a restarted search reads.
    await db.documentBlocks.toCollection().modify((block) => { block.texts = block.texts.map((text) => (text === 'a group' ? 'zebra' : text)); });
    const restarted = new ExcerptSearch(db);
    expect(await restarted.sync()).toEqual({ added: 0, removed: 0 });
    expect((await restarted.search({ query: 'zebra', filters: {} })).ids).toEqual([]);
    expect((await restarted.search({ query: 'grou', filters: {} })).ids).toEqual([thrice, once]);
  });

  it('indexes a chunk set again when a stored part of its index is missing, instead of failing every search', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await addSource('a', ['alpha beta', 'beta gamma']);
    await new ExcerptSearch(db).sync();
    const parts = await db.searchIndexParts.count();
    await db.searchIndexParts.clear();
    const restarted = new ExcerptSearch(db);
    await restarted.sync();
    expect((await restarted.search({ query: 'beta', filters: {} })).ids).toHaveLength(2);
    expect(await db.searchIndexParts.count()).toBe(parts);
    const afterRepair = new ExcerptSearch(db);
    expect(await afterRepair.sync()).toEqual({ added: 0, removed: 0 });
    expect((await afterRepair.search({ query: 'gamma', filters: {} })).ids).toHaveLength(1);
  });

  it('replaces a source’s excerpts when it is re-chunked', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await addSource('a', ['alpha beta']);
    const search = new ExcerptSearch(db);
    await search.sync();
    const set = await createChunkSet(db, 'a', { ...OPTIONS, targetTokens: 200 }, Date.now() + 10);
    const [document] = await allStoredDocuments(db);
    await addExcerpts(db, { chunkSetId: set.id, sourceId: 'a', firstOrdinal: 0 }, [{ documentId: document!.id!, index: 0, start: 0, end: 5, tokens: 1, mathSpans: 0, oversized: false }]);
    await finishChunkSet(db, set.id, 1);
    expect(await search.sync()).toEqual({ added: 1, removed: 1 });
    expect((await search.search({ query: 'beta', filters: {} })).ids).toEqual([]);
  });
});
