import type { RatingValue } from './values';

export interface Coincidences {
  categories: RatingValue[];
  /** o_ck: how often c and k were paired within a unit, each unit weighted 1 / (m_u − 1). */
  matrix: number[][];
  /** n_c = Σ_k o_ck: the pairable values per category. */
  marginals: number[];
  /** n = Σ n_c: every pairable value. */
  total: number;
}

/**
 * Krippendorff's coincidence matrix of pairable units (each with two or more values): every ordered pair of values
 * from different raters of a unit counts 1 / (m_u − 1), where m_u is the unit's number of values. Counting per
 * category keeps it linear in the number of units: a unit adds m_c · (m_k − [c = k]) / (m_u − 1) to o_ck.
 */
export function coincidences(units: readonly (readonly RatingValue[])[], categories: readonly RatingValue[]): Coincidences {
  const indexOf = new Map(categories.map((category, index) => [category, index]));
  const size = categories.length;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  // Counts per category of the current unit, and which categories it touched (reset after each unit).
  const counts = new Array<number>(size).fill(0);
  const touched: number[] = [];
  for (const values of units) {
    for (const value of values) {
      const index = indexOf.get(value);
      if (index === undefined) throw new Error(`${JSON.stringify(value)} is not among the categories.`);
      if (counts[index]!++ === 0) touched.push(index);
    }
    const weight = 1 / (values.length - 1);
    for (const c of touched) {
      for (const k of touched) matrix[c]![k]! += counts[c]! * (c === k ? counts[k]! - 1 : counts[k]!) * weight;
    }
    for (const index of touched) counts[index] = 0;
    touched.length = 0;
  }
  const marginals = matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  return { categories: [...categories], matrix, marginals, total: marginals.reduce((sum, count) => sum + count, 0) };
}
