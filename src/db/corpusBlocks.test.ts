import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../core/chunking/chunk';
import { MindLabDatabase } from './database';
import { openPreviousVersion } from './previousSchemas';
import { addExcerpts, allTags, excerptIdsWithTag, getExcerpts, readExcerptPage, setExcerptTags } from './corpusExcerpts';
import { deleteSource } from './corpusSources';
import { MAX_BLOCK_EXCERPTS, NEXT_EXCERPT_ID_SETTING } from './excerptBlocks';
import { NEXT_DOCUMENT_ID_SETTING } from './documentBlocks';
import { getDocument, readDocumentPage } from './corpusDocuments';
import { excerptsForIndex } from './corpusSearchIndex';
import { addDocuments } from './testing/storedCorpus';

let db: MindLabDatabase;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Real OpenWebMath records (../shared/data), as many as asked. */
const owmTexts = (n: number): { url: string; text: string }[] =>
  readFileSync(resolve(process.cwd(), '../shared/data/owm_sample.jsonl'), 'utf8').trim().split('\n').slice(0, n).map((line) => JSON.parse(line) as { url: string; text: string });

const span = (documentId: number, start: number, end: number) => ({ documentId, index: 0, start, end, tokens: 1, mathSpans: 0, oversized: false });

describe('version 6: excerpts in blocks', () => {
  it('moves version-5 documents and excerpts into blocks, each keeping its id, text, tags and place', { timeout: 60_000 }, async () => {
    const name = `t-${Math.random()}`;
    const old = openPreviousVersion(name, 5);
    // Each record three times (other hashes), so the first source has well over a thousand excerpts.
    const records = [...owmTexts(320), ...owmTexts(320), ...owmTexts(320)];
    // Two sources as version 5 stored them: documents, and one excerpt row per excerpt holding offsets; the second
    // source's rows are older ones that carry their text, written in reverse, so no two ids follow each other.
    await old.table('sources').bulkAdd(['s1', 's2'].map((id) => ({ id, name: `${id}.jsonl`, kind: 'file', format: 'jsonl', status: 'complete', createdAt: 1, completedAt: 2, bytes: 1, documentCount: 480, duplicateCount: 0, rejectedCount: 0, rejected: [], attribution: null })));
    await old.table('chunkSets').bulkAdd(['s1', 's2'].map((id) => ({ id: `cs-${id}`, sourceId: id, createdAt: 1, options: DEFAULT_CHUNK_OPTIONS, status: 'complete', excerptCount: 0 })));
    const documentIds = (await old.table('documents').bulkAdd(records.map((r, i) => ({ sourceId: i < 480 ? 's1' : 's2', ordinal: i % 480, url: r.url, date: null, text: r.text, metadata: null, contentHash: `h${i}` })), { allKeys: true })) as number[];
    const rows: (Record<string, unknown> & { tags: string[] })[] = [];
    const ordinals = { s1: 0, s2: 0 };
    records.forEach((record, i) => {
      const sourceId = i < 480 ? 's1' : 's2';
      for (const { index, start, end, tokens, mathSpans, oversized } of chunkDocument(record.text, DEFAULT_CHUNK_OPTIONS)) {
        const s = { index, start, end, tokens, mathSpans, oversized };
        rows.push({
          chunkSetId: `cs-${sourceId}`, sourceId, documentId: documentIds[i]!, ordinal: ordinals[sourceId]++, ...s, tags: rows.length % 97 === 0 ? ['nt', 'proof'] : [],
          ...(sourceId === 's2' ? { text: record.text.slice(s.start, s.end) } : {}),
        });
      }
    });
    const interleaved = [...rows.filter((row) => row.sourceId === 's1'), ...rows.filter((row) => row.sourceId === 's2').reverse()];
    const ids = (await old.table('excerpts').bulkAdd(interleaved, { allKeys: true })) as number[];
    const expected = new Map(interleaved.map((row, i) => [ids[i]!, { ...row, id: ids[i]!, text: (row.text as string | undefined) ?? records[documentIds.indexOf(row.documentId as number)]!.text.slice(row.start as number, row.end as number) }]));
    const s1Count = ordinals.s1;
    const picked = [ids[5]!, ids[ids.length - 1]!, ids[600]!];
    await old.table('workingSets').add({ id: 'ws', name: 'picked', createdAt: 1, excerptIds: picked, sample: null });
    await old.table('dialogues').add({ id: 'later', createdAt: 1, excerptId: String(Math.max(...ids) + 40) });
    old.close();

    db = new MindLabDatabase(name);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('excerpts');
    expect(db.tables.map((t) => t.name)).not.toContain('documents');
    const documents = await readDocumentPage(db, 's1', 470, 20);
    expect(documents.map((d) => [d.id, d.ordinal, d.text])).toEqual(records.slice(470, 480).map((r, i) => [documentIds[470 + i], 470 + i, r.text]));
    expect((await getDocument(db, documentIds[700]!))?.contentHash).toBe('h700');
    expect(await db.documentBlocks.count()).toBeGreaterThan(2);
    expect((await db.settings.get(NEXT_DOCUMENT_ID_SETTING))?.value).toBe(Math.max(...documentIds) + 1);
    // Over a thousand excerpts in s1: more than one block, and a page read across the seam.
    expect(s1Count).toBeGreaterThan(1000);
    expect(await db.excerptBlocks.count()).toBeGreaterThan(2);
    const page = await readExcerptPage(db, 'cs-s1', 990, 20);
    expect(page.map((e) => e.ordinal)).toEqual(Array.from({ length: 20 }, (_, i) => 990 + i));
    for (const excerpt of [...page, ...(await readExcerptPage(db, 'cs-s2', 0, 50))]) {
      expect(excerpt).toEqual(expected.get(excerpt.id!));
    }
    expect((await getExcerpts(db, picked)).map((e) => e?.text)).toEqual(picked.map((id) => expected.get(id)!.text));
    const tagged = [...expected.values()].filter((row) => row.tags.includes('proof')).map((row) => row.id).sort((a, b) => a - b);
    expect(await excerptIdsWithTag(db, 'proof')).toEqual(tagged);
    expect(await allTags(db)).toEqual(['nt', 'proof']);
    // The next excerpt id is past every id in use, including one a dialogue still holds.
    expect((await db.settings.get(NEXT_EXCERPT_ID_SETTING))?.value).toBe(Math.max(...ids) + 41);
    let indexed = 0;
    for (const set of ['cs-s1', 'cs-s2']) for await (const excerpts of excerptsForIndex(db, set, 300)) indexed += excerpts.length;
    expect(indexed).toBe(rows.length);
  });

  it('gives ids once only, even after the newest excerpts are deleted', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await db.sources.add({ id: 's', name: 's', kind: 'paste', format: 'text', status: 'complete', createdAt: 1, completedAt: 2, bytes: 1, documentCount: 1, duplicateCount: 0, rejectedCount: 0, rejected: [], attribution: null });
    await db.chunkSets.add({ id: 'cs', sourceId: 's', createdAt: 1, options: DEFAULT_CHUNK_OPTIONS, status: 'complete', excerptCount: 3 });
    const [documentId] = await addDocuments(db, 's', [{ url: null, date: null, text: 'alpha beta gamma', metadata: null, contentHash: 'h' }]);
    const first = await addExcerpts(db, { chunkSetId: 'cs', sourceId: 's', firstOrdinal: 0 }, [span(documentId!, 0, 5), span(documentId!, 6, 10)]);
    expect(first).toEqual([1, 2]);
    await deleteSource(db, 's');
    const again = await addExcerpts(db, { chunkSetId: 'cs2', sourceId: 's2', firstOrdinal: 0 }, [span(documentId!, 0, 5)]);
    expect(again).toEqual([3]);
  });

  it('splits a long run of excerpts into bounded blocks and reads any page of it', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const text = 'x'.repeat(10_000);
    const [documentId] = await addDocuments(db, 's', [{ url: null, date: null, text, metadata: null, contentHash: 'h' }]);
    const n = MAX_BLOCK_EXCERPTS * 2 + 10;
    await addExcerpts(db, { chunkSetId: 'cs', sourceId: 's', firstOrdinal: 0 }, Array.from({ length: n }, (_, i) => span(documentId!, i % 100, (i % 100) + 1)));
    expect(await db.excerptBlocks.count()).toBe(3);
    for (const start of [0, MAX_BLOCK_EXCERPTS - 3, 2 * MAX_BLOCK_EXCERPTS + 5, n - 1, n]) {
      const got = await readExcerptPage(db, 'cs', start, 7);
      expect(got.map((e) => e.ordinal)).toEqual(Array.from({ length: Math.max(0, Math.min(7, n - start)) }, (_, i) => start + i));
    }
    const [tagged] = await readExcerptPage(db, 'cs', MAX_BLOCK_EXCERPTS + 1, 1);
    await setExcerptTags(db, tagged!.id!, ['seam']);
    expect(await excerptIdsWithTag(db, 'seam')).toEqual([tagged!.id]);
    await setExcerptTags(db, tagged!.id!, []);
    expect(await allTags(db)).toEqual([]);
  });

  it('names the block and the field when a stored block is unreadable', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const [documentId] = await addDocuments(db, 's', [{ url: null, date: null, text: 'alpha', metadata: null, contentHash: 'h' }]);
    const [id] = await addExcerpts(db, { chunkSetId: 'cs', sourceId: 's', firstOrdinal: 0 }, [span(documentId!, 0, 5)]);
    const block = (await db.excerptBlocks.toArray())[0]!;
    await db.excerptBlocks.put({ ...block, starts: [] });
    await expect(getExcerpts(db, [id!])).rejects.toThrow(`Stored excerpt block ${block.id} is unreadable: starts: has 0 values for 1 excerpts`);
  });
});
