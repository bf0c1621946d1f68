import type { DashboardGroup } from '../../../core/review/dashboard';
import { formatShare } from './dashboardFormat';

export interface ChartFigures {
  labels: string[];
  /** Percentages; null where a group has no keep answers (no bar). */
  keepRates: (number | null)[];
  passRates: number[];
  /** The chart in words, for screen readers; the table holds every figure with its interval. */
  summary: string;
}

export function chartFigures(groups: readonly DashboardGroup[], groupLabel: string): ChartFigures {
  const parts = groups.map((g) => `${g.key}: keep ${g.keepRate ? formatShare(g.keepRate.share) : 'no answers'}, filter pass ${formatShare(g.filterPassRate)}`);
  return {
    labels: groups.map((g) => g.key),
    keepRates: groups.map((g) => (g.keepRate ? g.keepRate.share * 100 : null)),
    passRates: groups.map((g) => g.filterPassRate * 100),
    summary: `Keep rate and filter pass rate by ${groupLabel.toLowerCase()}. ${parts.join('; ')}.`,
  };
}
