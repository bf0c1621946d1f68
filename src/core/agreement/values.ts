/** One rater's value for one unit: a number (a scale point) or a label (a choice). */
export type RatingValue = number | string;
/** A value or null when the rater left the unit unrated. */
export type Cell = RatingValue | null;

export const MEASUREMENT_LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type MeasurementLevel = (typeof MEASUREMENT_LEVELS)[number];

/** Input that no agreement statistic can be computed from (a label on a numeric level, NaN, a ragged table). */
export class AgreementInputError extends Error {
  override name = 'AgreementInputError';
}

/** Turns a raters × units matrix into units → values; rows may be shorter than the longest (the rest is missing). */
export function unitsFromMatrix(matrix: readonly (readonly Cell[])[]): Cell[][] {
  const unitCount = Math.max(0, ...matrix.map((row) => row.length));
  return Array.from({ length: unitCount }, (_, unit) => matrix.map((row) => row[unit] ?? null));
}

/** Refuses what no level can compare: NaN, ±Infinity, and (except for nominal) labels or, for ratio, negatives. */
export function checkValue(value: RatingValue, level: MeasurementLevel): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AgreementInputError(`${value} is not a finite number.`);
    if (level === 'ratio' && value < 0) throw new AgreementInputError(`${value} is negative; the ratio level needs values of 0 or more.`);
    return;
  }
  if (level !== 'nominal') throw new AgreementInputError(`"${value}" is not a number; the ${level} level needs numbers (use nominal for labels).`);
}

/**
 * The distinct values in a stable order: numbers ascending when every value is a number (the order ordinal and
 * weighted statistics need), otherwise in order of first appearance. 1 and "1" are different labels.
 */
export function categoriesOf(values: Iterable<RatingValue>): RatingValue[] {
  const distinct = [...new Set(values)];
  if (distinct.every((value) => typeof value === 'number')) return (distinct as number[]).sort((a, b) => a - b);
  return distinct;
}
