import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MindLabDatabase } from './database';
import { openPreviousVersion } from './previousSchemas';
import { completeSource, createImportingSource, deleteSource, discardUnfinishedImports, listSources } from './corpusSources';
import { saveSearchSegments } from './corpusSearchIndex';
import { readDocumentPage, storeDocumentBatch, type PreparedDocument } from './corpusDocuments';
import { createChunkSet, currentChunkSets, discardChunkSet, excerptIdsWithTag, finishChunkSet, getExcerpts, readExcerptPage, setExcerptTags } from './corpusExcerpts';
import { listWorkingSets, saveWorkingSet } from './corpusWorkingSets';
import { addExcerpts } from './corpusExcerpts';
import { addDocuments, allStoredDocuments, allStoredExcerpts, countStoredExcerpts } from './testing/storedCorpus';

let db: MindLabDatabase;
afterEach(async () => { await db.delete(); });

const OPTIONS = { targetTokens: 500, minTokens: 100, maxTokens: 800, shortChunks: 'merge' as const };

function prepared(text: string, hash = `h-${text}`): PreparedDocument {
  return {
    document: { url: `https://example.org/${text}`, date: null, text, metadata: { license: 'CC BY-SA 4.0' }, contentHash: hash },
    excerpts: [{ index: 0, start: 0, end: text.length, tokens: 3, mathSpans: 1, oversized: false }],
  };
}

async function importSource(id: string, texts: string[]) {
  await createImportingSource(db, { id, name: `${id}.jsonl`, kind: 'file', format: 'jsonl', bytes: 10, attribution: null });
  const set = await createChunkSet(db, id, OPTIONS);
  const result = await storeDocumentBatch(db, { sourceId: id, chunkSetId: set.id, nextDocumentOrdinal: 0, nextExcerptOrdinal: 0 }, texts.map((t) => prepared(t)));
  return { set, result };
}

describe('corpus repositories', () => {
  it('upgrades a version-1 database (dialogues and settings only) to the corpus tables, keeping its data', async () => {
    const name = `t-${Math.random()}`;
    const old = openPreviousVersion(name, 1);
    await old.table('dialogues').add({ id: 'kept', createdAt: 1, style: 'DEBATE' });
    await old.table('settings').add({ key: 'openai.baseUrl', value: 'http://localhost:8080/v1' });
    old.close();
    db = new MindLabDatabase(name);
    expect((await db.dialogues.get('kept'))?.style).toBe('DEBATE');
    expect((await db.settings.get('openai.baseUrl'))?.value).toBe('http://localhost:8080/v1');
    expect(db.verno).toBeGreaterThanOrEqual(4);
    await importSource('s1', ['a']);
    expect(await allStoredDocuments(db)).toHaveLength(1);
  });

  it('skips exact duplicates within a batch and across sources, and counts them', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const first = await importSource('s1', ['a', 'b', 'a']);
    expect(first.result).toEqual({ added: 2, duplicates: 1, excerpts: 2 });
    const second = await importSource('s2', ['b', 'c']);
    expect(second.result).toEqual({ added: 1, duplicates: 1, excerpts: 1 });
    expect((await readDocumentPage(db, 's2', 0, 10)).map((d) => d.text)).toEqual(['c']);
  });

  it('removes every trace of a source left importing, and keeps complete ones', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const done = await importSource('done', ['a']);
    await finishChunkSet(db, done.set.id, 1);
    await completeSource(db, 'done', { documentCount: 1 });
    await importSource('crashed', ['b', 'c']);
    expect(await discardUnfinishedImports(db)).toEqual(['crashed']);
    const { sources } = await listSources(db);
    expect(sources.map((s) => [s.id, s.status, s.documentCount])).toEqual([['done', 'complete', 1]]);
    expect(await allStoredDocuments(db)).toHaveLength(1);
    expect(await countStoredExcerpts(db)).toBe(1);
    expect((await db.chunkSets.toArray()).map((s) => s.sourceId)).toEqual(['done']);
  });

  it('reads pages by key range and keeps older chunk sets when a new one is made', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const { set } = await importSource('s1', ['a', 'b', 'c', 'd']);
    await completeSource(db, 's1', {});
    expect((await readDocumentPage(db, 's1', 1, 2)).map((d) => d.text)).toEqual(['b', 'c']);
    const newer = await createChunkSet(db, 's1', { ...OPTIONS, targetTokens: 200 }, Date.now() + 1);
    expect((await currentChunkSets(db)).map((s) => s.id)).toEqual([set.id]);
    await discardChunkSet(db, newer.id);
    expect((await readExcerptPage(db, set.id, 0, 10)).map((e) => e.text)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('edits tags and stores working sets', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const { set } = await importSource('s1', ['a', 'b']);
    const [first] = await readExcerptPage(db, set.id, 0, 1);
    await setExcerptTags(db, first!.id!, [' proof ', 'proof', 'algebra']);
    expect(await excerptIdsWithTag(db, 'proof')).toEqual([first!.id]);
    await saveWorkingSet(db, { id: 'w', name: 'Proofs', createdAt: 1, excerptIds: [first!.id!], sample: null });
    expect((await listWorkingSets(db)).map((w) => w.name)).toEqual(['Proofs']);
  });

  it('deletes a source with its documents, excerpts, search segments and working-set places, and nothing else', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const first = await importSource('s1', ['a', 'b']);
    await completeSource(db, 's1', { documentCount: 2 });
    const second = await importSource('s2', ['c']);
    await completeSource(db, 's2', { documentCount: 1 });
    const excerptIds = (await allStoredExcerpts(db)).map((e) => e.id);
    await saveWorkingSet(db, { id: 'ws', name: 'mixed', createdAt: 1, excerptIds, sample: null });
    await saveSearchSegments(db, [{ record: { id: `${first.set.id}#0`, chunkSetId: first.set.id, sourceId: 's1', block: 0, documents: 2, parts: 1, bytes: 4, format: 1, createdAt: 1 }, parts: [new Uint8Array([1, 2, 3, 4]).buffer] }]);
    await db.dialogues.put({ id: 'd', excerptText: 'a' } as never);

    expect(await deleteSource(db, 's1')).toEqual({ documents: 2, excerpts: 2, workingSetsChanged: 1 });
    expect((await listSources(db)).sources.map((s) => s.id)).toEqual(['s2']);
    expect(await allStoredDocuments(db)).toHaveLength(1);
    expect((await allStoredExcerpts(db)).map((e) => e.chunkSetId)).toEqual([second.set.id]);
    expect(await db.searchSegments.count()).toBe(0);
    expect(await db.searchIndexParts.count()).toBe(0);
    expect((await listWorkingSets(db))[0]?.excerptIds).toEqual(excerptIds.slice(2));
    expect(await db.dialogues.get('d')).toBeDefined();
  });
  it('stores excerpts as offsets into their document and gives their text back when read', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await createImportingSource(db, { id: 's1', name: 's1.txt', kind: 'paste', format: 'text', bytes: 10, attribution: null });
    const set = await createChunkSet(db, 's1', OPTIONS);
    const text = 'First paragraph about $x^2$.\n\nSecond paragraph, ünïcode.';
    const cut = text.indexOf('Second');
    const spans = [{ start: 0, end: cut - 2 }, { start: cut, end: text.length }];
    await storeDocumentBatch(db, { sourceId: 's1', chunkSetId: set.id, nextDocumentOrdinal: 0, nextExcerptOrdinal: 0 }, [{
      document: { url: null, date: null, text, metadata: null, contentHash: 'h' },
      excerpts: spans.map((span, index) => ({ index, ...span, tokens: 5, mathSpans: 0, oversized: false })),
    }]);
    expect((await allStoredExcerpts(db)).every((excerpt) => !('text' in excerpt))).toBe(true);
    const expected = [text.slice(0, cut - 2), text.slice(cut)];
    expect((await readExcerptPage(db, set.id, 0, 10)).map((e) => e.text)).toEqual(expected);
    const ids = (await readExcerptPage(db, set.id, 0, 10)).map((e) => e.id!);
    expect((await getExcerpts(db, [ids[1]!, 999_999, ids[0]!])).map((e) => e?.text)).toEqual([expected[1], undefined, expected[0]]);
    // Documents far apart (excerpts picked from sources imported at different times) are looked up one by one.
    await addDocuments(db, 'filler', Array.from({ length: 3000 }, (_, i) => ({ url: null, date: null, text: `filler ${i}`, metadata: null, contentHash: `filler-${i}` })));
    const [farId] = await addDocuments(db, 's1', [{ url: null, date: null, text: 'A far document.', metadata: null, contentHash: 'far' }], 1);
    const [farExcerpt] = await addExcerpts(db, { chunkSetId: set.id, sourceId: 's1', firstOrdinal: 2 }, [{ documentId: farId!, index: 0, start: 2, end: 5, tokens: 1, mathSpans: 0, oversized: false }]);
    expect((await getExcerpts(db, [farExcerpt!, ids[1]!])).map((e) => e?.text)).toEqual(['far', expected[1]]);
  });
});
