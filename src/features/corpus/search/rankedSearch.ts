import { findTerm, prefixRange, type IndexSegment } from './indexSegment';
import type { QueryTerm } from './terms';

/** A segment to search and which of its documents the filters keep (absent: all). */
export interface SearchedSegment {
  segment: IndexSegment;
  keep?: (doc: number) => boolean;
}

export interface RankedHits {
  ids: number[];
  /** The first `ranked` ids are the best matches, best first; the rest follow in corpus (id) order. */
  ranked: number;
}

/** BM25 as MiniSearch scores it (k1, b and its BM25+ delta), so rankings stay what users knew. */
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;
/** A word that only begins like the query word counts less, the more so the longer it is (MiniSearch's weight). */
const PREFIX_WEIGHT = 0.375;

/** How many hits are ranked by score; the others are listed in corpus order. Nobody pages through 100k by score. */
export const TOP_K = 1000;

interface Expansion {
  term: string;
  weight: number;
}

/**
 * AND search over the segments: every query term must match (itself, or a word it begins when it is a prefix
 * term). Every hit is scored in typed arrays, but only the best `topK` are ordered by score (a quickselect),
 * so a word found in every excerpt costs a pass over its postings, not a sort of 100k result objects.
 */
export function rankedSearch(segments: SearchedSegment[], query: QueryTerm[], topK = TOP_K): RankedHits {
  if (query.length === 0) return allInOrder(segments);
  // Corpus-wide statistics, so that a score means the same in every segment.
  let documents = 0;
  let totalLength = 0;
  for (const { segment } of segments) { documents += segment.excerptIds.length; totalLength += segment.totalLength; }
  const averageLength = documents ? totalLength / documents : 1;
  const frequency = new Map<string, number>();
  const expansions = query.map((q) => {
    const found = new Map<string, Expansion>();
    for (const { segment } of segments) {
      const [from, to] = q.prefix ? prefixRange(segment, q.term) : rangeOf(segment, q.term);
      for (let t = from; t < to; t += 1) {
        const term = segment.terms[t]!;
        if (!found.has(term)) found.set(term, { term, weight: term === q.term ? 1 : (PREFIX_WEIGHT * q.term.length) / term.length });
      }
    }
    return [...found.values()];
  });
  if (expansions.some((e) => e.length === 0)) return { ids: [], ranked: 0 };
  // Counted once per word, even when several query words expand to it ("prim prime").
  for (const term of new Set(expansions.flat().map((e) => e.term))) {
    let count = 0;
    for (const { segment } of segments) {
      const t = findTerm(segment, term);
      if (t >= 0) count += segment.postingStarts[t + 1]! - segment.postingStarts[t]!;
    }
    frequency.set(term, count);
  }
  // Rarest term first: later terms only add to documents that matched every earlier one.
  const postingsOf = (e: Expansion[]) => e.reduce((sum, x) => sum + frequency.get(x.term)!, 0);
  expansions.sort((a, b) => postingsOf(a) - postingsOf(b));
  const idf = (term: string) => {
    const df = frequency.get(term)!;
    return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
  };

  const hitIds = grow('hitIds', documents);
  const hitScores = grow('hitScores', documents);
  let hits = 0;
  for (const { segment, keep } of segments) {
    const n = segment.excerptIds.length;
    const matched = grow('matched', n).fill(0, 0, n);
    const scores = grow('scores', n).fill(0, 0, n);
    const { postingStarts, postingDocs, postingFreqs, lengths } = segment;
    for (let q = 0; q < expansions.length; q += 1) {
      for (const { term, weight } of expansions[q]!) {
        const t = findTerm(segment, term);
        if (t < 0) continue;
        const termIdf = idf(term) * weight;
        for (let p = postingStarts[t]!, end = postingStarts[t + 1]!; p < end; p += 1) {
          const doc = postingDocs[p]!;
          const state = matched[doc]!;
          if (state !== q && state !== q + 1) continue;
          matched[doc] = q + 1;
          const tf = postingFreqs[p]!;
          const norm = K1 * (1 - B + (B * lengths[doc]!) / averageLength);
          scores[doc]! += termIdf * (DELTA + (tf * (K1 + 1)) / (tf + norm));
        }
      }
    }
    const all = expansions.length;
    for (let doc = 0; doc < n; doc += 1) {
      if (matched[doc] === all && (!keep || keep(doc))) {
        hitIds[hits] = segment.excerptIds[doc]!;
        hitScores[hits] = scores[doc]!;
        hits += 1;
      }
    }
  }
  const inOrder = inIdOrder(hitIds.subarray(0, hits), hitScores.subarray(0, hits));
  return topFirst(inOrder.ids, inOrder.scores, topK);
}

/**
 * Buffers reused from one search to the next (a search runs start to end without yielding), so a query with
 * 100k hits allocates no large arrays and leaves the garbage collector nothing big to do.
 */
const scratch = {
  hitIds: new Float64Array(0),
  hitScores: new Float64Array(0),
  scores: new Float64Array(0),
  select: new Float64Array(0),
  matched: new Uint16Array(0),
};

function grow<K extends keyof typeof scratch>(name: K, length: number): (typeof scratch)[K] {
  if (scratch[name].length < length) {
    const SameKind = scratch[name].constructor as new (n: number) => (typeof scratch)[K];
    scratch[name] = new SameKind(Math.max(length, scratch[name].length * 2));
  }
  return scratch[name];
}

function rangeOf(segment: IndexSegment, term: string): [number, number] {
  const t = findTerm(segment, term);
  return t < 0 ? [0, 0] : [t, t + 1];
}

function allInOrder(segments: SearchedSegment[]): RankedHits {
  const ids: number[] = [];
  for (const { segment, keep } of segments) {
    for (let doc = 0; doc < segment.excerptIds.length; doc += 1) if (!keep || keep(doc)) ids.push(segment.excerptIds[doc]!);
  }
  // Timsort finishes in one pass when, as usual, the segments already list their excerpts in id order.
  return { ids: ids.sort((a, b) => a - b), ranked: 0 };
}

/**
 * The best k hits by score (ties: the lower id first), then every other hit in id order. `ids` are in id order.
 * The k-th best score is found by quickselect, so 100k hits cost two linear passes and a sort of k, not of 100k.
 */
export function topFirst(ids: ArrayLike<number>, scores: ArrayLike<number>, k: number): RankedHits {
  const count = ids.length;
  if (count === 0) return { ids: [], ranked: 0 };
  let threshold = k <= 0 ? Infinity : -Infinity;
  if (k > 0 && k < count) {
    const values = grow('select', count).subarray(0, count);
    for (let hit = 0; hit < count; hit += 1) values[hit] = scores[hit]!;
    threshold = kthLargest(values, k);
  }
  let above = 0;
  for (let hit = 0; hit < count; hit += 1) if (scores[hit]! > threshold) above += 1;
  let ties = Math.min(k, count) - above;
  const best: number[] = [];
  const rest: number[] = [];
  for (let hit = 0; hit < count; hit += 1) {
    const score = scores[hit]!;
    if (score > threshold || (score === threshold && ties-- > 0)) best.push(hit);
    else rest.push(ids[hit]!);
  }
  best.sort((a, b) => scores[b]! - scores[a]! || ids[a]! - ids[b]!);
  const ordered = best.map((hit) => ids[hit]!);
  for (const id of rest) ordered.push(id);
  return { ids: ordered, ranked: best.length };
}

/** The k-th largest value (1-based); reorders `values`. Hoare-style quickselect with a middle pivot. */
function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else return values[target]!;
  }
  return values[target]!;
}

/** Segments list their excerpts in id order, so this is usually one pass with nothing to reorder. */
function inIdOrder(ids: Float64Array, scores: Float64Array): { ids: ArrayLike<number>; scores: ArrayLike<number> } {
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i += 1) sorted = ids[i - 1]! < ids[i]!;
  if (sorted) return { ids, scores };
  const order = Array.from(ids.keys()).sort((a, b) => ids[a]! - ids[b]!);
  return { ids: order.map((i) => ids[i]!), scores: order.map((i) => scores[i]!) };
}
