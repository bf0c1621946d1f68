import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_OPTIONS } from '../../../core/chunking/chunk';
import { MindLabDatabase } from '../../../db/database';
import { addExcerpts, createChunkSet } from '../../../db/corpusExcerpts';
import { allStoredExcerpts, countStoredExcerpts } from '../../../db/testing/storedCorpus';
import { runImport } from './runImport';
import { discardUnfinishedWork } from './cleanup';

let db: MindLabDatabase;
afterEach(async () => { await db.delete(); });

describe('discardUnfinishedWork', () => {
  it('removes a source left importing and a chunk set left building, and keeps finished ones', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const hooks = { signal: new AbortController().signal, onProgress: () => {} };
    const kept = await runImport(db, { kind: 'paste', name: 'kept', text: 'word '.repeat(300) }, DEFAULT_CHUNK_OPTIONS, hooks);
    const keptExcerpts = await countStoredExcerpts(db);
    await db.sources.add({ ...(await db.sources.get(kept))!, id: 'stuck', status: 'importing' });
    const building = await createChunkSet(db, kept, DEFAULT_CHUNK_OPTIONS);
    await addExcerpts(db, { chunkSetId: building.id, sourceId: kept, firstOrdinal: 0 }, (await allStoredExcerpts(db)).slice(0, 1));
    await discardUnfinishedWork(db);
    expect(await db.sources.toCollection().primaryKeys()).toEqual([kept]);
    expect(await db.chunkSets.get(building.id)).toBeUndefined();
    expect(await countStoredExcerpts(db)).toBe(keptExcerpts);
  });
});
