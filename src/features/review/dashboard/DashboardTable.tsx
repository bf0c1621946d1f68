import type { DashboardGroup } from '../../../core/review/dashboard';
import { MISSING } from './dashboardFormat';
import { KEY_COLUMN_ID, type DashboardColumn, type TableSort } from './dashboardTable';

interface DashboardTableProps {
  caption: string;
  columns: readonly DashboardColumn[];
  /** Already in the order of `sort`. */
  groups: readonly DashboardGroup[];
  sort: TableSort;
  onSort(column: DashboardColumn): void;
}

const ARROWS = { ascending: '▲', descending: '▼' } as const;

/** The dashboard's figures, one row per group; a header button sorts by its column (a second press reverses). */
export function DashboardTable({ caption, columns, groups, sort, onSort }: DashboardTableProps) {
  return (
    // Focusable so a keyboard can scroll a table wider than the page.
    <div className="dashboard-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="dashboard-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort.columnId === column.id;
              return (
                <th key={column.id} scope="col" aria-sort={sorted ? sort.direction : undefined}>
                  <button type="button" className="dashboard-sort" onClick={() => onSort(column)}>
                    {column.label}
                    <span aria-hidden="true" className="dashboard-sort-arrow">
                      {sorted ? ARROWS[sort.direction] : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              {columns.map((column) => {
                const cell = column.cell(group);
                if (column.id === KEY_COLUMN_ID) {
                  return (
                    <th key={column.id} scope="row" title={cell.title}>
                      {cell.text}
                    </th>
                  );
                }
                return (
                  <td key={column.id} title={cell.title}>
                    {cell.text}
                    {/* The reason a figure is missing is read out too; a tooltip alone reaches only a mouse. */}
                    {cell.text === MISSING && <span className="visually-hidden"> ({cell.title})</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
