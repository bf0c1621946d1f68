import type { KeyboardEvent } from 'react';
import type { QuickRating } from './api';
import { formatNumber } from '../shared';
import { useCompareStore } from './compareStore';
import { CompareCell } from './CompareCell';
import { columnAggregates, columnLabel, rowDiffers, type GridColumn, type PlannedGrid } from './grid';

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** Arrow keys move between the cells' Open buttons, as in a spreadsheet; elsewhere (a note) they stay the text's. */
function moveBetweenCells(event: KeyboardEvent<HTMLTableElement>) {
  const from = event.target as HTMLElement;
  const step = ARROWS[event.key];
  if (!step || from.dataset.gridRow === undefined) return;
  const row = Number(from.dataset.gridRow) + step[0];
  const column = Number(from.dataset.gridColumn) + step[1];
  const next = event.currentTarget.querySelector<HTMLElement>(`[data-grid-row="${row}"][data-grid-column="${column}"]`);
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

function ColumnHeader({ column, grid }: { column: GridColumn; grid: PlannedGrid }) {
  const finished = useCompareStore((s) => s.finished);
  const cells = grid.rows.flatMap((row) => {
    const id = grid.cellItems[row.key]?.[column.key];
    const dialogue = id ? finished[id] : undefined;
    return dialogue ? [dialogue] : [];
  });
  const aggregates = columnAggregates(cells);
  // A number, so streaming text (which changes the cells every frame) does not re-render the header.
  const failed = useCompareStore((s) => grid.rows.filter((row) => s.cells[grid.cellItems[row.key]?.[column.key] ?? '']?.status === 'failed').length);
  const { params } = column.preset;
  return (
    <>
      <span className="col-template">
        {column.version.templateName} v{column.version.number}
      </span>
      <span className="col-model">
        {column.model.modelName} ({column.model.engine})
      </span>
      <span className="col-preset">
        {column.preset.label}: T {params.temperature} · top p {params.topP} · max {params.maxTokens} · seed {params.seed}
      </span>
      <dl className="col-aggregates" aria-label={`Aggregates of ${columnLabel(column)}`}>
        <dt>Finished</dt>
        <dd>
          {aggregates.finished}/{grid.rows.length}
        </dd>
        {failed > 0 && (
          <>
            <dt>Failed</dt>
            <dd>{failed}</dd>
          </>
        )}
        <dt>Mean out tokens</dt>
        <dd>{formatNumber(aggregates.meanCompletionTokens)}</dd>
        <dt>Out ÷ in</dt>
        <dd>{formatNumber(aggregates.meanOutputInputRatio, 2)}</dd>
        <dt>Mean tok/s</dt>
        <dd>{formatNumber(aggregates.meanTokensPerSecond, 0)}</dd>
        <dt>Pass checks</dt>
        <dd>
          {percent(aggregates.passShare)} ({aggregates.passing}/{aggregates.finished})
        </dd>
      </dl>
    </>
  );
}

/** The matrix: excerpts as rows, template version × model × preset as columns, one generation per cell. */
export function CompareGrid({ ratings }: { ratings: ReadonlyMap<string, QuickRating> }) {
  const grid = useCompareStore((s) => s.grid);
  const finished = useCompareStore((s) => s.finished);
  const differentOnly = useCompareStore((s) => s.differentOnly);
  if (!grid) return null;
  const cellOutput = (rowKey: string, column: GridColumn) => {
    const id = grid.cellItems[rowKey]?.[column.key];
    return (id && finished[id]?.rawOutput) ?? null;
  };
  const rows = differentOnly ? grid.rows.filter((row) => rowDiffers(grid.columns.map((c) => cellOutput(row.key, c)))) : grid.rows;
  return (
    <div className="compare-scroll" role="region" aria-label="Comparison grid" tabIndex={0}>
      <table className="compare-table" onKeyDown={moveBetweenCells}>
        <caption className="muted">
          {differentOnly ? `${rows.length} of ${grid.rows.length} rows differ` : `${grid.rows.length} rows`} × {grid.columns.length} columns
        </caption>
        <thead>
          <tr>
            <th scope="col" className="row-head">
              Excerpt
            </th>
            {grid.columns.map((column) => (
              <th scope="col" key={column.key}>
                <ColumnHeader column={column} grid={grid} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={row.key}>
              <th scope="row" className="row-head">
                <span className="row-number">{row.number}</span>
                <span className="row-text" title={row.excerpt.text}>
                  {row.excerpt.text}
                </span>
              </th>
              {grid.columns.map((column, columnIndex) => {
                const itemId = grid.cellItems[row.key]?.[column.key];
                const dialogue = itemId ? finished[itemId] : undefined;
                return (
                  <td key={column.key}>
                    {itemId && (
                      <CompareCell
                        itemId={itemId}
                        label={`Row ${row.number}, ${columnLabel(column)}`}
                        rating={dialogue ? ratings.get(dialogue.id) : undefined}
                        rowIndex={rowIndex}
                        columnIndex={columnIndex}
                      />
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">No row has finished outputs that differ (yet).</p>}
    </div>
  );
}
