import Dexie from 'dexie';
import { DEFAULT_CHUNK_OPTIONS } from '../../src/core/chunking/chunk';
import { MindLabDatabase } from '../../src/db/database';
import { BATCH_SIZE, runImport } from '../../src/features/corpus/import/runImport';
import { createPreparePool } from '../../src/features/corpus/import/preparePool';
import { readCorpus } from '../../src/core/corpus/readCorpus';
import type { DocumentInput } from '../../src/core/corpus/document';
import { contentHash } from '../../src/core/corpus/normalize';
import { storeDocumentBatch } from '../../src/db/corpusDocuments';
import { createChunkSet, readExcerptPage } from '../../src/db/corpusExcerpts';
import { openPreviousVersion } from '../../src/db/previousSchemas';
import { fileAsyncBuffer, streamChunks } from '../../src/features/corpus/import/byteSources';
import { excerptSpans } from '../../src/features/corpus/import/prepare';
import { ExcerptSearch } from '../../src/features/corpus/search/excerptSearch';
import { seededRandom } from '../../src/core/sampling/seededSample';
import { generatedCorpus, pickWord } from './generate';

const status = document.getElementById('status')!;
const input = document.getElementById('file') as HTMLInputElement;
let appDb: MindLabDatabase | null = null;
let cancel: AbortController | null = null;
let lastProgress = { documents: 0, excerpts: 0, bytesRead: 0 };

/** The bare baseline: split lines, JSON.parse, bulkAdd 1000 at a time; no validation, hashing, dedup or chunking. */
async function baselineImport(file: Blob): Promise<number> {
  const db = new Dexie(`bench-baseline-${Math.random()}`);
  db.version(1).stores({ docs: '++id' });
  const started = performance.now();
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  let batch: unknown[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    const lines = (rest + (value ?? '')).split('\n');
    rest = done ? '' : lines.pop()!;
    for (const line of lines) {
      if (!line) continue;
      batch.push(JSON.parse(line));
      if (batch.length >= 1000) {
        await db.table('docs').bulkAdd(batch);
        batch = [];
      }
    }
    if (done) break;
  }
  if (batch.length) await db.table('docs').bulkAdd(batch);
  const ms = performance.now() - started;
  await db.delete();
  return ms;
}

async function appImport(file: File, signal?: AbortSignal) {
  appDb = new MindLabDatabase(`bench-app-${Math.random()}`);
  const started = performance.now();
  lastProgress = { documents: 0, excerpts: 0, bytesRead: 0 };
  // As the app's import worker runs it: hashing and chunking in a pool of workers, reading and storing here.
  const preparer = createPreparePool();
  try {
    await runImport(appDb, { kind: 'file', file }, DEFAULT_CHUNK_OPTIONS, {
      signal: signal ?? new AbortController().signal,
      onProgress: ({ documents, excerpts, bytesRead }) => { lastProgress = { documents, excerpts, bytesRead }; },
      preparer,
    });
  } finally {
    preparer.close();
  }
  return { ms: performance.now() - started, ...lastProgress };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const bench = {
  async importVsBaseline(documents: number) {
    const blob = generatedCorpus(documents);
    const file = new File([blob], 'generated.jsonl');
    // Warm both paths once on a small slice, so neither pays for first-use compilation alone.
    const warm = new File([generatedCorpus(500, 99)], 'warm.jsonl');
    await baselineImport(warm);
    await appImport(warm);
    await appDb!.delete();
    const baselineMs = await baselineImport(file);
    const app = await appImport(file);
    return { bytes: file.size, baselineMs, appMs: app.ms, documents: app.documents, excerpts: app.excerpts };
  },
  /**
   * Where the import's time goes: the same records read, hashed, chunked and stored one step after the other on
   * this thread (no overlap, no workers), each step timed on its own. Storing alone bounds what any overlap of
   * the other steps can reach.
   */
  async importSteps(documents: number) {
    const file = new File([generatedCorpus(documents)], 'generated.jsonl');
    const db = new MindLabDatabase(`bench-steps-${Math.random()}`);
    const chunkSet = await createChunkSet(db, 'steps', DEFAULT_CHUNK_OPTIONS);
    const spent = { readMs: 0, hashMs: 0, chunkMs: 0, storeMs: 0 };
    const stored = { documents: 0, excerpts: 0 };
    let batch: DocumentInput[] = [];
    const store = async () => {
      let started = performance.now();
      const hashes = await Promise.all(batch.map((document) => contentHash(document.text)));
      spent.hashMs += performance.now() - started;
      started = performance.now();
      const prepared = batch.map((document, i) => ({ document: { ...document, contentHash: hashes[i]! }, excerpts: excerptSpans(document.text, DEFAULT_CHUNK_OPTIONS) }));
      spent.chunkMs += performance.now() - started;
      started = performance.now();
      const result = await storeDocumentBatch(db, { sourceId: 'steps', chunkSetId: chunkSet.id, nextDocumentOrdinal: stored.documents, nextExcerptOrdinal: stored.excerpts }, prepared);
      spent.storeMs += performance.now() - started;
      stored.documents += result.added;
      stored.excerpts += result.excerpts;
      batch = [];
    };
    const started = performance.now();
    const corpusFile = { name: file.name, stream: () => streamChunks(file.stream(), () => {}), asyncBuffer: async () => fileAsyncBuffer(file) };
    for await (const event of readCorpus(corpusFile)) {
      if (event.kind !== 'record') continue;
      batch.push(event.document);
      if (batch.length >= BATCH_SIZE) await store();
    }
    if (batch.length) await store();
    spent.readMs = performance.now() - started - spent.hashMs - spent.chunkMs - spent.storeMs;
    await db.delete();
    return { ...spent, ...stored };
  },
  /**
   * Writes a lab as version 5 of the lab stored it (a source, a chunk set, a row per document and per excerpt) into
   * the database `name`, without opening it with today's database. e2e/upgrade.spec.ts uses it too.
   */
  async writeVersion5Lab(name: string, documents: number) {
    const old = openPreviousVersion(name, 5);
    await old.table('sources').add({ id: 's', name: 'owm-v5.jsonl', kind: 'file', format: 'jsonl', status: 'complete', createdAt: 1, completedAt: 2, bytes: 0, documentCount: documents, duplicateCount: 0, rejectedCount: 0, rejected: [], attribution: null });
    await old.table('chunkSets').add({ id: 'cs', sourceId: 's', createdAt: 1, options: DEFAULT_CHUNK_OPTIONS, status: 'complete', excerptCount: documents });
    const text = await generatedCorpus(documents).text();
    const lines = text.split('\n').filter(Boolean);
    for (let at = 0; at < lines.length; at += 1000) {
      const records = lines.slice(at, at + 1000).map((line, i) => {
        const record = JSON.parse(line) as { url: string; text: string; date: string };
        return { sourceId: 's', ordinal: at + i, url: record.url, date: record.date, text: record.text, metadata: null, contentHash: `h${at + i}` };
      });
      const ids = (await old.table('documents').bulkAdd(records, { allKeys: true })) as number[];
      await old.table('excerpts').bulkAdd(records.map((record, i) => ({
        chunkSetId: 'cs', sourceId: 's', documentId: ids[i], ordinal: at + i, index: 0, start: 0, end: record.text.length, tokens: 200, mathSpans: 1, oversized: false, tags: [],
      })));
    }
    old.close();
  },
  /**
   * A version-5 lab opened by today's database: the time its upgrade takes to move every row into blocks, until
   * the first page can be read.
   */
  async upgradeFromVersion5(documents: number) {
    const name = `bench-v5-${Math.random()}`;
    await bench.writeVersion5Lab(name, documents);
    const started = performance.now();
    const db = new MindLabDatabase(name);
    const page = await readExcerptPage(db, 'cs', documents - 10, 10);
    const ms = performance.now() - started;
    db.close();
    await Dexie.delete(name);
    return { ms, documents, lastPage: page.length };
  },
  async searchP95(queries: number) {
    if (!appDb) throw new Error('import first');
    const search = new ExcerptSearch(appDb);
    const indexStarted = performance.now();
    await search.sync();
    const indexMs = performance.now() - indexStarted;
    const random = seededRandom(5);
    const times: number[] = [];
    const asked: string[] = [];
    let hits = 0;
    for (let i = 0; i < queries; i += 1) {
      const words = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pickWord(random));
      const filters = i % 3 === 0 ? { hasMath: true, minTokens: 50 } : {};
      asked.push(words.join(' '));
      const answer = await search.search({ query: words.join(' '), filters });
      times.push(answer.tookMs);
      hits += answer.ids.length;
    }
    const slowest = times.map((ms, i) => ({ ms, query: asked[i]! })).sort((a, b) => b.ms - a.ms).slice(0, 3);
    return { size: search.size, indexMs, p50: percentile(times, 50), p95: percentile(times, 95), meanHits: hits / queries, databaseName: appDb.name, slowest };
  },
  /**
   * A warm start as the lab has it after a reload: a new page and a new search over the stored index (no
   * rebuild), timed from opening the database to the first answer, which loads every segment it needs.
   */
  async warmStart(databaseName: string, query: string) {
    const started = performance.now();
    const db = new MindLabDatabase(databaseName);
    const search = new ExcerptSearch(db);
    const changes = await search.sync();
    const synced = performance.now();
    const answer = await search.search({ query, filters: {} });
    const ms = performance.now() - started;
    const again = await search.search({ query, filters: {} });
    db.close();
    return { ms, syncMs: synced - started, ...changes, size: search.size, hits: answer.ids.length, nextMs: again.tookMs };
  },
  async deleteDatabase(databaseName: string) {
    await Dexie.delete(databaseName);
  },
  async importSelected(limitMs: number) {
    const file = input.files?.[0];
    if (!file) throw new Error('no file selected');
    cancel = new AbortController();
    const started = performance.now();
    const timer = setTimeout(() => cancel?.abort(), limitMs);
    try {
      const result = await appImport(file, cancel.signal);
      return { ...result, bytes: file.size, completed: true };
    } catch (error) {
      // Error objects do not cross page.evaluate whole: send the message.
      if (!cancel.signal.aborted) throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      return { completed: false, bytes: file.size, ms: performance.now() - started, ...lastProgress };
    } finally {
      clearTimeout(timer);
    }
  },
  progress: () => lastProgress,
};

declare global {
  interface Window { corpusBench: typeof bench }
}
window.corpusBench = bench;
status.textContent = 'ready';
