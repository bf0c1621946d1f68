import type { MindLabDatabase } from '../database';
import { excerptAt, type StoredExcerpt } from '../excerptBlocks';

/** Every stored excerpt, block by block, for tests that check what an operation left in the database. */
export async function allStoredExcerpts(db: MindLabDatabase, chunkSetId?: string): Promise<StoredExcerpt[]> {
  const blocks = await db.excerptBlocks.toArray();
  return blocks
    .filter((block) => chunkSetId === undefined || block.chunkSetId === chunkSetId)
    .flatMap((block) => block.excerptIds.map((_, position) => excerptAt(block, position)))
    .sort((a, b) => a.id - b.id);
}

export async function countStoredExcerpts(db: MindLabDatabase, chunkSetId?: string): Promise<number> {
  return (await allStoredExcerpts(db, chunkSetId)).length;
}
