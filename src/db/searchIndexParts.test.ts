import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MindLabDatabase, type SearchSegmentRecord } from './database';
import { openPreviousVersion } from './previousSchemas';
import { getExcerpts } from './corpusExcerpts';
import { deleteSearchSegments, listSearchSegments, loadSegmentParts, saveSearchSegments } from './corpusSearchIndex';

let db: MindLabDatabase;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const openVersion3 = (name: string) => openPreviousVersion(name, 3);

const segment = (id: string, parts: number): SearchSegmentRecord => ({
  id, chunkSetId: id.split('#')[0]!, sourceId: 's', block: Number(id.split('#')[1]), documents: 3, parts, bytes: parts * 4, format: 1, createdAt: 1,
});
const bytes = (...values: number[]) => new Uint8Array(values).buffer;

describe('version 4: the search index in parts', () => {
  it('drops the version-3 MiniSearch JSON index and keeps the corpus, working sets and dialogues', async () => {
    const name = `t-${Math.random()}`;
    const old = openVersion3(name);
    await old.table('sources').add({ id: 's', name: 'owm.jsonl', kind: 'file', format: 'jsonl', createdAt: 1, status: 'complete' });
    await old.table('chunkSets').add({ id: 'c', sourceId: 's', createdAt: 1, status: 'complete', excerpts: 1 });
    const excerptId = (await old.table('excerpts').add({ chunkSetId: 'c', sourceId: 's', documentId: 1, ordinal: 0, index: 0, start: 0, end: 5, text: 'prime', tokens: 1, mathSpans: 0, oversized: false, tags: ['nt'] })) as number;
    await old.table('workingSets').add({ id: 'ws', name: 'one', createdAt: 1, excerptIds: [excerptId], sample: null });
    await old.table('searchIndexes').put({ id: 'excerpts', json: '{"documentCount":1}', chunkSetIds: ['c'], updatedAt: 1 });
    await old.table('dialogues').add({ id: 'd', createdAt: 1, style: 'TWO_STUDENTS', excerptId, status: 'complete' });
    old.close();

    db = new MindLabDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(db.tables.map((t) => t.name)).not.toContain('searchIndexes');
    expect(await getExcerpts(db, [excerptId])).toMatchObject([{ text: 'prime', tags: ['nt'] }]);
    expect(await db.workingSets.get('ws')).toMatchObject({ excerptIds: [excerptId] });
    expect(await db.dialogues.get('d')).toMatchObject({ excerptId });
    expect(await listSearchSegments(db)).toEqual([]);
  });

  it('stores segments part by part, reads the parts back in order, and deletes a segment with all its parts', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await saveSearchSegments(db, [
      { record: segment('c#0', 3), parts: [bytes(1), bytes(2), bytes(3)] },
      { record: segment('c#1', 1), parts: [bytes(4)] },
    ]);
    expect((await listSearchSegments(db, 'c')).map((s) => s.id)).toEqual(['c#0', 'c#1']);
    const parts = await loadSegmentParts(db, segment('c#0', 3));
    expect(parts.map((p) => [...new Uint8Array(p)])).toEqual([[1], [2], [3]]);

    // Saving a segment again with fewer parts leaves none of the old ones behind.
    await saveSearchSegments(db, [{ record: segment('c#0', 2), parts: [bytes(5), bytes(6)] }]);
    expect((await loadSegmentParts(db, segment('c#0', 2))).map((p) => [...new Uint8Array(p)])).toEqual([[5], [6]]);
    await expect(loadSegmentParts(db, segment('c#0', 3))).rejects.toThrow('has 2 of its 3 parts');

    await deleteSearchSegments(db, ['c#0']);
    expect((await listSearchSegments(db)).map((s) => s.id)).toEqual(['c#1']);
    expect(await db.searchIndexParts.count()).toBe(1);
  });
});
