import { coincidences } from './coincidence';
import { differenceMatrix } from './metrics';
import { categoriesOf, checkValue, unitsFromMatrix, type Cell, type MeasurementLevel, type RatingValue } from './values';

export interface AlphaResult {
  level: MeasurementLevel;
  /** Krippendorff's α, or null when it is undefined (see reason). Never NaN. */
  alpha: number | null;
  /** Why alpha is null; null when it is a number. */
  reason: string | null;
  /** Pairable units: those with two or more values. The others drop out. */
  units: number;
  /** n: the values in pairable units (the total of the coincidence matrix). */
  pairs: number;
  /** D_o = Σ o_ck δ²_ck / n; null without pairable units. */
  observedDisagreement: number | null;
  /** D_e = Σ n_c n_k δ²_ck / (n (n − 1)); null without pairable units. */
  expectedDisagreement: number | null;
}

/**
 * Krippendorff's α = 1 − D_o / D_e over reliability data given as units → values (null = missing), from the
 * coincidence matrix (Krippendorff 2011). Any number of raters, missing values anywhere; units with fewer than two
 * values cannot be paired and drop out. Throws AgreementInputError on values the level cannot compare.
 */
export function krippendorffAlpha(units: readonly (readonly Cell[])[], level: MeasurementLevel): AlphaResult {
  const pairable: RatingValue[][] = [];
  const seen = new Set<RatingValue>();
  for (const unit of units) {
    const values = unit.filter((value): value is RatingValue => value !== null);
    for (const value of values) checkValue(value, level);
    if (values.length < 2) continue;
    pairable.push(values);
    for (const value of values) seen.add(value);
  }
  const empty = { level, alpha: null, units: 0, pairs: 0, observedDisagreement: null, expectedDisagreement: null };
  if (pairable.length === 0) return { ...empty, reason: 'No unit has two or more values, so there is no pair to compare.' };

  const { categories, matrix, marginals, total: n } = coincidences(pairable, categoriesOf(seen));
  const delta = differenceMatrix(level, categories, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < categories.length; c++) {
    for (let k = 0; k < categories.length; k++) {
      observed += matrix[c]![k]! * delta[c]![k]!;
      expected += marginals[c]! * marginals[k]! * delta[c]![k]!;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  const result = { level, units: pairable.length, pairs: n, observedDisagreement, expectedDisagreement };
  if (expected === 0) {
    return { ...result, alpha: null, reason: `Every pairable value is ${JSON.stringify(categories[0])}: without variation α is undefined.` };
  }
  return { ...result, alpha: 1 - observedDisagreement / expectedDisagreement, reason: null };
}

/** Krippendorff's α over a raters × units matrix (null = missing). */
export function krippendorffAlphaFromMatrix(matrix: readonly (readonly Cell[])[], level: MeasurementLevel): AlphaResult {
  return krippendorffAlpha(unitsFromMatrix(matrix), level);
}
