import type { MindLabDatabase, SearchSegmentRecord } from './database';
import { readExcerptPage } from './corpusExcerpts';

/** Every stored segment's description (no bytes: those are read only when a search needs the segment). */
export async function listSearchSegments(db: MindLabDatabase, chunkSetId?: string): Promise<SearchSegmentRecord[]> {
  return chunkSetId === undefined ? db.searchSegments.toArray() : db.searchSegments.where('chunkSetId').equals(chunkSetId).toArray();
}

/** A segment's bytes, part by part in order; throws when a part is missing rather than returning a cut index. */
export async function loadSegmentParts(db: MindLabDatabase, segment: SearchSegmentRecord): Promise<ArrayBuffer[]> {
  const rows = await db.searchIndexParts.where('[segmentId+part]').between([segment.id, 0], [segment.id, Infinity]).toArray();
  if (rows.length !== segment.parts) throw new Error(`Search segment ${segment.id} has ${rows.length} of its ${segment.parts} parts.`);
  return rows.map((row) => row.data);
}

/**
 * Stores the segments of a chunk set in one transaction: a chunk set is either fully covered or not at all, so a
 * crash while saving leaves it to be rebuilt, never half-searchable. Leftover parts of an earlier save go first.
 */
export async function saveSearchSegments(db: MindLabDatabase, segments: { record: SearchSegmentRecord; parts: ArrayBuffer[] }[]): Promise<void> {
  await db.transaction('rw', db.searchSegments, db.searchIndexParts, async () => {
    for (const { record, parts } of segments) {
      await db.searchIndexParts.where('[segmentId+part]').between([record.id, 0], [record.id, Infinity]).delete();
      await db.searchIndexParts.bulkPut(parts.map((data, part) => ({ segmentId: record.id, part, data })));
    }
    await db.searchSegments.bulkPut(segments.map((s) => s.record));
  });
}

/** Removes segments (descriptions and bytes), e.g. those of chunk sets no longer searched. */
export async function deleteSearchSegments(db: MindLabDatabase, segmentIds: string[]): Promise<void> {
  if (segmentIds.length === 0) return;
  await db.transaction('rw', db.searchSegments, db.searchIndexParts, async () => {
    for (const id of segmentIds) await db.searchIndexParts.where('[segmentId+part]').between([id, 0], [id, Infinity]).delete();
    await db.searchSegments.bulkDelete(segmentIds);
  });
}

/** Every excerpt of a chunk set with its text, read in key order a page at a time. */
export async function* excerptsForIndex(db: MindLabDatabase, chunkSetId: string, pageSize = 2000) {
  for (let start = 0; ; start += pageSize) {
    const page = await readExcerptPage(db, chunkSetId, start, pageSize);
    if (page.length === 0) return;
    yield page;
  }
}
