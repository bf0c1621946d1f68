import { chunkDocument } from '../../../core/chunking/chunk';
import { contentHash } from '../../../core/corpus/normalize';
import type { DocumentInput } from '../../../core/corpus/document';
import { REJECTED_KEPT, type ChunkOptionsRecord, type RejectedRecordRow, type SourceRecord } from '../../../core/records/corpus';
import type { MindLabDatabase } from '../../../db/database';
import { readDocumentPage, storeDocumentBatch, type PreparedDocument } from '../../../db/corpusDocuments';
import { addExcerpts, createChunkSet, discardChunkSet, finishChunkSet } from '../../../db/corpusExcerpts';
import { completeSource, createImportingSource, discardSource } from '../../../db/corpusSources';
import { openEvents } from './readEvents';
import { emptyProgress, type ImportJob, type ImportProgress } from './protocol';

export const BATCH_SIZE = 1000;

/** A file that could not be read to its end; nothing of it is kept unless the job asked to keep partial reads. */
export class FileReadFailure extends Error {
  readonly hint =
    'Nothing of this file was kept. If the file is damaged (a gzip stream failing its checksum, a cut-off download), get it again; to keep the records read before the failure, tick "Keep records read before a failure" and import again.';
}
const PROGRESS_INTERVAL_MS = 100;

export interface RunHooks {
  signal: AbortSignal;
  onProgress(progress: ImportProgress): void;
  batchSize?: number;
}

/** Longest stretch of synchronous work between two turns of the event loop (see pauseIfBusy). */
const BUSY_SLICE_MS = 200;

/**
 * Returns a function that, once BUSY_SLICE_MS of work has passed since the last pause, gives the event loop a
 * turn: the worker's heartbeat (import.worker.ts) then keeps reaching the page while a batch of long documents is
 * chunked, so only a worker that is really stuck looks stuck to the watchdog.
 */
function pauser(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < BUSY_SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}

async function prepare(documents: DocumentInput[], options: ChunkOptionsRecord): Promise<PreparedDocument[]> {
  const hashes = await Promise.all(documents.map((d) => contentHash(d.text)));
  const pauseIfBusy = pauser();
  const prepared: PreparedDocument[] = [];
  for (const [i, document] of documents.entries()) {
    prepared.push({
      document: { ...document, contentHash: hashes[i]! },
      excerpts: chunkDocument(document.text, options).map((c) => ({
        index: c.index, start: c.start, end: c.end, text: c.text, tokens: c.tokens, mathSpans: c.mathSpans, oversized: c.oversized, tags: [],
      })),
    });
    await pauseIfBusy();
  }
  return prepared;
}

/**
 * Imports one source: read → hash → chunk → store, a batch at a time. While one batch is written the next one is
 * prepared, and never more than that is held, so memory stays flat whatever the file size. A cancelled or failed
 * import removes everything it wrote.
 */
export async function runImport(db: MindLabDatabase, job: ImportJob, chunkOptions: ChunkOptionsRecord, hooks: RunHooks): Promise<SourceRecord['id']> {
  const started = performance.now();
  const progress: ImportProgress = emptyProgress();
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    hooks.onProgress({ ...progress, elapsedMs: now - started });
  };
  const source = await openEvents(job, {
    signal: hooks.signal,
    onBytes: (n) => { progress.bytesRead += n; },
    onNotice: (notice) => { progress.notice = notice; report(true); },
  });
  progress.totalBytes = source.totalBytes;
  const sourceId = crypto.randomUUID();
  await createImportingSource(db, {
    id: sourceId,
    name: source.name,
    kind: job.kind,
    format: source.format,
    bytes: source.totalBytes ?? 0,
    attribution: job.kind === 'demo' ? job.attribution : job.kind === 'huggingface' ? `https://huggingface.co/datasets/${job.dataset}` : null,
  });
  const rejected: RejectedRecordRow[] = [];
  try {
    const chunkSet = await createChunkSet(db, sourceId, chunkOptions);
    const batchSize = hooks.batchSize ?? BATCH_SIZE;
    let pending: DocumentInput[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const prepared = await prepare(pending, chunkOptions);
      pending = [];
      await writing;
      hooks.signal.throwIfAborted();
      writing = storeDocumentBatch(db, {
        sourceId, chunkSetId: chunkSet.id, nextDocumentOrdinal: progress.documents, nextExcerptOrdinal: progress.excerpts,
      }, prepared).then((result) => {
        progress.documents += result.added;
        progress.duplicates += result.duplicates;
        progress.excerpts += result.excerpts;
        report();
      });
      // A failed write must surface at the next flush, not as an unhandled rejection.
      writing.catch(() => {});
    };
    for await (const event of source.events) {
      hooks.signal.throwIfAborted();
      if (event.kind === 'record') {
        progress.records += 1;
        pending.push(event.document);
        if (pending.length >= batchSize) await flush();
      } else if (event.kind === 'rejected') {
        progress.rejected += 1;
        if (rejected.length < REJECTED_KEPT) rejected.push(event.rejected);
      } else if (event.kind === 'failed') {
        const { line, reason } = event.rejected;
        // Whole or nothing: records before a failed checksum may be altered, those of a cut-off file incomplete.
        if (!(job.kind === 'file' && job.keepPartial)) {
          throw new FileReadFailure(`${source.name} could not be read to its end (line ${line}: ${reason}).`);
        }
        progress.rejected += 1;
        rejected.splice(Math.min(rejected.length, REJECTED_KEPT - 1), 1, {
          ...event.rejected,
          reason: `${reason} — the ${progress.records} records read before this point were kept ("Keep records read before a failure" was on); they may be incomplete or altered`,
        });
      }
      report();
    }
    if (pending.length) await flush();
    await writing;
    hooks.signal.throwIfAborted();
    if (progress.documents === 0 && progress.duplicates === 0) {
      throw new Error(progress.rejected
        ? `No record of ${source.name} could be read (${progress.rejected} rejected; first: line ${rejected[0]?.line}: ${rejected[0]?.reason}).`
        : `${source.name} holds no records.`);
    }
    await finishChunkSet(db, chunkSet.id, progress.excerpts);
    await completeSource(db, sourceId, {
      documentCount: progress.documents, duplicateCount: progress.duplicates, rejectedCount: progress.rejected, rejected,
      bytes: source.totalBytes ?? progress.bytesRead,
    });
    report(true);
    return sourceId;
  } catch (error) {
    await discardSource(db, sourceId);
    throw error;
  }
}

/** A new chunk set for a source with other options; earlier sets and the dialogues built on them stay. */
export async function runRechunk(db: MindLabDatabase, sourceId: string, chunkOptions: ChunkOptionsRecord, hooks: RunHooks): Promise<string> {
  const started = performance.now();
  const chunkSet = await createChunkSet(db, sourceId, chunkOptions);
  const progress: ImportProgress = emptyProgress();
  const pageSize = hooks.batchSize ?? BATCH_SIZE;
  try {
    for (let start = 0; ; start += pageSize) {
      hooks.signal.throwIfAborted();
      const page = await readDocumentPage(db, sourceId, start, pageSize);
      if (page.length === 0) break;
      const pauseIfBusy = pauser();
      const excerpts = [];
      for (const document of page) {
        for (const c of chunkDocument(document.text, chunkOptions)) {
          excerpts.push({
            chunkSetId: chunkSet.id, sourceId, documentId: document.id!, ordinal: 0,
            index: c.index, start: c.start, end: c.end, text: c.text, tokens: c.tokens, mathSpans: c.mathSpans, oversized: c.oversized, tags: [],
          });
        }
        await pauseIfBusy();
      }
      excerpts.forEach((e, i) => { e.ordinal = progress.excerpts + i; });
      await addExcerpts(db, excerpts);
      progress.documents += page.length;
      progress.records += page.length;
      progress.excerpts += excerpts.length;
      hooks.onProgress({ ...progress, elapsedMs: performance.now() - started });
    }
    await finishChunkSet(db, chunkSet.id, progress.excerpts);
    return chunkSet.id;
  } catch (error) {
    await discardChunkSet(db, chunkSet.id);
    throw error;
  }
}
