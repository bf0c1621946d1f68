import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_OPTIONS } from '../../../core/chunking/chunk';
import { MindLabDatabase } from '../../../db/database';
import { createChunkSet } from '../../../db/corpusExcerpts';
import { runImport } from './runImport';
import { discardUnfinishedWork } from './cleanup';

let db: MindLabDatabase;
afterEach(async () => { await db.delete(); });

describe('discardUnfinishedWork', () => {
  it('removes a source left importing and a chunk set left building, and keeps finished ones', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const hooks = { signal: new AbortController().signal, onProgress: () => {} };
    const kept = await runImport(db, { kind: 'paste', name: 'kept', text: 'word '.repeat(300) }, DEFAULT_CHUNK_OPTIONS, hooks);
    const keptExcerpts = await db.excerpts.count();
    await db.sources.add({ ...(await db.sources.get(kept))!, id: 'stuck', status: 'importing' });
    const building = await createChunkSet(db, kept, DEFAULT_CHUNK_OPTIONS);
    await db.excerpts.add({ ...(await db.excerpts.toCollection().first())!, id: undefined, chunkSetId: building.id, ordinal: 0 } as never);
    await discardUnfinishedWork(db);
    expect(await db.sources.toCollection().primaryKeys()).toEqual([kept]);
    expect(await db.chunkSets.get(building.id)).toBeUndefined();
    expect(await db.excerpts.count()).toBe(keptExcerpts);
  });
});
