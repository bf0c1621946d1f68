import type { Table } from 'dexie';
import type { DocumentRecord } from '../core/records/corpus';
import type { MindLabDatabase } from './database';
import { documentBlockSchema, type DocumentBlock } from './blockSchemas';
import { groupRange, recordsById, recordsOfPage, reserveIds, validBlock, type RunBlock } from './runBlocks';

/** A document as an import hands it over: no id or place yet. */
export type NewDocument = Omit<DocumentRecord, 'id' | 'sourceId' | 'ordinal'>;

/**
 * Keeps a block small enough that reading one document (an excerpt's text) reads little else: at most this many
 * characters of text, or MAX_BLOCK_DOCUMENTS documents.
 */
export const MAX_BLOCK_CHARS = 64 * 1024;
export const MAX_BLOCK_DOCUMENTS = 1000;

export const NEXT_DOCUMENT_ID_SETTING = 'corpus.nextDocumentId';

const blocks = (db: MindLabDatabase) => db.documentBlocks as unknown as Table<RunBlock, number>;
const GROUP_INDEX = '[sourceId+firstOrdinal]';
const readBlock = (row: unknown) => validBlock(documentBlockSchema, row, 'document block');

export function documentBlockRecord(place: { sourceId: string; firstId: number; firstOrdinal: number }, documents: readonly NewDocument[]): DocumentBlock {
  return {
    ...place,
    size: documents.length,
    urls: documents.map((d) => d.url),
    dates: documents.map((d) => d.date),
    texts: documents.map((d) => d.text),
    metadata: documents.map((d) => d.metadata),
    contentHashes: documents.map((d) => d.contentHash),
  };
}

/** Runs of documents of at most MAX_BLOCK_DOCUMENTS and (unless one alone is longer) MAX_BLOCK_CHARS. */
function runsOf<T extends { text: string }>(documents: readonly T[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let chars = 0;
  for (const document of documents) {
    if (run.length && (run.length >= MAX_BLOCK_DOCUMENTS || chars + document.text.length > MAX_BLOCK_CHARS)) {
      runs.push(run);
      run = [];
      chars = 0;
    }
    run.push(document);
    chars += document.text.length;
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * Stores documents that follow each other in a source, giving them new consecutive ids; returns the ids. Call inside
 * a read-write transaction over documentBlocks and settings. Fails with Dexie.BulkError (and writes nothing once the
 * transaction rolls back) when a document's contentHash is already stored.
 */
export async function writeDocumentBlocks(db: MindLabDatabase, target: { sourceId: string; firstOrdinal: number }, documents: readonly NewDocument[]): Promise<number[]> {
  if (documents.length === 0) return [];
  const first = await reserveIds(db, blocks(db), NEXT_DOCUMENT_ID_SETTING, documents.length);
  const rows: DocumentBlock[] = [];
  let at = 0;
  for (const run of runsOf(documents)) {
    rows.push(documentBlockRecord({ sourceId: target.sourceId, firstId: first + at, firstOrdinal: target.firstOrdinal + at }, run));
    at += run.length;
  }
  await db.documentBlocks.bulkAdd(rows);
  return documents.map((_, i) => first + i);
}

/** Which of these content hashes are stored already. */
export async function storedContentHashes(db: MindLabDatabase, hashes: readonly string[]): Promise<Set<string>> {
  return new Set((await db.documentBlocks.where('contentHashes').anyOf([...hashes]).keys()) as string[]);
}

function documentAt(block: DocumentBlock, position: number): DocumentRecord {
  return {
    id: block.firstId + position,
    sourceId: block.sourceId,
    ordinal: block.firstOrdinal + position,
    url: block.urls[position]!,
    date: block.dates[position]!,
    text: block.texts[position]!,
    metadata: block.metadata[position]!,
    contentHash: block.contentHashes[position]!,
  };
}

/** A source's documents with ordinals in [start, start + count), in order. */
export async function storedDocumentPage(db: MindLabDatabase, sourceId: string, start: number, count: number): Promise<DocumentRecord[]> {
  return recordsOfPage(blocks(db), GROUP_INDEX, sourceId, start, count, readBlock, documentAt);
}

/** The documents with these ids, in the same order; undefined where one is not stored (any more). */
export async function storedDocumentsById(db: MindLabDatabase, ids: readonly number[]): Promise<(DocumentRecord | undefined)[]> {
  return recordsById(blocks(db), ids, readBlock, documentAt);
}

/** Deletes a source's documents. Call inside a read-write transaction over documentBlocks. */
export async function deleteSourceDocuments(db: MindLabDatabase, sourceId: string): Promise<void> {
  await groupRange(blocks(db), GROUP_INDEX, sourceId).delete();
}
