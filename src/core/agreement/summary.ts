import { cohenKappa, type KappaWeights } from './cohen';
import { fleissCounts, fleissKappa } from './fleiss';
import { krippendorffAlphaFromMatrix } from './krippendorff';
import type { RatersTable } from './ratersTable';
import { unitsFromMatrix, type MeasurementLevel } from './values';

export type KappaSummary =
  | { method: 'cohen'; weights: KappaWeights; value: number | null; reason?: string; units: number }
  | { method: 'fleiss'; value: number | null; reason?: string; units: number };

export interface AgreementSummary {
  alpha: number | null;
  /** Why alpha is null; absent when it is a number. */
  reason?: string;
  level: MeasurementLevel;
  /** Pairable units α rests on. */
  units: number;
  raters: number;
  kappa?: KappaSummary;
}

/**
 * Cohen's weights for a level: none for nominal; linear for ordinal (disagreement grows with the number of steps
 * apart); quadratic for interval and ratio (squared distance, the metric interval α uses — Fleiss & Cohen 1973
 * showed quadratic κ is equivalent to the intraclass correlation in large samples).
 */
export const COHEN_WEIGHTS_FOR_LEVEL: Record<MeasurementLevel, KappaWeights> = { nominal: 'none', ordinal: 'linear', interval: 'quadratic', ratio: 'quadratic' };

/**
 * What `mind-lab agreement` reports on a raters × units table: Krippendorff's α at the level, plus Cohen's κ when
 * there are exactly two raters (on the units both rated, categories ordered from the values seen), or Fleiss' κ for
 * nominal data with more raters when no cell is missing.
 */
export function summarizeAgreement(table: RatersTable, level: MeasurementLevel): AgreementSummary {
  const alpha = krippendorffAlphaFromMatrix(table.matrix, level);
  const summary: AgreementSummary = { alpha: alpha.alpha, ...(alpha.reason ? { reason: alpha.reason } : {}), level, units: alpha.units, raters: table.raters.length };
  const withReason = (reason: string | null) => (reason ? { reason } : {});
  if (table.matrix.length === 2) {
    const weights = COHEN_WEIGHTS_FOR_LEVEL[level];
    const cohen = cohenKappa(table.matrix[0]!, table.matrix[1]!, { weights });
    summary.kappa = { method: 'cohen', weights, value: cohen.kappa, ...withReason(cohen.reason), units: cohen.n };
  } else if (level === 'nominal' && table.matrix.length > 2 && table.matrix.every((row) => row.every((cell) => cell !== null))) {
    const fleiss = fleissKappa(fleissCounts(unitsFromMatrix(table.matrix)).counts);
    summary.kappa = { method: 'fleiss', value: fleiss.kappa, ...withReason(fleiss.reason), units: fleiss.subjects };
  }
  return summary;
}
