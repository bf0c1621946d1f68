import { describe, expect, it } from 'vitest';
import { fleissCounts, fleissKappa } from './fleiss';
import { AgreementInputError } from './values';

describe("Fleiss' κ", () => {
  it("Wikipedia's example (10 subjects, 14 raters, 5 categories): P̄ 0.378, P̄e 0.213, κ 0.210", () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const result = fleissKappa(counts);
    expect(result.observed).toBeCloseTo(0.378, 3);
    expect(result.expected).toBeCloseTo(0.213, 3);
    expect(result.kappa).toBeCloseTo(0.21, 3);
    expect(result).toMatchObject({ subjects: 10, raters: 14, reason: null });
  });

  it('two raters, two categories by hand: P̄ = 3/4, P̄e = 1/2 → κ = 1/2', () => {
    // Subjects (a,a), (b,b), (a,b), (b,b): P_i = 1, 1, 0, 1; shares a 3/8, b 5/8 → P̄e = 9/64 + 25/64 = 34/64.
    const result = fleissKappa([[2, 0], [0, 2], [1, 1], [0, 2]]);
    expect(result.observed).toBeCloseTo(3 / 4, 12);
    expect(result.expected).toBeCloseTo(34 / 64, 12);
    expect(result.kappa).toBeCloseTo((3 / 4 - 34 / 64) / (1 - 34 / 64), 12);
  });

  it('builds counts from ratings, leaving out units nobody rated', () => {
    const built = fleissCounts([['x', 'y', 'x'], [null, null, null], ['y', 'y', 'y']]);
    expect(built.categories).toEqual(['x', 'y']);
    expect(built.counts).toEqual([[2, 1], [0, 3]]);
  });

  it('refuses units with a different number of ratings, naming them', () => {
    expect(() => fleissCounts([[1, 2, 2], [1, null, 2]])).toThrow(/unit 1 has 3, unit 2 has 2/);
    expect(() => fleissKappa([[1, 1], [2, 1]])).toThrow(AgreementInputError);
  });

  it('is null with a reason when undefined', () => {
    expect(fleissKappa([])).toMatchObject({ kappa: null, subjects: 0 });
    expect(fleissKappa([[1, 0], [0, 1]]).reason).toMatch(/two ratings/);
    expect(fleissKappa([[3], [3]]).reason).toMatch(/one category/);
  });
});
