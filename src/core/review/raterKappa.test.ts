import { describe, expect, it } from 'vitest';
import type { RatingRecord } from '../records/review';
import { cohenByQuestion } from './raterKappa';
import { DEFAULT_RUBRIC } from './rubric';

const rating = (dialogueId: string, rater: string, keep: string, faithfulness: number, status: RatingRecord['status'] = 'submitted'): RatingRecord => ({
  id: `${dialogueId}-${rater}`, dialogueId, rater, rubricId: DEFAULT_RUBRIC.id, status, answers: { keep, faithfulness }, createdAt: 0, updatedAt: 0,
});

describe("Cohen's κ per question between two raters", () => {
  it("gives Wikipedia's worked example (κ 0.40) on the keep question and counts only dialogues both submitted", () => {
    // yes/yes 20, yes/no 5, no/yes 10, no/no 15 (Wikipedia, Cohen's kappa).
    const cells: [string, string][] = [
      ...Array.from({ length: 20 }, () => ['keep', 'keep'] as [string, string]),
      ...Array.from({ length: 5 }, () => ['keep', 'reject'] as [string, string]),
      ...Array.from({ length: 10 }, () => ['reject', 'keep'] as [string, string]),
      ...Array.from({ length: 15 }, () => ['reject', 'reject'] as [string, string]),
    ];
    const ratings = cells.flatMap(([a, b], i) => [rating(`d${i}`, 'ana', a, 3), rating(`d${i}`, 'ben', b, 3)]);
    ratings.push(rating('only-ana', 'ana', 'keep', 3), rating('draft', 'ana', 'keep', 3), rating('draft', 'ben', 'reject', 3, 'draft'));
    const keep = cohenByQuestion(ratings, DEFAULT_RUBRIC, ['ana', 'ben']).find((q) => q.questionId === 'keep')!;
    expect(keep.kappa).toBeCloseTo(0.4, 10);
    expect(keep.units).toBe(50);
    expect(keep.weights).toBe('none');
  });

  it('weights a scale quadratically over its full range', () => {
    const ratings = [
      rating('a', 'ana', 'keep', 5), rating('a', 'ben', 'keep', 4),
      rating('b', 'ana', 'keep', 1), rating('b', 'ben', 'keep', 1),
      rating('c', 'ana', 'keep', 3), rating('c', 'ben', 'keep', 3),
    ];
    const faithfulness = cohenByQuestion(ratings, DEFAULT_RUBRIC, ['ana', 'ben']).find((q) => q.questionId === 'faithfulness')!;
    expect(faithfulness.weights).toBe('quadratic');
    expect(faithfulness.units).toBe(3);
    expect(faithfulness.kappa!).toBeGreaterThan(0.9);
    expect(faithfulness.kappa!).toBeLessThan(1);
  });
});
