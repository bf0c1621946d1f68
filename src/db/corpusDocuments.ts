import Dexie from 'dexie';
import type { DocumentRecord } from '../core/records/corpus';
import type { MindLabDatabase } from './database';
import { storedContentHashes, storedDocumentPage, storedDocumentsById, writeDocumentBlocks, type NewDocument } from './documentBlocks';
import { writeExcerptBlocks, type ChunkSpan, type ExcerptSpan } from './excerptBlocks';

export interface PreparedDocument {
  document: NewDocument;
  /** Excerpts of this document as offsets into its text. */
  excerpts: ChunkSpan[];
}

export interface BatchTarget {
  sourceId: string;
  chunkSetId: string;
  /** Ordinals already used in this source and chunk set. */
  nextDocumentOrdinal: number;
  nextExcerptOrdinal: number;
}

export interface BatchResult {
  added: number;
  duplicates: number;
  excerpts: number;
}

/**
 * Stores one batch of documents and their excerpts in a single transaction, both as blocks (runBlocks.ts). Exact
 * duplicates (same contentHash, already stored by any source or earlier in this batch) are skipped and counted.
 *
 * The unique index finds duplicates for free: the batch is first written as is, and only when that fails on the
 * index (the transaction then rolls back whole) are the stored hashes looked up and the rest written again.
 */
export async function storeDocumentBatch(db: MindLabDatabase, target: BatchTarget, batch: PreparedDocument[]): Promise<BatchResult> {
  const seen = new Set<string>();
  const fresh = batch.filter((p) => !seen.has(p.document.contentHash) && Boolean(seen.add(p.document.contentHash)));
  try {
    return await writeBatch(db, target, fresh, batch.length - fresh.length);
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    const stored = await storedContentHashes(db, [...seen]);
    const rest = fresh.filter((p) => !stored.has(p.document.contentHash));
    return writeBatch(db, target, rest, batch.length - rest.length);
  }
}

async function writeBatch(db: MindLabDatabase, target: BatchTarget, fresh: PreparedDocument[], duplicates: number): Promise<BatchResult> {
  return db.transaction('rw', db.documentBlocks, db.excerptBlocks, db.settings, async () => {
    const ids = await writeDocumentBlocks(db, { sourceId: target.sourceId, firstOrdinal: target.nextDocumentOrdinal }, fresh.map((p) => p.document));
    const spans: ExcerptSpan[] = [];
    fresh.forEach((prepared, i) => {
      for (const span of prepared.excerpts) spans.push({ ...span, documentId: ids[i]! });
    });
    await writeExcerptBlocks(db, { chunkSetId: target.chunkSetId, sourceId: target.sourceId, firstOrdinal: target.nextExcerptOrdinal }, spans);
    return { added: fresh.length, duplicates, excerpts: spans.length };
  });
}

/** One page of a source's documents, read by key range so any position is as fast as the first. */
export async function readDocumentPage(db: MindLabDatabase, sourceId: string, start: number, count: number): Promise<DocumentRecord[]> {
  return storedDocumentPage(db, sourceId, start, count);
}

export async function getDocument(db: MindLabDatabase, id: number): Promise<DocumentRecord | undefined> {
  return (await storedDocumentsById(db, [id]))[0];
}

/** The documents with these ids, in the same order; undefined where one is not stored (any more). */
export async function getDocuments(db: MindLabDatabase, ids: readonly number[]): Promise<(DocumentRecord | undefined)[]> {
  return storedDocumentsById(db, ids);
}
