import { describe, expect, it } from 'vitest';
import type { PreferenceRecord } from '../records/review';
import { DEFAULT_RUBRIC } from '../review/rubric';
import { makeItem } from './exportFixtures';
import { PairCandidates, planPairs } from './preferencePairs';

const choice = (rater: string, first: string, second: string, chosen: PreferenceRecord['choice']): PreferenceRecord => ({
  id: `${rater}|${first}|${second}`, excerptKey: 'x', first, second, choice: chosen, shownLeft: first, rater, createdAt: 1,
});

function candidates(...items: ReturnType<typeof makeItem>[]) {
  const pool = new PairCandidates(DEFAULT_RUBRIC);
  items.forEach((item) => pool.add(item));
  return pool;
}

describe('planPairs', () => {
  it('takes the side more raters chose, and skips ties', () => {
    const pool = candidates(makeItem({ id: 'a' }), makeItem({ id: 'b' }), makeItem({ id: 'c' }));
    const plans = planPairs(pool, [choice('ann', 'a', 'b', 'second'), choice('bob', 'a', 'b', 'second'), choice('cy', 'a', 'b', 'first'), choice('ann', 'a', 'c', 'first'), choice('bob', 'a', 'c', 'second'), choice('cy', 'b', 'c', 'tie')]);
    expect(plans).toEqual([{ chosen: 'b', rejected: 'a', source: 'pairwise', votesFor: 2, votesAgainst: 1 }]);
  });

  it('pairs kept and rejected dialogues of the same excerpt, not of different excerpts', () => {
    const pool = candidates(
      makeItem({ id: 'k1', ratings: [['ann', 'keep']] }),
      makeItem({ id: 'k2', ratings: [['ann', 'keep'], ['bob', 'keep']] }),
      makeItem({ id: 'r1', ratings: [['ann', 'reject']] }),
      makeItem({ id: 'u1', ratings: [['ann', 'keep'], ['bob', 'reject']] }),
      makeItem({ id: 'other', excerpt: 'Another excerpt.', ratings: [['ann', 'reject']] }),
    );
    expect(planPairs(pool, [])).toEqual([
      { chosen: 'k1', rejected: 'r1', source: 'ratings', votesFor: 1, votesAgainst: 0 },
      { chosen: 'k2', rejected: 'r1', source: 'ratings', votesFor: 2, votesAgainst: 0 },
    ]);
  });

  it('lets a pairwise choice, even a tie, decide a pair the ratings would also make', () => {
    const pool = candidates(makeItem({ id: 'k', ratings: [['ann', 'keep']] }), makeItem({ id: 'r', ratings: [['ann', 'reject']] }));
    expect(planPairs(pool, [choice('bob', 'k', 'r', 'tie')])).toEqual([]);
    expect(planPairs(pool, [choice('bob', 'k', 'r', 'second')])).toEqual([{ chosen: 'r', rejected: 'k', source: 'pairwise', votesFor: 1, votesAgainst: 0 }]);
  });

  it('leaves out choices about dialogues outside the selection', () => {
    expect(planPairs(candidates(makeItem({ id: 'a' })), [choice('ann', 'a', 'b', 'first')])).toEqual([]);
  });
});
