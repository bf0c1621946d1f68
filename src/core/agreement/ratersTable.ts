import { readCsv } from '../csv/readCsv';
import { AgreementInputError, checkValue, type Cell, type MeasurementLevel } from './values';

/** Reliability data as people keep it in a spreadsheet: one row per rater, one column per unit. */
export interface RatersTable {
  /** The header's first cell (it may be empty). */
  raterColumn: string;
  units: string[];
  raters: string[];
  /** raters × units; null where the cell was empty. */
  matrix: Cell[][];
}

export type RatersTableRead = { ok: true; table: RatersTable } | { ok: false; line: number; message: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A cell as a value: empty is missing, a decimal number is a number (so "1" and "1.0" are one value), else a label. */
function cellValue(text: string): Cell {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Reads a raters × units CSV: a header row naming the units after one cell for the rater column, then one row per
 * rater starting with the rater's name. Rows shorter than the header leave the rest missing. Every value is checked
 * against the level, so an error can name its line and unit.
 */
export function readRatersTable(text: string, level: MeasurementLevel): RatersTableRead {
  const csv = readCsv(text);
  if (!csv.ok) return csv;
  const [header, ...rows] = csv.records;
  if (!header) return { ok: false, line: 1, message: 'the file is empty: expected a header row naming the units, then one row per rater' };
  const [raterColumn = '', ...units] = header.fields;
  if (units.length === 0) return { ok: false, line: header.line, message: 'the header names no unit: after the rater column, one cell per unit' };
  if (rows.length === 0) return { ok: false, line: header.line, message: 'no rater rows after the header' };

  const lineOfRater = new Map<string, number>();
  const matrix: Cell[][] = [];
  for (const { fields, line } of rows) {
    const [rawName = '', ...cells] = fields;
    const name = rawName.trim();
    if (name === '') return { ok: false, line, message: "a rater row starts with the rater's name, but this one's first cell is empty" };
    const seen = lineOfRater.get(name);
    if (seen !== undefined) return { ok: false, line, message: `rater "${name}" already has a row (line ${seen})` };
    lineOfRater.set(name, line);
    if (cells.length > units.length) return { ok: false, line, message: `${cells.length} values, but the header names ${units.length} units` };
    const values: Cell[] = [];
    for (const [index, unit] of units.entries()) {
      const value = cellValue(cells[index] ?? '');
      try {
        if (value !== null) checkValue(value, level);
      } catch (error) {
        if (!(error instanceof AgreementInputError)) throw error;
        return { ok: false, line, message: `unit "${unit}": ${error.message}` };
      }
      values.push(value);
    }
    matrix.push(values);
  }
  return { ok: true, table: { raterColumn, units, raters: [...lineOfRater.keys()], matrix } };
}
