import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { File } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_OPTIONS } from '../../../core/chunking/chunk';
import { MindLabDatabase } from '../../../db/database';
import { listSources } from '../../../db/corpusSources';
import { runImport, runRechunk } from './runImport';
import type { ImportJob } from './protocol';
import { prepareTexts, type Preparer } from './prepare';
import { allStoredDocuments, countStoredExcerpts } from '../../../db/testing/storedCorpus';

let db: MindLabDatabase;
afterEach(async () => { await db.delete(); });

const fixture = (name: string) => new File([readFileSync(`e2e/fixtures/corpus/${name}`)], name) as unknown as globalThis.File;
const sample = (name: string) => new File([readFileSync(`/work/shared/data/${name}`)], name) as unknown as globalThis.File;
const hooks = (signal = new AbortController().signal) => ({ signal, onProgress: () => {}, batchSize: 50 });
const run = (job: ImportJob, signal?: AbortSignal) => runImport(db, job, DEFAULT_CHUNK_OPTIONS, hooks(signal));

describe('import pipeline', () => {
  it('imports the JSONL, gzip and Parquet samples alike, skipping the duplicates of the second and third', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await run({ kind: 'file', file: sample('owm_sample.jsonl') });
    await run({ kind: 'file', file: sample('owm_sample.jsonl.gz') });
    await run({ kind: 'file', file: sample('owm_sample.parquet'), textColumn: 'text' });
    const { sources } = await listSources(db);
    expect(sources.map((s) => [s.format, s.status, s.documentCount, s.duplicateCount, s.rejectedCount])).toEqual([
      ['jsonl', 'complete', 320, 0, 0], ['jsonl+gzip', 'complete', 0, 320, 0], ['parquet', 'complete', 0, 320, 0],
    ]);
    const stored = await allStoredDocuments(db);
    expect(stored).toHaveLength(320);
    const first = stored[0];
    expect(first?.metadata).toMatchObject({ license: expect.any(String) });
    expect(await countStoredExcerpts(db)).toBeGreaterThan(320);
  }, 120_000);

  it('keeps valid records and lists each rejected one with its line and reason', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await run({ kind: 'file', file: fixture('invalid-json.jsonl') });
    const [source] = (await listSources(db)).sources;
    expect(source).toMatchObject({ documentCount: 2, rejectedCount: 4 });
    expect(source!.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(source!.rejected.every((r) => r.file === 'invalid-json.jsonl' && r.reason.length > 0)).toBe(true);
  });

  it('leaves nothing behind when cancelled or when the file holds no records', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const controller = new AbortController();
    const cancelled = runImport(db, { kind: 'file', file: sample('owm_sample.jsonl') }, DEFAULT_CHUNK_OPTIONS, {
      signal: controller.signal, batchSize: 20, onProgress: (p) => { if (p.documents >= 20) controller.abort(); },
    });
    await expect(cancelled).rejects.toThrow();
    await expect(run({ kind: 'file', file: fixture('empty.jsonl') })).rejects.toThrow();
    expect(await db.sources.count()).toBe(0);
    expect(await allStoredDocuments(db)).toHaveLength(0);
    expect(await countStoredExcerpts(db)).toBe(0);
    expect(await db.chunkSets.count()).toBe(0);
  }, 60_000);

  it('imports nothing of a truncated gzip unless asked to keep the records read before the cut, and then says so', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    await expect(run({ kind: 'file', file: fixture('truncated.jsonl.gz') })).rejects.toThrow(/could not be read to its end .*gzip/);
    expect(await db.sources.count()).toBe(0);
    expect(await allStoredDocuments(db)).toHaveLength(0);
    await run({ kind: 'file', file: fixture('truncated.jsonl.gz'), keepPartial: true });
    const [source] = (await listSources(db)).sources;
    expect(source!.documentCount).toBeGreaterThan(0);
    expect(source!.rejected.at(-1)?.reason).toMatch(/gzip.*records read before this point were kept/);
  });

  it('imports the good records around hostile ones: __proto__ text, metadata 10,000 deep, a line over the size limit', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const lines = [
      JSON.stringify({ text: 'A good first record about primes.' }),
      `{"text":"deep","metadata":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
      '{"__proto__":"not a text field"}',
      JSON.stringify({ text: 'x'.repeat(17 * 2 ** 20) }),
      JSON.stringify({ text: 'A good last record about groups.' }),
    ].join('\n');
    await run({ kind: 'file', file: new File([lines], 'hostile.jsonl') as unknown as globalThis.File });
    const [source] = (await listSources(db)).sources;
    expect(source).toMatchObject({ documentCount: 2, rejectedCount: 3 });
    expect(source!.rejected.map((r) => [r.line, r.reason.split(' (')[0]])).toEqual([
      [2, 'metadata nests deeper than 32 levels'],
      [3, 'missing text field "text"'],
      [4, 'record is too large'],
    ]);
  }, 60_000);

  it('reads pasted text through the same reader dispatch as a file: one text document, its true size, its title in metadata', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const text = 'Théorème: $\\int_0^1 x\\,dx = 1/2$. '.repeat(40);
    const sourceId = await run({ kind: 'paste', name: 'My notes (no extension)', text });
    const [source] = (await listSources(db)).sources;
    expect(source).toMatchObject({ id: sourceId, format: 'text', bytes: new TextEncoder().encode(text).byteLength, documentCount: 1 });
    const [document] = await allStoredDocuments(db);
    expect(document).toMatchObject({ text, metadata: { file: 'My notes (no extension)' } });
  });

  it('stores batches in file order when a preparer finishes them out of order, and never holds more than parallelism + 1', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    let inFlight = 0;
    let mostInFlight = 0;
    let calls = 0;
    // Later batches finish first: batch k waits (6 - k) ticks.
    const preparer: Preparer = {
      parallelism: 2,
      async prepare(texts, options) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const delay = 6 - calls++;
        for (let i = 0; i < delay; i += 1) await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return prepareTexts(texts, options);
      },
      close: () => {},
    };
    const lines = Array.from({ length: 23 }, (_, i) => JSON.stringify({ text: `Document number ${i} about primes and groups.` })).join('\n');
    const file = new File([lines], 'ordered.jsonl') as unknown as globalThis.File;
    await runImport(db, { kind: 'file', file }, DEFAULT_CHUNK_OPTIONS, { ...hooks(), batchSize: 5, preparer });
    const documents = await allStoredDocuments(db);
    expect(documents.map((d) => d.text)).toEqual(Array.from({ length: 23 }, (_, i) => `Document number ${i} about primes and groups.`));
    expect(documents.map((d) => d.ordinal)).toEqual([...documents.keys()]);
    expect(mostInFlight).toBeLessThanOrEqual(3);
    expect(mostInFlight).toBeGreaterThan(1);
  });

  it('re-chunks into a new set and keeps the old one', async () => {
    db = new MindLabDatabase(`t-${Math.random()}`);
    const sourceId = await run({ kind: 'paste', name: 'pasted', text: 'word '.repeat(2000) });
    const before = await countStoredExcerpts(db);
    await runRechunk(db, sourceId, { ...DEFAULT_CHUNK_OPTIONS, targetTokens: 200, minTokens: 50, maxTokens: 300 }, hooks());
    const sets = await db.chunkSets.where('sourceId').equals(sourceId).sortBy('createdAt');
    expect(sets.map((s) => s.status)).toEqual(['complete', 'complete']);
    expect(await countStoredExcerpts(db, sets[0]!.id)).toBe(before);
    expect(sets[1]!.excerptCount).toBeGreaterThan(before);
  });
});
