import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SegmentBuilder, type IndexSegment } from './indexSegment';
import { rankedSearch, topFirst } from './rankedSearch';
import { segmentFromParts, segmentToParts } from './segmentBytes';
import { queryTerms, wordsOf, type QueryTerm } from './terms';

const VOCABULARY = ['prime', 'primes', 'primality', 'proof', 'group', 'groupoid', 'ring', 'a', 'an', 'the', '$x^2$'];

function segmentsOf(texts: string[], perSegment: number): IndexSegment[] {
  const segments: IndexSegment[] = [];
  for (let start = 0; start < texts.length; start += perSegment) {
    const builder = new SegmentBuilder();
    texts.slice(start, start + perSegment).forEach((text, i) => builder.add({ excerptId: start + i + 1, text, tokens: 1, mathSpans: 0 }));
    segments.push(builder.build());
  }
  return segments;
}

/** BM25 written the plain way over the texts, to check the typed-array search against. */
function referenceScores(texts: string[], query: QueryTerm[]): Map<number, number> {
  const docs = texts.map((text) => [...wordsOf(text)].map((w) => w.term));
  const average = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const term of new Set(d)) df.set(term, (df.get(term) ?? 0) + 1);
  const scores = new Map<number, number>();
  docs.forEach((words, i) => {
    let score = 0;
    for (const q of query) {
      const matching = [...new Set(words)].filter((w) => (q.prefix ? w.startsWith(q.term) : w === q.term));
      if (matching.length === 0) return;
      for (const term of matching) {
        const tf = words.filter((w) => w === term).length;
        const idf = Math.log(1 + (docs.length - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
        const weight = term === q.term ? 1 : (0.375 * q.term.length) / term.length;
        score += weight * idf * (0.5 + (tf * 2.2) / (tf + 1.2 * (1 - 0.7 + (0.7 * words.length) / average)));
      }
    }
    scores.set(i + 1, score);
  });
  return scores;
}

describe('ranked search over segments', () => {
  it('finds exactly the excerpts with every query word, the best k first by BM25, then the rest in id order', () => {
    const text = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(fc.property(
      fc.array(text, { minLength: 1, maxLength: 40 }), fc.array(fc.constantFrom(...VOCABULARY, 'prim', 'grou', 'missing'), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 10 }),
      (texts, words, perSegment, k) => {
        const query = queryTerms(words.join(' '));
        const expected = referenceScores(texts, query);
        const { ids, ranked } = rankedSearch(segmentsOf(texts, perSegment).map((segment) => ({ segment })), query, k);
        expect([...ids].sort((a, b) => a - b)).toEqual([...expected.keys()]);
        expect(ranked).toBe(Math.min(k, ids.length));
        const best = ids.slice(0, ranked).map((id) => expected.get(id)!);
        const rest = ids.slice(ranked);
        for (let i = 1; i < best.length; i += 1) expect(best[i]!).toBeLessThanOrEqual(best[i - 1]! + 1e-9);
        for (const id of rest) expect(expected.get(id)!).toBeLessThanOrEqual(Math.min(...best) + 1e-9);
        expect(rest).toEqual([...rest].sort((a, b) => a - b));
      },
    ));
  });

  it('breaks ties by the lower id and keeps the filters', () => {
    const segments = segmentsOf(['ring', 'ring', 'ring group', 'ring'], 2);
    expect(topFirst([1, 2, 3, 4], [1, 1, 2, 1], 2)).toEqual({ ids: [3, 1, 2, 4], ranked: 2 });
    const keepOdd = segments.map((segment) => ({ segment, keep: (doc: number) => segment.excerptIds[doc]! % 2 === 1 }));
    expect(rankedSearch(keepOdd, queryTerms('ring')).ids.sort()).toEqual([1, 3]);
    expect(rankedSearch(keepOdd, []).ids).toEqual([1, 3]);
  });

  it('stores a segment as parts of bounded size and reads back the same index', () => {
    const texts = ['the prime $x^2$ theorem', 'groupoid of a ring', 'prime ring ideal', 'Ünïcode wörds ok'];
    const [segment] = segmentsOf(texts, 10);
    const parts = segmentToParts(segment!, 64);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.every((p) => p.byteLength <= 64)).toBe(true);
    const back = segmentFromParts(parts);
    expect(back).toEqual(segment);
    expect(rankedSearch([{ segment: back }], queryTerms('wörds prime')).ids).toEqual([]);
    expect(rankedSearch([{ segment: back }], queryTerms('prim')).ids).toEqual(rankedSearch([{ segment: segment! }], queryTerms('prim')).ids);
    expect(() => segmentFromParts(parts.slice(0, -1))).toThrow(/bytes, expected/);
  });
});
