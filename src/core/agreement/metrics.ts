import type { MeasurementLevel, RatingValue } from './values';

/**
 * Krippendorff's squared difference δ²(c, k) between every two categories, as a matrix over `categories` (numbers
 * ascending for every level but nominal). `marginals` are the pairable values per category (n_c): the ordinal
 * metric ranks categories by how many values fall between them (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section C).
 */
export function differenceMatrix(level: MeasurementLevel, categories: readonly RatingValue[], marginals: readonly number[]): number[][] {
  const size = categories.length;
  const numbers = categories as readonly number[];
  // Σ n_g for g < i, so that Σ_{g=c}^{k} n_g = below[k + 1] − below[c].
  const below = [0];
  for (const count of marginals) below.push((below.at(-1) ?? 0) + count);
  const delta = (c: number, k: number): number => {
    if (c === k) return 0;
    switch (level) {
      case 'nominal':
        return 1;
      case 'interval':
        return (numbers[c]! - numbers[k]!) ** 2;
      case 'ratio': {
        const sum = numbers[c]! + numbers[k]!;
        return sum === 0 ? 0 : ((numbers[c]! - numbers[k]!) / sum) ** 2;
      }
      case 'ordinal': {
        const [low, high] = c < k ? [c, k] : [k, c];
        return (below[high + 1]! - below[low]! - (marginals[low]! + marginals[high]!) / 2) ** 2;
      }
    }
  };
  return Array.from({ length: size }, (_, c) => Array.from({ length: size }, (_, k) => delta(c, k)));
}
