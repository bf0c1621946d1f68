import type { FileMetaData, RowGroup } from 'hyparquet';

/** Bounds on one Parquet row group, checked from the file's metadata before any row is read. */
export interface RowGroupLimits {
  /** Largest row group, in uncompressed bytes of the columns read (the text column and the OWM columns beside it). */
  maxRowGroupBytes: number;
  /** Most rows in one row group. */
  maxRowGroupRows: number;
}

/**
 * hyparquet decodes a row group's column chunks whole (without a page index, even a slice of its rows fetches the
 * whole compressed chunk and every page before the slice), and the reader holds every row of a group until the
 * group is done: a row group is what a Parquet read holds at once. Measured in Node (hyparquet 1.33, heap after a
 * forced GC between records): a file of 100,000 rows with 98 MiB of ASCII text uncompressed held 168 MiB at its
 * peak as one row group and 34 MiB as ten; one group of 1,000,000 rows of two short strings peaked at 176 MiB
 * (about 150 bytes a row). At 1.7 times its size, a 256 MiB group takes about 450 MiB of the import worker's heap,
 * and text outside Latin-1 (two bytes a character as a JavaScript string) up to about twice that, beside an import
 * that otherwise stays near 50 MiB: about the most a browser tab can spare while the app keeps running (a 64-bit
 * desktop tab has a few GiB of heap, a phone far less). 2^20 rows is pyarrow's default row group, so files written
 * with its defaults pass the row bound.
 */
export const DEFAULT_ROW_GROUP_LIMITS: RowGroupLimits = {
  maxRowGroupBytes: 256 * 2 ** 20,
  maxRowGroupRows: 2 ** 20,
};

const size = (bytes: number) =>
  bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toLocaleString('en', { maximumFractionDigits: 1 })} MiB` : `${bytes.toLocaleString('en')} bytes`;

function uncompressedBytes(group: RowGroup, columns: readonly string[]): number {
  let bytes = 0;
  for (const chunk of group.columns) {
    const meta = chunk.meta_data;
    if (meta && columns.includes(meta.path_in_schema[0] ?? '')) bytes += Number(meta.total_uncompressed_size);
  }
  return bytes;
}

/** Rows per group that keep a rewritten file at a quarter of both limits, rounded down to one significant digit. */
function suggestedRowGroupSize(bytes: number, rows: number, limits: RowGroupLimits): number {
  const bytesPerRow = bytes / Math.max(1, rows);
  const rowsThatFit = Math.min(limits.maxRowGroupRows, limits.maxRowGroupBytes / Math.max(1, bytesPerRow)) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, rowsThatFit)));
  return Math.max(1, Math.floor(rowsThatFit / magnitude) * magnitude);
}

/**
 * Why this file cannot be read, when one of its row groups is over the limits: the reason names the first such
 * group, its rows and size, the limit, and how to rewrite the file with smaller row groups. Null when every group
 * fits. Only metadata is read; `columns` are the columns the reader will decode.
 */
export function oversizedRowGroupReason(
  metadata: FileMetaData,
  columns: readonly string[],
  fileName: string,
  limits: RowGroupLimits = DEFAULT_ROW_GROUP_LIMITS,
): string | null {
  const sizes = metadata.row_groups.map((group) => ({ rows: Number(group.num_rows), bytes: uncompressedBytes(group, columns) }));
  const isOver = ({ rows, bytes }: { rows: number; bytes: number }) => bytes > limits.maxRowGroupBytes || rows > limits.maxRowGroupRows;
  const first = sizes.findIndex(isOver);
  const over = sizes[first];
  if (!over) return null;
  const others = sizes.filter(isOver).length - 1;
  const limitsPassed = [
    ...(over.bytes > limits.maxRowGroupBytes ? [`the ${size(limits.maxRowGroupBytes)} limit (maxRowGroupBytes)`] : []),
    ...(over.rows > limits.maxRowGroupRows ? [`the ${limits.maxRowGroupRows.toLocaleString('en')}-row limit (maxRowGroupRows)`] : []),
  ];
  const rowGroupSize = suggestedRowGroupSize(over.bytes, over.rows, limits);
  return (
    `row group ${first + 1} of ${sizes.length}${others ? ` (and ${others} more)` : ''} is too large to read: ` +
    `${over.rows.toLocaleString('en')} rows, ${size(over.bytes)} uncompressed in the columns read (${columns.join(', ')}), ` +
    `over ${limitsPassed.join(' and ')}; a row group is decoded whole, so all of it would be held in memory at once. ` +
    `Rewrite the file with smaller row groups, e.g. in Python ` +
    `pyarrow.parquet.write_table(pyarrow.parquet.read_table(${JSON.stringify(fileName)}), "smaller.parquet", row_group_size=${rowGroupSize}) ` +
    `or in DuckDB COPY (SELECT * FROM '${fileName.replaceAll("'", "''")}') TO 'smaller.parquet' (FORMAT parquet, ROW_GROUP_SIZE ${rowGroupSize})`
  );
}
