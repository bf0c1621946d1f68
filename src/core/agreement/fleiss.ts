import { AgreementInputError, categoriesOf, checkValue, type Cell, type RatingValue } from './values';

export interface FleissResult {
  /** κ = (P̄ − P̄e) / (1 − P̄e), or null when undefined (see reason). Never NaN. */
  kappa: number | null;
  reason: string | null;
  /** P̄: the mean share of agreeing rater pairs per subject. */
  observed: number | null;
  /** P̄e = Σ p_j²: the agreement expected from the overall category shares. */
  expected: number | null;
  subjects: number;
  /** Ratings per subject (the same for every subject). */
  raters: number;
}

/**
 * Fleiss' κ from counts per subject (rows) and category (columns): n_ij raters put subject i in category j. Every
 * subject needs the same number of ratings, at least two (Fleiss 1971).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  const subjects = counts.length;
  const raters = counts[0]?.reduce((sum, count) => sum + count, 0) ?? 0;
  counts.forEach((row, subject) => {
    if (row.length !== counts[0]!.length) throw new AgreementInputError(`Subject ${subject + 1} has ${row.length} categories, subject 1 has ${counts[0]!.length}.`);
    for (const count of row) if (!(Number.isInteger(count) && count >= 0)) throw new AgreementInputError(`Subject ${subject + 1}: ${count} is not a count.`);
    const total = row.reduce((sum, count) => sum + count, 0);
    if (total !== raters) throw new AgreementInputError(`Fleiss' κ needs the same number of ratings per subject: subject 1 has ${raters}, subject ${subject + 1} has ${total}.`);
  });
  const none = { kappa: null, observed: null, expected: null, subjects, raters };
  if (subjects === 0) return { ...none, reason: 'There is no subject.' };
  if (raters < 2) return { ...none, reason: 'Each subject needs at least two ratings.' };

  const agreement = counts.map((row) => (row.reduce((sum, count) => sum + count * count, 0) - raters) / (raters * (raters - 1)));
  const observed = agreement.reduce((sum, share) => sum + share, 0) / subjects;
  const categoryShares = counts[0]!.map((_, j) => counts.reduce((sum, row) => sum + row[j]!, 0) / (subjects * raters));
  const expected = categoryShares.reduce((sum, share) => sum + share * share, 0);
  if (expected === 1) return { kappa: null, reason: 'Every rating is in one category: chance agreement is 1 and κ is undefined.', observed, expected, subjects, raters };
  return { kappa: (observed - expected) / (1 - expected), reason: null, observed, expected, subjects, raters };
}

/**
 * Counts per subject and category from units → values (null = missing). Units nobody rated are left out; any
 * other unit with a different number of ratings than the first is refused, because Fleiss' κ assumes a fixed
 * number of raters per subject (use Krippendorff's α for incomplete data).
 */
export function fleissCounts(units: readonly (readonly Cell[])[]): { categories: RatingValue[]; counts: number[][] } {
  const rated = units
    .map((unit, index) => ({ index, values: unit.filter((value): value is RatingValue => value !== null) }))
    .filter(({ values }) => values.length > 0);
  for (const value of rated.flatMap(({ values }) => values)) checkValue(value, 'nominal');
  const first = rated[0];
  const odd = rated.find(({ values }) => values.length !== first!.values.length);
  if (first && odd) {
    throw new AgreementInputError(`Fleiss' κ needs the same number of ratings per unit: unit ${first.index + 1} has ${first.values.length}, unit ${odd.index + 1} has ${odd.values.length}.`);
  }
  const categories = categoriesOf(rated.flatMap(({ values }) => values));
  const indexOf = new Map(categories.map((category, index) => [category, index]));
  const counts = rated.map(({ values }) => {
    const row = new Array<number>(categories.length).fill(0);
    for (const value of values) row[indexOf.get(value)!]! += 1;
    return row;
  });
  return { categories, counts };
}
