import type { DocumentInput } from '../../../core/corpus/document';
import { REJECTED_KEPT, type ChunkOptionsRecord, type RejectedRecordRow, type SourceRecord } from '../../../core/records/corpus';
import type { MindLabDatabase } from '../../../db/database';
import { readDocumentPage, storeDocumentBatch, type PreparedDocument } from '../../../db/corpusDocuments';
import { addExcerpts, createChunkSet, discardChunkSet, finishChunkSet } from '../../../db/corpusExcerpts';
import type { ExcerptSpan } from '../../../db/excerptBlocks';
import { completeSource, createImportingSource, discardSource } from '../../../db/corpusSources';
import { excerptSpans, inThreadPreparer, pauser, type Preparer } from './prepare';
import { openEvents } from './readEvents';
import { emptyProgress, type ImportJob, type ImportProgress } from './protocol';

export const BATCH_SIZE = 1000;

/** A file that could not be read to its end; nothing of it is kept unless the job asked to keep partial reads. */
export class FileReadFailure extends Error {
  readonly hint =
    'Nothing of this file was kept. If the file is damaged (a gzip stream failing its checksum, a cut-off download), get it again; to keep the records read before the failure, tick "Keep records read before a failure" and import again.';
}
const PROGRESS_INTERVAL_MS = 100;
/**
 * A batch is sent to be prepared at BATCH_SIZE documents or this many characters of text, whichever comes first,
 * so a file of long documents holds no more in memory than one of short ones.
 */
const BATCH_CHARS = 4 * 2 ** 20;

export interface RunHooks {
  signal: AbortSignal;
  onProgress(progress: ImportProgress): void;
  batchSize?: number;
  /** Who hashes and chunks; on this thread unless given (the import worker gives a pool of workers). */
  preparer?: Preparer;
}

/**
 * Imports one source: read → hash → chunk → store, a batch at a time. Reading and storing stay on this thread;
 * hashing and chunking go to the preparer (a pool of workers in the app), and while they run the oldest prepared
 * batch is written. At most one batch per preparing worker, plus one, is held, so memory stays flat whatever the
 * file size. A cancelled or failed import removes everything it wrote.
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
  const preparer = hooks.preparer ?? inThreadPreparer();
  try {
    const chunkSet = await createChunkSet(db, sourceId, chunkOptions);
    const batchSize = hooks.batchSize ?? BATCH_SIZE;
    let pending: DocumentInput[] = [];
    let pendingChars = 0;
    /** Batches being prepared, oldest first: they are stored in this order, so ordinals follow the file. */
    const preparing: Promise<PreparedDocument[]>[] = [];
    let writing: Promise<void> = Promise.resolve();
    const dispatch = () => {
      const documents = pending;
      pending = [];
      pendingChars = 0;
      const prepared = preparer.prepare(documents.map((d) => d.text), chunkOptions).then((results) =>
        documents.map((document, i) => ({ document: { ...document, contentHash: results[i]!.contentHash }, excerpts: results[i]!.excerpts })),
      );
      // A failure surfaces when this batch's turn to be stored comes, not as an unhandled rejection.
      prepared.catch(() => {});
      preparing.push(prepared);
    };
    /** Stores the oldest prepared batch once the previous write is done; one write is in flight at a time. */
    const storeOldest = async () => {
      const prepared = await preparing.shift()!;
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
      writing.catch(() => {});
    };
    const flush = async () => {
      dispatch();
      // Reading runs ahead of storing by at most one batch per preparing worker, so memory stays flat.
      while (preparing.length > preparer.parallelism) await storeOldest();
    };
    for await (const event of source.events) {
      hooks.signal.throwIfAborted();
      if (event.kind === 'record') {
        progress.records += 1;
        pending.push(event.document);
        pendingChars += event.document.text.length;
        if (pending.length >= batchSize || pendingChars >= BATCH_CHARS) await flush();
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
    if (pending.length) dispatch();
    while (preparing.length) await storeOldest();
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
  } finally {
    if (!hooks.preparer) preparer.close();
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
      const excerpts: ExcerptSpan[] = [];
      for (const document of page) {
        for (const span of excerptSpans(document.text, chunkOptions)) excerpts.push({ ...span, documentId: document.id! });
        await pauseIfBusy();
      }
      await addExcerpts(db, { chunkSetId: chunkSet.id, sourceId, firstOrdinal: progress.excerpts }, excerpts);
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
