import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DialogueAnalysisRecord, RatingRecord } from '../records/review';
import { buildQueue, indexRatings, queueFacets, SORT_KEYS, type SortKey } from './queue';
import { pairsToJudge } from './pairs';

const kept = (n: number) => ({ source: n, kept: [], introduced: Array.from({ length: n }, (_, i) => String(i)) });
function row(id: string, over: Partial<DialogueAnalysisRecord> = {}): DialogueAnalysisRecord {
  return {
    dialogueId: id, createdAt: Number(id.replace(/\D/g, '')) || 0, style: 'DEBATE', runId: null, templateVersionId: 'builtin:DEBATE@v1', modelKey: 'wllama:m', excerptKey: 'text:x',
    edited: false, thresholdsHash: 'h', filters: { pass: true, reasons: [] },
    signals: { numbers: kept(0), formulas: kept(0), variables: kept(0), terms: kept(0), mathCoverage: 1, lengthRatio: 1, newNumberRate: 0 },
    computedAt: 0, ...over,
  };
}
const rating = (dialogueId: string, rater: string, status: RatingRecord['status']): RatingRecord => ({ id: `${dialogueId}${rater}`, dialogueId, rater, rubricId: 'r', status, answers: {}, createdAt: 0, updatedAt: 0 });

describe('review queue', () => {
  const rows = [
    row('d1', { style: 'DEBATE', filters: { pass: false, reasons: [{ filter: 'too-short', message: 'Too short' }] }, signals: { ...row('x').signals, mathCoverage: 0.2 } }),
    row('d2', { style: 'INTERVIEW', runId: 'run1', signals: { ...row('x').signals, mathCoverage: 0.9 } }),
    row('d3', { style: 'DEBATE', runId: 'run1', edited: true, signals: { ...row('x').signals, mathCoverage: 0.5 } }),
  ];
  const ratings = indexRatings([rating('d1', 'ana', 'submitted'), rating('d2', 'ana', 'draft'), rating('d2', 'ben', 'submitted')]);
  const ids = (filter = {}, sort: SortKey = 'newest', rater = 'ana') => buildQueue(rows, ratings, { rater, filter, sort, overlapTarget: 1 }).map((e) => e.dialogueId);

  it('filters by every facet and by the rater\'s status', () => {
    expect(ids()).toEqual(['d3', 'd2', 'd1']);
    expect(ids({ style: 'DEBATE' })).toEqual(['d3', 'd1']);
    expect(ids({ runId: 'run1' })).toEqual(['d3', 'd2']);
    expect(ids({ filterOutcome: 'fail' })).toEqual(['d1']);
    expect(ids({ ratingState: 'unrated' })).toEqual(['d3']);
    expect(ids({ ratingState: 'draft' })).toEqual(['d2']);
    expect(ids({ ratedBy: 'ben' })).toEqual(['d2']);
    expect(ids({ needsRatings: true })).toEqual(['d3']);
    expect(ids({ edited: true })).toEqual(['d3']);
    expect(ids({ ratingState: 'unrated' }, 'newest', 'ben')).toEqual(['d3', 'd1']);
  });

  it('sorts by a signal, lowest math coverage first', () => {
    expect(ids({}, 'mathCoverageAsc')).toEqual(['d1', 'd3', 'd2']);
  });

  it('lists the facets', () => {
    expect(queueFacets(rows)).toMatchObject({ styles: ['DEBATE', 'INTERVIEW'], runIds: ['run1'] });
  });

  it('is a stable permutation of the kept rows for any order of input (property)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(rows.concat([row('d4'), row('d5', { edited: true })])), fc.constantFrom(...(Object.keys(SORT_KEYS) as SortKey[])), (shuffled, sort) => {
        const once = buildQueue(shuffled, ratings, { rater: 'ana', filter: {}, sort, overlapTarget: 1 }).map((e) => e.dialogueId);
        const reversed = buildQueue([...shuffled].reverse(), ratings, { rater: 'ana', filter: {}, sort, overlapTarget: 1 }).map((e) => e.dialogueId);
        expect(once).toEqual(reversed);
        expect([...once].sort()).toEqual(shuffled.map((r) => r.dialogueId).sort());
      }),
    );
  });
});

describe('pairs to judge', () => {
  it('pairs every two dialogues of an excerpt, skips pairs the rater judged, and balances sides', () => {
    const rows = [row('a', { excerptKey: 'e1' }), row('b', { excerptKey: 'e1' }), row('c', { excerptKey: 'e1' }), row('d', { excerptKey: 'e2' })];
    const all = pairsToJudge(rows, [], 'ana');
    expect(all.map((p) => [p.left, p.right].sort().join(''))).toEqual(['ab', 'ac', 'bc']);
    const judged = pairsToJudge(rows, [{ id: 'ana|a|b', excerptKey: 'e1', first: 'a', second: 'b', choice: 'tie', shownLeft: 'a', rater: 'ana', createdAt: 0 }], 'ana');
    expect(judged).toHaveLength(2);
    expect(pairsToJudge(rows, [{ id: 'ben|a|b', excerptKey: 'e1', first: 'a', second: 'b', choice: 'tie', shownLeft: 'a', rater: 'ben', createdAt: 0 }], 'ana')).toHaveLength(3);
    // Over many pairs, both positions are used.
    const many = pairsToJudge(Array.from({ length: 12 }, (_, i) => row(`x${i}`, { excerptKey: 'e' })), [], 'ana');
    const firstOnLeft = many.filter((p) => p.left < p.right).length;
    expect(firstOnLeft).toBeGreaterThan(10);
    expect(firstOnLeft).toBeLessThan(many.length - 10);
  });
});
