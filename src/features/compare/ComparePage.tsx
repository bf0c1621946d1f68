import { useEffect, useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { excerptKeyOf } from '../../core/generation/plan';
import type { QuickRating } from './api';
import { Problem, useLiveQuery, valueOr, type PageProps } from '../shared';
import { compareApi } from './api';
import { CellDialog } from './CellDialog';
import { ColumnsPanel } from './ColumnsPanel';
import { CompareGrid } from './CompareGrid';
import { useCompareStore } from './compareStore';
import { gridProblem } from './grid';
import { effectiveRater } from '../shared/raterName';
import { RowsPanel } from './RowsPanel';
import { useColumnChoices } from './useColumnChoices';
import './compare.css';

/** The rater's ratings of the grid's finished dialogues, kept live (a rating saved in another tab shows here). */
function useGridRatings(): ReadonlyMap<string, QuickRating> {
  const finished = useCompareStore((s) => s.finished);
  const rater = effectiveRater(useCompareStore((s) => s.rater));
  const ids = Object.values(finished).map((d) => d.id);
  const ratings = valueOr(useLiveQuery(() => (ids.length ? compareApi.ratingsFor(ids) : Promise.resolve([])), [ids.join('\n')]), [] as QuickRating[]);
  return useMemo(() => new Map(ratings.filter((r) => r.rater === rater).map((r) => [r.dialogueId, r])), [ratings, rater]);
}

/** The grid and the open-cell view share the rater's ratings; kept out of the page so a cell ending re-renders only them. */
function GridAndOpenCell() {
  const ratings = useGridRatings();
  return (
    <>
      <CompareGrid ratings={ratings} />
      <CellDialog ratings={ratings} />
    </>
  );
}

/** Its own component, so a cell ending re-renders this line and not the whole page. */
function RunProgress() {
  const [settled, total] = useCompareStore(
    useShallow((s) => {
      const cells = Object.values(s.cells);
      return [cells.filter((c) => c.status !== 'queued' && c.status !== 'running').length, cells.length];
    }),
  );
  return `${settled} of ${total} cells done…`;
}

export function ComparePage({ onNavigate, models }: PageProps) {
  const id = useId();
  // Selected field by field: streamed text changes the cells every frame, and only the cells should re-render then.
  const { rows, presets, grid, running, note, differentOnly, rater } = useCompareStore(
    useShallow((s) => ({ rows: s.rows, presets: s.presets, grid: s.grid, running: s.running, note: s.note, differentOnly: s.differentOnly, rater: s.rater })),
  );
  const { run, stop, dismissNote, setDifferentOnly, setRater, restoreLastGrid } = useCompareStore.getState();
  const choices = useColumnChoices(models.targets);
  useEffect(() => {
    void restoreLastGrid();
  }, [restoreLastGrid]);
  const planProblem = gridProblem({ excerpts: rows, versions: choices.versions, models: choices.models, presets });

  const start = () => {
    if (running) return;
    void run({ versions: choices.versions, models: choices.models }, (key) => {
      return models.targets.find((t) => t.key === key) ?? null;
    });
  };

  return (
    <div
      className="compare"
      onKeyDown={(e) => {
        // Ctrl/⌘+Enter runs the grid from anywhere on the page, as in a notebook.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          start();
        }
      }}
    >
      <RowsPanel />
      <ColumnsPanel choices={choices} targets={models.targets} onNavigate={onNavigate} />
      <section aria-labelledby={`${id}-heading`} className="card">
        <h2 id={`${id}-heading`}>Compare</h2>
        <div className="row actions">
          <button type="button" className="primary" disabled={running || planProblem !== null} onClick={start} aria-keyshortcuts="Control+Enter">
            Run
          </button>
          <button type="button" disabled={!running} onClick={stop}>
            Stop
          </button>
          <span className="muted" role="status">
            {planProblem ??
              (running
                ? <RunProgress />
                : `${new Set(rows.map(excerptKeyOf)).size} rows × ${choices.versions.length * choices.models.length * presets.length} columns. Ctrl+Enter runs.`)}
          </span>
        </div>
        <div className="row">
          <label className="inline">
            <input type="checkbox" checked={differentOnly} onChange={(e) => setDifferentOnly(e.target.checked)} />
            Different (only rows whose finished outputs differ)
          </label>
          <label className="inline">
            Rater
            <input type="text" value={rater} maxLength={60} onChange={(e) => setRater(e.target.value)} placeholder="me" className="rater" />
          </label>
        </div>
        {note && <Problem {...note} onDismiss={dismissNote} />}
        {!grid && <p className="muted">Choose rows and columns, then Run: each cell streams its dialogue, and every finished dialogue is saved.</p>}
      </section>
      <GridAndOpenCell />
    </div>
  );
}
