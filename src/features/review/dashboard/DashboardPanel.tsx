import { useId, useMemo, useState } from 'react';
import { DASHBOARD_GROUP_KEYS, dashboardGroups, type DashboardGroupKey } from '../../../core/review/dashboard';
import { useReviewStore } from '../reviewStore';
import { chartFigures } from './chartFigures';
import { DashboardChart } from './DashboardChart';
import { dashboardDialogue } from './dashboardDialogue';
import { DashboardTable } from './DashboardTable';
import { dashboardColumns, GROUP_LABELS, KEY_COLUMN_ID, nextSort, sortGroups, type TableSort } from './dashboardTable';
import './dashboard.css';

const isGroupKey = (value: string): value is DashboardGroupKey => (DASHBOARD_GROUP_KEYS as readonly string[]).includes(value);

/**
 * Review figures per style, template version or model: filter pass rate, mean ratings with 95% intervals, keep rate,
 * Krippendorff's α per question, length ratio and new-number rate, as a sortable table and a chart. No props: it reads
 * the review store (analyses, ratings, rubric).
 */
export function DashboardPanel() {
  const analyses = useReviewStore((s) => s.analyses);
  const ratings = useReviewStore((s) => s.ratings);
  const rubric = useReviewStore((s) => s.rubric);
  const loaded = useReviewStore((s) => s.loaded);
  const [groupBy, setGroupBy] = useState<DashboardGroupKey>('style');
  const [sort, setSort] = useState<TableSort>({ columnId: KEY_COLUMN_ID, direction: 'ascending' });
  const selectId = useId();

  const dialogues = useMemo(() => analyses.map(dashboardDialogue), [analyses]);
  const allRatings = useMemo(() => [...ratings.byDialogue.values()].flat(), [ratings]);
  const groups = useMemo(() => dashboardGroups(dialogues, allRatings, rubric, groupBy), [dialogues, allRatings, rubric, groupBy]);
  const hasKeepQuestion = rubric.questions.some((q) => q.id === rubric.keepQuestionId && q.kind === 'choice');
  const columns = useMemo(() => dashboardColumns(groups, groupBy, hasKeepQuestion), [groups, groupBy, hasKeepQuestion]);
  // A column can vanish with a rubric change: the table then falls back to the group names.
  const sortColumn = columns.find((c) => c.id === sort.columnId) ?? columns[0]!;
  const direction = sortColumn.id === sort.columnId ? sort.direction : 'ascending';
  const sorted = useMemo(() => sortGroups(groups, sortColumn, direction), [groups, sortColumn, direction]);
  const groupLabel = GROUP_LABELS[groupBy];
  const figures = useMemo(() => chartFigures(sorted, groupLabel), [sorted, groupLabel]);

  if (!loaded) return <p className="muted">Reading the review desk…</p>;
  if (!analyses.length) {
    return <p className="dashboard-empty">No dialogues yet. Generate some (Generate, Compare or Runs) or import a dialogue pack: the dashboard compares them by style, template version and model.</p>;
  }
  const rated = groups.some((g) => g.ratings > 0);
  return (
    <div className="dashboard">
      <div className="dashboard-controls">
        <label htmlFor={selectId}>Group by</label>
        <select id={selectId} value={groupBy} onChange={(e) => isGroupKey(e.target.value) && setGroupBy(e.target.value)}>
          {DASHBOARD_GROUP_KEYS.map((key) => (
            <option key={key} value={key}>
              {GROUP_LABELS[key]}
            </option>
          ))}
        </select>
        <span className="muted">
          {analyses.length} dialogue{analyses.length === 1 ? '' : 's'} in {groups.length} group{groups.length === 1 ? '' : 's'}
        </span>
      </div>
      {!rated && <p className="muted">No submitted ratings with the rubric “{rubric.name}” yet: means, keep rate and α appear once dialogues are rated.</p>}
      <DashboardTable
        caption={`Review figures by ${groupLabel.toLowerCase()}, sorted by ${sortColumn.label} (${direction})`}
        columns={columns}
        groups={sorted}
        sort={{ columnId: sortColumn.id, direction }}
        onSort={(column) => setSort(nextSort({ columnId: sortColumn.id, direction }, column))}
      />
      <p className="muted dashboard-note">
        Means take each dialogue once (the mean of its raters). α needs two raters on the same dialogue: merge another rater&apos;s ratings to see it. Hover a figure for how it was computed.
      </p>
      <DashboardChart title={`Keep rate and filter pass rate by ${groupLabel.toLowerCase()} (%)`} figures={figures} />
    </div>
  );
}
