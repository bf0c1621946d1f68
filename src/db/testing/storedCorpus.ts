import type { DocumentRecord } from '../../core/records/corpus';
import type { MindLabDatabase } from '../database';
import { storedDocumentsById, writeDocumentBlocks, type NewDocument } from '../documentBlocks';
import { excerptAt, type StoredExcerpt } from '../excerptBlocks';

/** Every stored excerpt, block by block, for tests that check what an operation left in the database. */
export async function allStoredExcerpts(db: MindLabDatabase, chunkSetId?: string): Promise<StoredExcerpt[]> {
  const blocks = await db.excerptBlocks.toArray();
  return blocks
    .filter((block) => chunkSetId === undefined || block.chunkSetId === chunkSetId)
    .flatMap((block) => Array.from({ length: block.size }, (_, position) => excerptAt(block, position)))
    .sort((a, b) => a.id - b.id);
}

export async function countStoredExcerpts(db: MindLabDatabase, chunkSetId?: string): Promise<number> {
  return (await allStoredExcerpts(db, chunkSetId)).length;
}

/** Every stored document in id order. */
export async function allStoredDocuments(db: MindLabDatabase): Promise<DocumentRecord[]> {
  const ids = (await db.documentBlocks.toArray()).flatMap((block) => Array.from({ length: block.size }, (_, i) => block.firstId + i));
  return (await storedDocumentsById(db, ids)).filter((document) => document !== undefined).sort((a, b) => a.id! - b.id!);
}

/** Stores documents of one source from `firstOrdinal` on, as an import would; returns their ids. */
export async function addDocuments(db: MindLabDatabase, sourceId: string, documents: NewDocument[], firstOrdinal = 0): Promise<number[]> {
  return db.transaction('rw', db.documentBlocks, db.settings, () => writeDocumentBlocks(db, { sourceId, firstOrdinal }, documents));
}
