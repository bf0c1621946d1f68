import type { MindLabDatabase, SearchIndexRecord } from './database';

const EXCERPT_INDEX = 'excerpts';

export async function loadSearchIndex(db: MindLabDatabase): Promise<SearchIndexRecord | undefined> {
  return db.searchIndexes.get(EXCERPT_INDEX);
}

export async function saveSearchIndex(db: MindLabDatabase, json: string, chunkSetIds: string[], now = Date.now()): Promise<void> {
  await db.searchIndexes.put({ id: EXCERPT_INDEX, json, chunkSetIds, updatedAt: now });
}

export async function clearSearchIndex(db: MindLabDatabase): Promise<void> {
  await db.searchIndexes.delete(EXCERPT_INDEX);
}

/** Every excerpt of a chunk set with the fields search needs, read in key order a page at a time. */
export async function* excerptsForIndex(db: MindLabDatabase, chunkSetId: string, pageSize = 2000) {
  for (let start = 0; ; start += pageSize) {
    const page = await db.excerpts.where('[chunkSetId+ordinal]').between([chunkSetId, start], [chunkSetId, start + pageSize]).toArray();
    if (page.length === 0) return;
    yield page;
  }
}
