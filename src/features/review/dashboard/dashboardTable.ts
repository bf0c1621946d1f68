import type { DashboardGroup, DashboardGroupKey } from '../../../core/review/dashboard';
import { alphaCell, dialoguesCell, keepCell, lengthRatioCell, meanCell, newNumberCell, passRateCell, type Cell } from './dashboardFormat';

export type SortDirection = 'ascending' | 'descending';

export interface TableSort {
  columnId: string;
  direction: SortDirection;
}

export interface DashboardColumn {
  id: string;
  label: string;
  /** The direction of a first click: names A→Z, figures highest first. */
  firstDirection: SortDirection;
  /** What sorting compares; null (nothing to measure) sorts last either way. */
  sortValue(group: DashboardGroup): number | string | null;
  cell(group: DashboardGroup): Cell;
}

export const GROUP_LABELS: Record<DashboardGroupKey, string> = { style: 'Style', templateVersionId: 'Template version', modelKey: 'Model' };

export const KEY_COLUMN_ID = 'key';

/** The table's columns for these groups: the fixed figures, plus a mean per scale question and an α per rated question. */
export function dashboardColumns(groups: readonly DashboardGroup[], groupBy: DashboardGroupKey, hasKeepQuestion: boolean): DashboardColumn[] {
  const first = groups[0];
  const means = (first?.means ?? []).map(
    ({ questionId, title }): DashboardColumn => ({
      id: `mean:${questionId}`,
      label: `${title} (mean, 95% CI)`,
      firstDirection: 'descending',
      sortValue: (group) => group.means.find((m) => m.questionId === questionId)?.mean ?? null,
      cell: (group) => {
        const mean = group.means.find((m) => m.questionId === questionId);
        return mean ? meanCell(mean) : { text: '—', title: 'Not a question of this rubric.' };
      },
    }),
  );
  const alphas = (first?.agreement ?? []).map(
    ({ questionId, title }): DashboardColumn => ({
      id: `alpha:${questionId}`,
      label: `α ${title}`,
      firstDirection: 'descending',
      sortValue: (group) => group.agreement.find((a) => a.questionId === questionId)?.alpha ?? null,
      cell: (group) => {
        const agreement = group.agreement.find((a) => a.questionId === questionId);
        return agreement ? alphaCell(agreement) : { text: '—', title: 'Not a question of this rubric.' };
      },
    }),
  );
  return [
    { id: KEY_COLUMN_ID, label: GROUP_LABELS[groupBy], firstDirection: 'ascending', sortValue: (g) => g.key, cell: (g) => ({ text: g.key, title: g.key }) },
    { id: 'dialogues', label: 'Dialogues', firstDirection: 'descending', sortValue: (g) => g.dialogues, cell: dialoguesCell },
    { id: 'pass', label: 'Filter pass rate', firstDirection: 'descending', sortValue: (g) => g.filterPassRate, cell: passRateCell },
    ...means,
    { id: 'keep', label: 'Keep rate (95% CI)', firstDirection: 'descending', sortValue: (g) => g.keepRate?.share ?? null, cell: (g) => keepCell(g.keepRate, hasKeepQuestion) },
    ...alphas,
    { id: 'length', label: 'Length ratio', firstDirection: 'descending', sortValue: (g) => g.meanLengthRatio, cell: lengthRatioCell },
    { id: 'newNumbers', label: 'New-number rate', firstDirection: 'descending', sortValue: (g) => g.meanNewNumberRate, cell: newNumberCell },
  ];
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** The groups in the order of one column; groups without a value go last whichever the direction; ties keep by key. */
export function sortGroups(groups: readonly DashboardGroup[], column: DashboardColumn, direction: SortDirection): DashboardGroup[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...groups].sort((a, b) => {
    const [va, vb] = [column.sortValue(a), column.sortValue(b)];
    if (va === null || vb === null) return va === vb ? compareValues(a.key, b.key) : va === null ? 1 : -1;
    return sign * compareValues(va, vb) || compareValues(a.key, b.key);
  });
}

/** A click on a column header: the same column flips its direction, another starts with its natural one. */
export function nextSort(current: TableSort, column: DashboardColumn): TableSort {
  if (current.columnId === column.id) return { columnId: column.id, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { columnId: column.id, direction: column.firstDirection };
}
