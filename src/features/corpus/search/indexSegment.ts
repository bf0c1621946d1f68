import { wordsOf } from './terms';

/**
 * One immutable piece of the excerpt index: an inverted index over at most MAX_SEGMENT_DOCUMENTS excerpts of one
 * chunk set, held in typed arrays so that 100k excerpts cost tens of MB rather than the hundreds a tree of objects
 * takes, and so that it is stored and loaded as plain bytes. Documents are numbered 0..documents-1 in the segment.
 */
export interface IndexSegment {
  /** Every distinct word, sorted (UTF-16 order), so prefixes are a contiguous range. */
  terms: string[];
  /** Postings of terms[i] are postingDocs/postingFreqs[postingStarts[i] .. postingStarts[i + 1]), documents ascending. */
  postingStarts: Uint32Array;
  postingDocs: Uint16Array;
  /** Occurrences of the term in the document, capped at 255 (BM25 saturates long before). */
  postingFreqs: Uint8Array;
  excerptIds: Float64Array;
  /** Words per document, for BM25's length normalisation. */
  lengths: Uint32Array;
  /** Estimated tokens and math spans per document, for the filters. */
  tokens: Uint32Array;
  mathSpans: Uint32Array;
  totalLength: number;
}

/** Document numbers are stored as Uint16; a segment also bounds the memory one build step needs. */
export const MAX_SEGMENT_DOCUMENTS = 32_768;

export interface SegmentDocument {
  excerptId: number;
  text: string;
  tokens: number;
  mathSpans: number;
}

/** Grows like an array but stores numbers in a typed array of the caller's kind. */
class Growable<T extends Uint32Array | Uint16Array | Uint8Array> {
  length = 0;
  constructor(private data: T, private readonly make: (size: number) => T) {}
  push(value: number) {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  get values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** Collects documents in order, then builds the segment once (postings are grouped by term in build()). */
export class SegmentBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly entryTerm = new Growable(new Uint32Array(1 << 16), (n) => new Uint32Array(n));
  private readonly entryDoc = new Growable(new Uint16Array(1 << 16), (n) => new Uint16Array(n));
  private readonly entryFreq = new Growable(new Uint8Array(1 << 16), (n) => new Uint8Array(n));
  private readonly excerptIds: number[] = [];
  private readonly lengths: number[] = [];
  private readonly tokens: number[] = [];
  private readonly mathSpans: number[] = [];

  get size(): number {
    return this.excerptIds.length;
  }

  add(document: SegmentDocument): void {
    if (this.size >= MAX_SEGMENT_DOCUMENTS) throw new Error(`A search segment holds at most ${MAX_SEGMENT_DOCUMENTS} excerpts.`);
    const doc = this.size;
    const counts = new Map<number, number>();
    let length = 0;
    for (const { term } of wordsOf(document.text)) {
      length += 1;
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termNames.length;
        this.termIds.set(term, id);
        this.termNames.push(term);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const [term, count] of counts) {
      this.entryTerm.push(term);
      this.entryDoc.push(doc);
      this.entryFreq.push(Math.min(count, 255));
    }
    this.excerptIds.push(document.excerptId);
    this.lengths.push(length);
    this.tokens.push(document.tokens);
    this.mathSpans.push(document.mathSpans);
  }

  build(): IndexSegment {
    const names = this.termNames;
    const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
    const rank = new Uint32Array(names.length);
    order.forEach((termId, position) => { rank[termId] = position; });
    const entryTerm = this.entryTerm.values;
    const postingStarts = new Uint32Array(names.length + 1);
    for (const term of entryTerm) postingStarts[rank[term]! + 1]! += 1;
    for (let i = 1; i <= names.length; i += 1) postingStarts[i]! += postingStarts[i - 1]!;
    // Entries arrive document by document, so placing them in order keeps each posting list sorted by document.
    const cursor = postingStarts.slice(0, names.length);
    const postingDocs = new Uint16Array(entryTerm.length);
    const postingFreqs = new Uint8Array(entryTerm.length);
    const entryDoc = this.entryDoc.values;
    const entryFreq = this.entryFreq.values;
    for (let e = 0; e < entryTerm.length; e += 1) {
      const at = cursor[rank[entryTerm[e]!]!]!++;
      postingDocs[at] = entryDoc[e]!;
      postingFreqs[at] = entryFreq[e]!;
    }
    return segmentOf({
      terms: order.map((i) => names[i]!),
      postingStarts,
      postingDocs,
      postingFreqs,
      excerptIds: Float64Array.from(this.excerptIds),
      lengths: Uint32Array.from(this.lengths),
      tokens: Uint32Array.from(this.tokens),
      mathSpans: Uint32Array.from(this.mathSpans),
    });
  }
}

export function segmentOf(parts: Omit<IndexSegment, 'totalLength'>): IndexSegment {
  let totalLength = 0;
  for (const length of parts.lengths) totalLength += length;
  return { ...parts, totalLength };
}

/** Position of a term in the segment's sorted terms, or -1. */
export function findTerm(segment: IndexSegment, term: string): number {
  const at = lowerBound(segment.terms, term);
  return segment.terms[at] === term ? at : -1;
}

/** The range [from, to) of terms that begin with the prefix. */
export function prefixRange(segment: IndexSegment, prefix: string): [number, number] {
  const from = lowerBound(segment.terms, prefix);
  let to = from;
  while (to < segment.terms.length && segment.terms[to]!.startsWith(prefix)) to += 1;
  return [from, to];
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
