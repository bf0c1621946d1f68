/** A field that must be quoted to read back as itself: separators, quotes, line breaks, or a leading BOM. */
const NEEDS_QUOTES = /^\uFEFF|[",\r\n]/;

/**
 * Writes rows as RFC 4180 CSV (CRLF line ends, a line break after the last record), quoting only fields that need
 * it. A row holding one empty field is written as "" so that it does not read back as a skipped empty line; a row
 * with no fields cannot be told from one and is written as an empty line.
 */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;
  return rows
    .map((row) => (row.length === 1 && row[0] === '' ? '""' : row.map((field) => (NEEDS_QUOTES.test(field) ? quote(field) : field)).join(',')))
    .map((line) => `${line}\r\n`)
    .join('');
}
