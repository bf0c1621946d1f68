import { memo } from 'react';
import type { QuickRating } from './api';
import { CellStats } from './CellStats';
import { useCompareStore } from './compareStore';
import { RatingControls } from './RatingControls';

interface CompareCellProps {
  itemId: string;
  /** "Row 1, Two Students v1 · model · A": names the cell for screen readers and its controls. */
  label: string;
  rating: QuickRating | undefined;
  /** Position, for arrow-key moves between cells. */
  rowIndex: number;
  columnIndex: number;
}

/**
 * One generation in the grid. Subscribes to its own cell only and is memoized, so a streaming cell re-renders alone
 * and a cell ending does not re-render the others.
 */
export const CompareCell = memo(function CompareCell({ itemId, label, rating, rowIndex, columnIndex }: CompareCellProps) {
  const cell = useCompareStore((s) => s.cells[itemId]);
  const openCell = useCompareStore((s) => s.openCell);
  if (!cell) return null;
  const text = 'text' in cell ? cell.text : '';
  return (
    <div role="group" aria-label={label} aria-busy={cell.status === 'running' || cell.status === 'queued'} className={`cell cell-${cell.status}`}>
      {cell.status === 'queued' && <p className="muted">Queued</p>}
      {cell.status === 'running' && !text && <p className="muted">Waiting for the first token…</p>}
      {text && <pre className="cell-text">{text}</pre>}
      {cell.status === 'done' && <CellStats dialogue={cell.dialogue} />}
      {cell.status === 'failed' && (
        <div className="cell-error">
          <strong>{cell.error.message}</strong> {cell.error.hint}
        </div>
      )}
      {cell.status === 'stopped' && <p className="muted">{text ? 'Stopped before the end; not saved.' : 'Not run.'}</p>}
      {cell.status === 'unsaved' && <p className="muted">No saved dialogue: it failed or was stopped before the reload.</p>}
      <div className="cell-actions">
        {cell.status === 'done' && <RatingControls dialogueId={cell.dialogue.id} rating={rating} label={label} />}
        {cell.status !== 'queued' && (
          <button type="button" className="link" data-grid-row={rowIndex} data-grid-column={columnIndex} aria-label={`Open ${label}`} onClick={() => openCell(itemId)}>
            Open
          </button>
        )}
      </div>
    </div>
  );
});
