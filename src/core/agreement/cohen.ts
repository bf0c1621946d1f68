import { AgreementInputError, categoriesOf, checkValue, type Cell, type RatingValue } from './values';

/** none: any two different categories disagree fully; linear and quadratic: by their distance in the category order. */
export const KAPPA_WEIGHTS = ['none', 'linear', 'quadratic'] as const;
export type KappaWeights = (typeof KAPPA_WEIGHTS)[number];

export interface KappaResult {
  /** κ = (p_o − p_e) / (1 − p_e), or null when undefined (see reason). Never NaN. */
  kappa: number | null;
  reason: string | null;
  /** p_o: the (weighted) share of units on which the two raters agree. */
  observed: number | null;
  /** p_e: the agreement expected by chance from each rater's own category shares. */
  expected: number | null;
  /** Units both raters rated. */
  n: number;
}

/**
 * Disagreement weight of categories i and j among `size` ordered ones, scaled to 0..1 (Cohen 1968): the agreement
 * weight is 1 minus it, so weighted p_o and p_e read as shares like the unweighted ones.
 */
function disagreementWeight(weights: KappaWeights, i: number, j: number, size: number): number {
  if (i === j) return 0;
  const distance = Math.abs(i - j) / Math.max(1, size - 1);
  return weights === 'none' ? 1 : weights === 'linear' ? distance : distance ** 2;
}

/**
 * Cohen's κ from a square table of counts: rows are the first rater's categories, columns the second's, in the
 * same order (the order weights use).
 */
export function cohenKappaFromTable(table: readonly (readonly number[])[], weights: KappaWeights = 'none'): KappaResult {
  const size = table.length;
  for (const row of table) {
    if (row.length !== size) throw new AgreementInputError(`A Cohen table must be square: ${size} rows, but a row has ${row.length} cells.`);
    for (const count of row) if (!(Number.isFinite(count) && count >= 0)) throw new AgreementInputError(`${count} is not a count.`);
  }
  const rowTotals = table.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columnTotals = Array.from({ length: size }, (_, j) => table.reduce((sum, row) => sum + row[j]!, 0));
  const n = rowTotals.reduce((sum, count) => sum + count, 0);
  if (n === 0) return { kappa: null, reason: 'No unit was rated by both raters.', observed: null, expected: null, n };

  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const weight = disagreementWeight(weights, i, j, size);
      observedDisagreement += (weight * table[i]![j]!) / n;
      expectedDisagreement += (weight * rowTotals[i]! * columnTotals[j]!) / (n * n);
    }
  }
  const observed = 1 - observedDisagreement;
  const expected = 1 - expectedDisagreement;
  if (expectedDisagreement === 0) {
    return { kappa: null, reason: 'Both raters used one and the same category throughout: chance agreement is 1 and κ is undefined.', observed, expected, n };
  }
  return { kappa: 1 - observedDisagreement / expectedDisagreement, reason: null, observed, expected, n };
}

export interface CohenOptions {
  weights?: KappaWeights;
  /**
   * Every category in order, including ones nobody used: weights count steps in this order, so a 1–5 scale should
   * pass [1, 2, 3, 4, 5] even when no one picked 3. Default: the union of both raters' values, numbers ascending
   * (labels need an explicit order for weights).
   */
  categories?: readonly RatingValue[];
}

/**
 * Cohen's κ for two raters' values over the same units (index i of each array is unit i; null = unrated). Only
 * units both rated count.
 */
export function cohenKappa(first: readonly Cell[], second: readonly Cell[], options: CohenOptions = {}): KappaResult & { categories: RatingValue[] } {
  const weights = options.weights ?? 'none';
  if (first.length !== second.length) throw new AgreementInputError(`The two raters cover ${first.length} and ${second.length} units; give one value (or null) per unit.`);
  const pairs: [RatingValue, RatingValue][] = [];
  first.forEach((value, unit) => {
    const other = second[unit] ?? null;
    if (value !== null && other !== null) pairs.push([value, other]);
  });
  for (const value of pairs.flat()) checkValue(value, 'nominal');
  const categories = options.categories ? [...options.categories] : categoriesOf(pairs.flat());
  if (weights !== 'none' && !options.categories && categories.some((category) => typeof category !== 'number')) {
    throw new AgreementInputError(`${weights} weights need ordered categories: the values are labels, so pass categories in order.`);
  }
  const indexOf = new Map(categories.map((category, index) => [category, index]));
  if (indexOf.size !== categories.length) throw new AgreementInputError('A category is listed twice.');
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (const [a, b] of pairs) {
    const row = indexOf.get(a);
    const column = indexOf.get(b);
    if (row === undefined || column === undefined) throw new AgreementInputError(`${JSON.stringify(row === undefined ? a : b)} is not one of the categories.`);
    table[row]![column]! += 1;
  }
  return { ...cohenKappaFromTable(table, weights), categories };
}
