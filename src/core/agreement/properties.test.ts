import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa, KAPPA_WEIGHTS } from './cohen';
import { krippendorffAlpha, krippendorffAlphaFromMatrix, type AlphaResult } from './krippendorff';
import { MEASUREMENT_LEVELS, type Cell } from './values';

/** Raters × units with values 1–5 (numbers fit every level) and about a third missing. */
const reliabilityMatrix = fc
  .record({ raters: fc.integer({ min: 2, max: 5 }), units: fc.integer({ min: 1, max: 12 }) })
  .chain(({ raters, units }) =>
    fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2, nil: null }), { minLength: units, maxLength: units }), {
      minLength: raters,
      maxLength: raters,
    }),
  );

const level = fc.constantFrom(...MEASUREMENT_LEVELS);

/** α and its parts agree up to rounding (sums run in another order), null where the other is null. */
function expectSameAlpha(actual: AlphaResult, expected: AlphaResult) {
  expect(actual.units).toBe(expected.units);
  expect(actual.pairs).toBeCloseTo(expected.pairs, 9);
  expect(actual.alpha === null).toBe(expected.alpha === null);
  if (actual.alpha !== null) expect(actual.alpha).toBeCloseTo(expected.alpha!, 9);
}

const transpose = (matrix: Cell[][]): Cell[][] => (matrix[0] ?? []).map((_, unit) => matrix.map((row) => row[unit]!));

describe("Krippendorff's α: properties", () => {
  it('is never NaN: a finite number or null with a reason', () => {
    fc.assert(
      fc.property(reliabilityMatrix, level, (matrix, lvl) => {
        const result = krippendorffAlphaFromMatrix(matrix, lvl);
        if (result.alpha === null) expect(result.reason).toBeTruthy();
        else expect(Number.isFinite(result.alpha)).toBe(true);
      }),
    );
  });

  it('is 1 when every rater of a unit gives the same value and the values vary', () => {
    const agreeing = fc
      .array(fc.record({ value: fc.integer({ min: 0, max: 6 }), raters: fc.integer({ min: 1, max: 4 }) }), { minLength: 2, maxLength: 10 })
      .filter((units) => new Set(units.filter((unit) => unit.raters >= 2).map((unit) => unit.value)).size >= 2);
    fc.assert(
      fc.property(agreeing, level, (units, lvl) => {
        expect(krippendorffAlpha(units.map(({ value, raters }) => Array<Cell>(raters).fill(value)), lvl).alpha).toBe(1);
      }),
    );
  });

  it('does not change when raters are reordered', () => {
    fc.assert(
      fc.property(reliabilityMatrix, level, fc.infiniteStream(fc.nat()), (matrix, lvl, keys) => {
        const shuffled = matrix.map((row) => ({ row, key: keys.next().value as number })).sort((a, b) => a.key - b.key);
        expectSameAlpha(krippendorffAlphaFromMatrix(shuffled.map(({ row }) => row), lvl), krippendorffAlphaFromMatrix(matrix, lvl));
      }),
    );
  });

  it('does not change when units are reordered', () => {
    fc.assert(
      fc.property(reliabilityMatrix, level, fc.infiniteStream(fc.nat()), (matrix, lvl, keys) => {
        const units = transpose(matrix);
        const shuffled = units.map((unit) => ({ unit, key: keys.next().value as number })).sort((a, b) => a.key - b.key);
        expectSameAlpha(krippendorffAlpha(shuffled.map(({ unit }) => unit), lvl), krippendorffAlpha(units, lvl));
      }),
    );
  });

  it('nominal α does not change when the labels are renamed', () => {
    const renaming = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(reliabilityMatrix, renaming, (matrix, names) => {
        const renamed = matrix.map((row) => row.map((value) => (value === null ? null : names[(value as number) - 1]!)));
        expectSameAlpha(krippendorffAlphaFromMatrix(renamed, 'nominal'), krippendorffAlphaFromMatrix(matrix, 'nominal'));
      }),
    );
  });

  it('interval α does not change when every value is shifted or scaled', () => {
    fc.assert(
      fc.property(reliabilityMatrix, fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 20 }), (matrix, shift, scale) => {
        const moved = matrix.map((row) => row.map((value) => (value === null ? null : (value as number) * scale + shift)));
        expectSameAlpha(krippendorffAlphaFromMatrix(moved, 'interval'), krippendorffAlphaFromMatrix(matrix, 'interval'));
      }),
    );
  });

  it('ordinal α depends on the order of values only: a monotone recoding keeps it', () => {
    const recode = [0, 3, 4, 10, 11, 40];
    fc.assert(
      fc.property(reliabilityMatrix, (matrix) => {
        const recoded = matrix.map((row) => row.map((value) => (value === null ? null : recode[value as number]!)));
        expectSameAlpha(krippendorffAlphaFromMatrix(recoded, 'ordinal'), krippendorffAlphaFromMatrix(matrix, 'ordinal'));
      }),
    );
  });
});

describe("Cohen's κ: properties", () => {
  const twoRaters = fc.integer({ min: 1, max: 30 }).chain((units) => {
    const rater = fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { freq: 4, nil: null }), { minLength: units, maxLength: units });
    return fc.tuple(rater, rater);
  });

  it('is symmetric in the two raters, for every weighting', () => {
    fc.assert(
      fc.property(twoRaters, fc.constantFrom(...KAPPA_WEIGHTS), ([first, second], weights) => {
        const forward = cohenKappa(first, second, { weights });
        const backward = cohenKappa(second, first, { weights });
        expect(backward.n).toBe(forward.n);
        expect(backward.kappa === null).toBe(forward.kappa === null);
        if (forward.kappa !== null) expect(backward.kappa).toBeCloseTo(forward.kappa, 12);
      }),
    );
  });

  it('is 1 when both raters always agree and use two categories or more', () => {
    const values = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 30 }).filter((list) => new Set(list).size >= 2);
    fc.assert(
      fc.property(values, fc.constantFrom(...KAPPA_WEIGHTS), (list, weights) => {
        expect(cohenKappa(list, list, { weights }).kappa).toBeCloseTo(1, 12);
      }),
    );
  });

  it('never exceeds 1 and is never NaN', () => {
    fc.assert(
      fc.property(twoRaters, fc.constantFrom(...KAPPA_WEIGHTS), ([first, second], weights) => {
        const { kappa, reason } = cohenKappa(first, second, { weights });
        if (kappa === null) expect(reason).toBeTruthy();
        else expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});
