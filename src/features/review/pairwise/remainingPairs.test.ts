import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialogueAnalysisRecord, PreferenceRecord } from '../../../core/records/review';
import { pairsToJudge } from '../../../core/review/pairs';
import { remainingPairs } from './remainingPairs';

// pairsToJudge reads only these two fields of an analysis row.
const row = (dialogueId: string, excerptKey: string) => ({ dialogueId, excerptKey }) as DialogueAnalysisRecord;

function preference(rater: string, a: string, b: string, excerptKey: string): PreferenceRecord {
  const [first, second] = [a, b].sort() as [string, string];
  return { id: `${rater}|${first}|${second}`, excerptKey, first, second, choice: 'tie', shownLeft: a, rater, createdAt: 0 };
}

describe('remainingPairs', () => {
  it('leaves out the pairs this rater judged, whichever side each was shown on, and keeps other raters\' pairs', () => {
    const rows = [row('a', 'x'), row('b', 'x'), row('c', 'x'), row('d', 'y')];
    const all = pairsToJudge(rows, [], 'me');
    expect(all).toHaveLength(3);
    const remaining = remainingPairs(all, [preference('me', 'c', 'a', 'x'), preference('you', 'a', 'b', 'x')], 'me');
    expect(remaining.map((p) => [p.left, p.right].sort().join(''))).toEqual(['ab', 'bc']);
  });

  it('agrees with pairsToJudge given the same preferences', () => {
    const ids = fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: ids, excerpt: fc.constantFrom('x', 'y') }), { selector: (r) => r.id }),
        fc.array(fc.record({ rater: fc.constantFrom('me', 'you'), a: ids, b: ids })),
        (rowSpecs, choices) => {
          const rows = rowSpecs.map((r) => row(r.id, r.excerpt));
          const preferences = choices.filter((c) => c.a !== c.b).map((c) => preference(c.rater, c.a, c.b, 'x'));
          expect(remainingPairs(pairsToJudge(rows, [], 'me'), preferences, 'me')).toEqual(pairsToJudge(rows, preferences, 'me'));
        },
      ),
    );
  });
});
