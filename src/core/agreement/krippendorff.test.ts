import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, krippendorffAlphaFromMatrix } from './krippendorff';
import { AgreementInputError, type Cell } from './values';

/** A rater's row as written in the sources: values separated by spaces, "." for missing. */
const row = (text: string): Cell[] => text.split(' ').map((value) => (value === '.' ? null : Number(value)));

describe("Krippendorff's α on published examples", () => {
  // Wikipedia, "Krippendorff's alpha": 3 coders × 15 units with missing values.
  const wikipedia = [row('. . . . . 3 4 1 2 1 1 3 3 . 3'), row('1 . 2 1 3 3 4 3 . . . . . . .'), row('. . 2 1 3 4 4 . 2 1 1 3 3 . 4')];

  it('nominal: 56/81 on 12 pairable units and 26 pairable values', () => {
    const result = krippendorffAlphaFromMatrix(wikipedia, 'nominal');
    expect(result.alpha).toBeCloseTo(56 / 81, 12);
    expect(result.alpha).toBeCloseTo(0.691358, 6);
    // Units 1, 2 and 14 have at most one value and drop out.
    expect(result).toMatchObject({ units: 12, pairs: 26, reason: null });
  });

  it('interval: 0.810845', () => {
    expect(krippendorffAlphaFromMatrix(wikipedia, 'interval').alpha).toBeCloseTo(0.810845, 6);
  });

  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12 units.
  const fourObservers = [
    row('1 2 3 3 2 1 4 1 2 . . .'),
    row('1 2 3 3 2 2 4 1 2 5 . 3'),
    row('. 3 3 3 2 3 4 2 2 5 1 .'),
    row('1 2 3 3 2 4 4 1 2 5 1 .'),
  ];

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('%s: %s (Krippendorff 2011)', (level, published) => {
    const result = krippendorffAlphaFromMatrix(fourObservers, level);
    expect(result.alpha).toBeCloseTo(published, 3);
    // Unit 12 has one value; the other 11 units hold 40 values.
    expect(result).toMatchObject({ units: 11, pairs: 40 });
  });

  it('nominal by hand: n_c = 9, 13, 10, 5, 3 and 8 mismatched pairs give D_o = 8/40 and D_e = 1216/1560', () => {
    // Σ_{c≠k} n_c n_k = 40² − (9² + 13² + 10² + 5² + 3²) = 1216; the 8 coincidences off the diagonal are units 2
    // (2,3 ×3 ordered pairs ÷ 3 → 2), 6 (four different values → 4) and 8 (1,2 → 2).
    const result = krippendorffAlphaFromMatrix(fourObservers, 'nominal');
    expect(result.observedDisagreement).toBeCloseTo(8 / 40, 12);
    expect(result.expectedDisagreement).toBeCloseTo(1216 / 1560, 12);
    expect(result.alpha).toBeCloseTo(1 - (39 * 8) / 1216, 12);
  });

  it('binary, 2 observers × 10 units: α = 1 − 19 · 4 / (14 · 6) = 0.095 (Krippendorff 2011, section A)', () => {
    const result = krippendorffAlphaFromMatrix([row('0 1 0 0 0 0 0 0 1 0'), row('1 1 1 0 0 1 0 0 0 0')], 'nominal');
    expect(result.alpha).toBeCloseTo(1 - 76 / 84, 12);
    expect(result.alpha).toBeCloseTo(0.095, 3);
  });
});

describe("Krippendorff's α: edges", () => {
  it('takes units → values lists as well as a matrix', () => {
    const units = [[1, 1, null], [2, 3], [3, 3, 3], [4]];
    const matrix = [
      [1, 2, 3, 4],
      [1, 3, 3, null],
      [null, null, 3, null],
    ];
    expect(krippendorffAlpha(units, 'interval')).toEqual(krippendorffAlphaFromMatrix(matrix, 'interval'));
  });

  it('is null with a reason when no unit has two values', () => {
    const result = krippendorffAlpha([[1, null], [null, 2], [3]], 'nominal');
    expect(result).toMatchObject({ alpha: null, units: 0, pairs: 0, observedDisagreement: null, expectedDisagreement: null });
    expect(result.reason).toMatch(/no pair/);
  });

  it('is null with a reason when every value is the same (no variation), at every level', () => {
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const result = krippendorffAlpha([[2, 2], [2, 2, 2]], level);
      expect(result).toMatchObject({ alpha: null, units: 2, pairs: 5, observedDisagreement: 0, expectedDisagreement: 0 });
      expect(result.reason).toMatch(/without variation/);
    }
  });

  it('is negative when raters disagree more than chance', () => {
    expect(krippendorffAlpha([[1, 2], [2, 1], [1, 2], [2, 1]], 'nominal').alpha).toBeLessThan(0);
  });

  it('treats ratio values 0 and 0 as equal, and 0 against anything as maximal difference', () => {
    // Two units: (0, 0) and (0, 4). Ratio δ²(0, 4) = 1; o_04 = o_40 = 1; n = 4, n_0 = 3, n_4 = 1.
    // D_o = 2/4, D_e = 2 · 3 · 1 / (4 · 3) = 1/2 → α = 0.
    expect(krippendorffAlpha([[0, 0], [0, 4]], 'ratio').alpha).toBeCloseTo(0, 12);
  });

  it('refuses labels at numeric levels, negatives at ratio, and non-finite numbers', () => {
    expect(() => krippendorffAlpha([['low', 'high']], 'ordinal')).toThrow(AgreementInputError);
    expect(() => krippendorffAlpha([[-1, 2]], 'ratio')).toThrow(/negative/);
    expect(() => krippendorffAlpha([[Number.NaN, 2]], 'interval')).toThrow(/finite/);
    expect(krippendorffAlpha([['low', 'high'], ['low', 'low']], 'nominal').units).toBe(2);
  });

  it('keeps 1 and "1" apart as nominal labels', () => {
    expect(krippendorffAlpha([[1, '1'], [2, 2]], 'nominal').observedDisagreement).toBeGreaterThan(0);
  });
});
