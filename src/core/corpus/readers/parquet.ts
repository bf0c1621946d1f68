import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { DEFAULT_RECORD_LIMITS, DEFAULT_TEXT_FIELD, parseRecord, type RecordLimits } from '../document';
import { checkRowGroupPages } from './parquetPages';
import { DEFAULT_ROW_GROUP_LIMITS, oversizedRowGroupReason, type RowGroupLimits } from './parquetRowGroups';
import { EMPTY_FILE, errorMessage, failed, rejected, type ReadEvent } from './readEvent';

/** Top-level column names of a Parquet file, for choosing the text column. */
export async function parquetColumns(file: AsyncBuffer): Promise<string[]> {
  const metadata = await parquetMetadataAsync(file);
  return parquetSchema(metadata).children.map((child) => child.element.name);
}

function parquetCell(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

const OWM_COLUMNS = ['url', 'date', 'metadata'];

/**
 * Parquet rows, one row group at a time (hyparquet). `line` is the 1-based row number. A file without the text
 * column yields a single rejection naming the columns it has; so does a file with a row group over
 * `rowGroupLimits`, saying how to rewrite it, before any row is read.
 */
export async function* readParquet(
  file: AsyncBuffer,
  options: { fileName: string; textColumn?: string; limits?: RecordLimits; rowGroupLimits?: RowGroupLimits },
): AsyncGenerator<ReadEvent> {
  const textColumn = options.textColumn ?? DEFAULT_TEXT_FIELD;
  const limits = options.limits ?? DEFAULT_RECORD_LIMITS;
  if (file.byteLength === 0) {
    yield rejected(options.fileName, 1, EMPTY_FILE);
    return;
  }
  let rowStart = 0;
  try {
    const metadata = await parquetMetadataAsync(file);
    const available = parquetSchema(metadata).children.map((child) => child.element.name);
    if (!available.includes(textColumn)) {
      yield rejected(
        options.fileName,
        1,
        `no column "${textColumn}" in this Parquet file (columns: ${available.join(', ') || 'none'}); choose the column that holds the text`,
      );
      return;
    }
    const columns = [textColumn, ...OWM_COLUMNS.filter((name) => name !== textColumn && available.includes(name))];
    const tooLarge = oversizedRowGroupReason(metadata, columns, options.fileName, options.rowGroupLimits ?? DEFAULT_ROW_GROUP_LIMITS);
    if (tooLarge) {
      yield rejected(options.fileName, 1, tooLarge);
      return;
    }
    let bytesRead = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      // hyparquet spins forever on some damaged page headers (docs/hostile-input.md): check them first.
      await checkRowGroupPages(file, group, columns);
      const rows = await parquetReadObjects({ file, metadata, columns, rowStart, rowEnd });
      for (const [offset, row] of rows.entries()) {
        const record: Record<string, unknown> = {};
        for (const column of columns) record[column] = parquetCell(row[column]);
        const result = parseRecord(record, textColumn, limits);
        const line = rowStart + offset + 1;
        if (result.ok) yield { kind: 'record', line, document: result.document };
        else yield rejected(options.fileName, line, result.reason);
      }
      bytesRead += Number(group.total_compressed_size ?? group.total_byte_size);
      yield { kind: 'progress', bytesRead: Math.min(bytesRead, file.byteLength) };
      rowStart = rowEnd;
    }
  } catch (error) {
    yield failed(options.fileName, rowStart + 1, `cannot read Parquet: ${errorMessage(error)}`);
  }
}
