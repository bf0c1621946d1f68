import type { MindLabDatabase, SearchSegmentRecord } from '../../../db/database';
import { currentChunkSets, excerptIdsWithTag } from '../../../db/corpusExcerpts';
import { deleteSearchSegments, excerptsForIndex, listSearchSegments, loadSegmentParts, saveSearchSegments } from '../../../db/corpusSearchIndex';
import { MAX_SEGMENT_DOCUMENTS, SegmentBuilder, type IndexSegment } from './indexSegment';
import { rankedSearch, type SearchedSegment } from './rankedSearch';
import { SEGMENT_FORMAT, segmentFromParts, segmentToParts } from './segmentBytes';
import { queryTerms } from './terms';

export interface SearchFilters {
  sourceIds?: string[];
  hasMath?: boolean;
  minTokens?: number;
  maxTokens?: number;
  tag?: string;
}

export interface SearchRequest {
  query: string;
  filters: SearchFilters;
}

export interface SearchAnswer {
  ids: number[];
  /** The first `ranked` ids are ordered by relevance, the rest by id (see rankedSearch). */
  ranked: number;
  tookMs: number;
}

interface LoadedSegment {
  record: SearchSegmentRecord;
  /** Read from Dexie on the first search that needs it, so opening the lab costs only the segment list. */
  data: IndexSegment | null;
}

/**
 * Full-text search over the excerpts of each source's current chunk set. The index is a list of immutable
 * segments (one or more per chunk set) stored in Dexie in bounded parts: a new chunk set adds segments, a
 * superseded or removed one drops its own, and nothing else is rewritten.
 */
export class ExcerptSearch {
  private segments: LoadedSegment[] | null = null;

  constructor(private readonly db: MindLabDatabase) {}

  get size(): number {
    return (this.segments ?? []).reduce((sum, s) => sum + s.record.documents, 0);
  }

  async sync(): Promise<{ added: number; removed: number }> {
    if (!this.segments) {
      const stored = await listSearchSegments(this.db);
      const unreadable = stored.filter((s) => s.format !== SEGMENT_FORMAT);
      await deleteSearchSegments(this.db, unreadable.map((s) => s.id));
      this.segments = stored.filter((s) => s.format === SEGMENT_FORMAT).map((record) => ({ record, data: null }));
    }
    const wanted = await currentChunkSets(this.db);
    const wantedIds = new Set(wanted.map((s) => s.id));
    const stale = this.segments.filter((s) => !wantedIds.has(s.record.chunkSetId));
    await deleteSearchSegments(this.db, stale.map((s) => s.record.id));
    const removed = stale.reduce((sum, s) => sum + s.record.documents, 0);
    this.segments = this.segments.filter((s) => wantedIds.has(s.record.chunkSetId));
    const covered = new Set(this.segments.map((s) => s.record.chunkSetId));
    let added = 0;
    for (const chunkSet of wanted) {
      if (covered.has(chunkSet.id)) continue;
      // Another tab may have built it since this worker listed the segments.
      const built = await listSearchSegments(this.db, chunkSet.id);
      if (built.length && built.every((s) => s.format === SEGMENT_FORMAT)) {
        this.segments.push(...built.map((record) => ({ record, data: null })));
        added += built.reduce((sum, s) => sum + s.documents, 0);
        continue;
      }
      const segments = await this.build(chunkSet.id, chunkSet.sourceId);
      this.segments.push(...segments);
      added += segments.reduce((sum, s) => sum + s.record.documents, 0);
    }
    return { added, removed };
  }

  /** Indexes a chunk set a page of excerpts at a time, cutting a segment every MAX_SEGMENT_DOCUMENTS excerpts. */
  private async build(chunkSetId: string, sourceId: string): Promise<LoadedSegment[]> {
    const built: { record: SearchSegmentRecord; parts: ArrayBuffer[]; data: IndexSegment }[] = [];
    let builder = new SegmentBuilder();
    const finish = () => {
      const data = builder.build();
      const parts = segmentToParts(data);
      built.push({
        data,
        parts,
        record: {
          id: `${chunkSetId}#${built.length}`, chunkSetId, sourceId, block: built.length, documents: data.excerptIds.length,
          parts: parts.length, bytes: parts.reduce((sum, p) => sum + p.byteLength, 0), format: SEGMENT_FORMAT, createdAt: Date.now(),
        },
      });
      builder = new SegmentBuilder();
    };
    for await (const page of excerptsForIndex(this.db, chunkSetId)) {
      for (const excerpt of page) {
        if (builder.size === MAX_SEGMENT_DOCUMENTS) finish();
        builder.add({ excerptId: excerpt.id!, text: excerpt.text, tokens: excerpt.tokens, mathSpans: excerpt.mathSpans });
      }
    }
    // An empty chunk set still gets its (empty) segment, which records that it is covered.
    if (builder.size > 0 || built.length === 0) finish();
    await saveSearchSegments(this.db, built);
    return built.map(({ record, data }) => ({ record, data }));
  }

  /**
   * Reads the parts of the wanted segments not yet in memory. A segment that cannot be read (a part missing or
   * cut, say after the browser evicted data) is dropped with the rest of its chunk set, which is indexed again
   * from its excerpts, so a damaged index repairs itself instead of failing every search.
   */
  private async loadSegments(wanted: (segment: LoadedSegment) => boolean): Promise<void> {
    for (const segment of (this.segments ?? []).filter(wanted)) {
      if (segment.data) continue;
      try {
        segment.data = segmentFromParts(await loadSegmentParts(this.db, segment.record));
      } catch (error) {
        const { chunkSetId, sourceId } = segment.record;
        console.warn(`Search segment ${segment.record.id} is unreadable (${error instanceof Error ? error.message : String(error)}); indexing its chunk set again.`);
        const siblings = this.segments!.filter((s) => s.record.chunkSetId === chunkSetId);
        await deleteSearchSegments(this.db, siblings.map((s) => s.record.id));
        this.segments = this.segments!.filter((s) => s.record.chunkSetId !== chunkSetId);
        this.segments.push(...(await this.build(chunkSetId, sourceId)));
      }
    }
  }

  async search({ query, filters }: SearchRequest): Promise<SearchAnswer> {
    const started = performance.now();
    const sources = filters.sourceIds?.length ? new Set(filters.sourceIds) : null;
    await this.loadSegments((s) => !sources || sources.has(s.record.sourceId));
    const chosen = (this.segments ?? []).filter((s) => !sources || sources.has(s.record.sourceId));
    const tagged = filters.tag ? new Set(await excerptIdsWithTag(this.db, filters.tag)) : null;
    const filtered = filters.hasMath !== undefined || filters.minTokens !== undefined || filters.maxTokens !== undefined || tagged;
    const searched: SearchedSegment[] = chosen.map(({ data }) => {
      const segment = data!;
      if (!filtered) return { segment };
      const keep = (doc: number) =>
        (filters.hasMath === undefined || (segment.mathSpans[doc]! > 0) === filters.hasMath) &&
        (filters.minTokens === undefined || segment.tokens[doc]! >= filters.minTokens) &&
        (filters.maxTokens === undefined || segment.tokens[doc]! <= filters.maxTokens) &&
        (!tagged || tagged.has(segment.excerptIds[doc]!));
      return { segment, keep };
    });
    const { ids, ranked } = rankedSearch(searched, queryTerms(query));
    return { ids, ranked, tookMs: performance.now() - started };
  }
}
