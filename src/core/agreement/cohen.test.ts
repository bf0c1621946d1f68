import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromTable } from './cohen';
import { AgreementInputError } from './values';

/** Unit-by-unit values behind a table: row category i, column category j, table[i][j] times. */
function ratingsOf(table: number[][], categories: number[]): [number[], number[]] {
  const first: number[] = [];
  const second: number[] = [];
  table.forEach((row, i) => row.forEach((count, j) => {
    for (let unit = 0; unit < count; unit++) {
      first.push(categories[i]!);
      second.push(categories[j]!);
    }
  }));
  return [first, second];
}

describe("Cohen's κ on published examples", () => {
  it("Wikipedia's example: p_o 0.70, p_e 0.50, κ 0.40", () => {
    const result = cohenKappaFromTable([[20, 5], [10, 15]]);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.n).toBe(50);
  });

  it('same agreement, different κ: 0.1304 and 0.2593', () => {
    expect(cohenKappaFromTable([[45, 15], [25, 15]]).kappa).toBeCloseTo(0.1304, 4);
    expect(cohenKappaFromTable([[25, 35], [5, 35]]).kappa).toBeCloseTo(0.2593, 4);
  });

  it('Artstein & Poesio (2008), table 4: κ 0.8013', () => {
    // 46/44/10 against 52/32/16 units in categories 0/1/2, in order (as in scikit-learn's test of the same table).
    const first = [...Array(46).fill(0), ...Array(44).fill(1), ...Array(10).fill(2)];
    const second = [...Array(52).fill(0), ...Array(32).fill(1), ...Array(16).fill(2)];
    expect(cohenKappa(first, second).kappa).toBeCloseTo(0.8013, 4);
  });

  it("weights none, linear, quadratic: 0.9315, 0.9412, 0.9541 (scikit-learn's weighting example)", () => {
    const first = [...Array(46).fill(0), ...Array(44).fill(1), ...Array(10).fill(2)];
    const second = [...Array(50).fill(0), ...Array(40).fill(1), ...Array(10).fill(2)];
    expect(cohenKappa(first, second).kappa).toBeCloseTo(0.9315, 4);
    expect(cohenKappa(first, second, { weights: 'linear' }).kappa).toBeCloseTo(0.9412, 4);
    expect(cohenKappa(first, second, { weights: 'quadratic' }).kappa).toBeCloseTo(0.9541, 4);
  });

  it("quadratic weights over a 1–10 scale: Maple's EssayTools examples, 0.758621 and 0.438095", () => {
    // QuadraticWeightedKappa takes the categories from the smallest to the largest score, unused ones included.
    const scale = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const essays = [9, 7, 8, 7, 6, 8, 3, 5, 10];
    expect(cohenKappa(essays, [8, 8, 6, 6, 7, 6, 1, 4, 8], { weights: 'quadratic', categories: scale }).kappa).toBeCloseTo(0.758620689655172, 12);
    expect(cohenKappa(essays, [3, 5, 6, 6, 7, 6, 1, 4, 8], { weights: 'quadratic', categories: scale }).kappa).toBeCloseTo(0.438095238095238, 12);
  });

  it('a 3 × 3 table by hand: unweighted 7/13, linear 26/41, quadratic 43/58', () => {
    // Rows (first rater) 8, 8, 4; columns 7, 8, 5; n = 20. Six units one step apart, none two apart.
    // Unweighted: p_o = 14/20, p_e = (8·7 + 8·8 + 4·5)/400 = 0.35 → κ = 0.35/0.65 = 7/13.
    // Linear (one step 1/2, two steps 1): D_o = 6 · ½ / 20 = 0.15; D_e = (192 · ½ + 68)/400 = 0.41 → 1 − 15/41.
    // Quadratic (one step 1/4): D_o = 6 · ¼ / 20 = 0.075; D_e = (192 · ¼ + 68)/400 = 0.29 → 1 − 15/58.
    const table = [[6, 2, 0], [1, 5, 2], [0, 1, 3]];
    expect(cohenKappaFromTable(table).kappa).toBeCloseTo(7 / 13, 12);
    expect(cohenKappaFromTable(table, 'linear').kappa).toBeCloseTo(26 / 41, 12);
    expect(cohenKappaFromTable(table, 'linear').observed).toBeCloseTo(0.85, 12);
    expect(cohenKappaFromTable(table, 'linear').expected).toBeCloseTo(0.59, 12);
    expect(cohenKappaFromTable(table, 'quadratic').kappa).toBeCloseTo(43 / 58, 12);
    // The same from unit-by-unit ratings, with the categories taken from the values.
    const [first, second] = ratingsOf(table, [1, 2, 3]);
    expect(cohenKappa(first, second, { weights: 'linear' }).kappa).toBeCloseTo(26 / 41, 12);
  });
});

describe("Cohen's κ: edges", () => {
  it('counts only units both raters rated', () => {
    const result = cohenKappa(['a', 'b', null, 'a', 'b'], ['a', 'b', 'a', null, 'a']);
    expect(result.n).toBe(3);
    expect(result.categories).toEqual(['a', 'b']);
  });

  it('orders numeric categories numerically, so weights see 2 between 1 and 10', () => {
    expect(cohenKappa([10, 2, 1], [1, 2, 10]).categories).toEqual([1, 2, 10]);
  });

  it('an unused category in between changes weighted κ, so the full scale can be given', () => {
    // Seen alone, 1, 2 and 5 are three evenly spaced categories; on the 1–5 scale the step 2→5 is three steps, 1→2 one.
    // (Linear κ sums one 2 × 2 table per cut between categories: it moves only when the cuts disagree unequally.)
    const first = [1, 1, 2, 5, 5, 2];
    const second = [1, 2, 2, 2, 5, 5];
    const observedOnly = cohenKappa(first, second, { weights: 'linear' });
    const fullScale = cohenKappa(first, second, { weights: 'linear', categories: [1, 2, 3, 4, 5] });
    expect(observedOnly.categories).toEqual([1, 2, 5]);
    expect(observedOnly.kappa).not.toBeCloseTo(fullScale.kappa!, 3);
  });

  it('is null with a reason when nothing was rated by both or chance agreement is 1', () => {
    expect(cohenKappa([1, null], [null, 2])).toMatchObject({ kappa: null, n: 0 });
    const same = cohenKappa(['yes', 'yes'], ['yes', 'yes']);
    expect(same.kappa).toBeNull();
    expect(same.reason).toMatch(/undefined/);
  });

  it('refuses weights over unordered labels, mismatched lengths and values outside the categories', () => {
    expect(() => cohenKappa(['a', 'b'], ['b', 'a'], { weights: 'linear' })).toThrow(AgreementInputError);
    expect(cohenKappa(['low', 'high'], ['high', 'high'], { weights: 'linear', categories: ['low', 'mid', 'high'] }).n).toBe(2);
    expect(() => cohenKappa([1, 2], [1])).toThrow(/units/);
    expect(() => cohenKappa([1, 2], [1, 9], { categories: [1, 2] })).toThrow(/not one of/);
    expect(() => cohenKappaFromTable([[1, 2]])).toThrow(/square/);
  });
});
