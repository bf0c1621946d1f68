import type { AsyncBuffer, RowGroup } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';

/**
 * Checks the page headers of the column chunks about to be decoded, reading only the headers (a few KiB per page),
 * before hyparquet decodes them. hyparquet 1.33 trusts these fields: one zeroed byte in a DataPageV2 header
 * (byte 24 of the shared owm_sample.parquet) ends the header struct early, `definition_levels_byte_length`
 * comes out undefined, an offset becomes NaN and decoding spins forever on the main thread of whoever called it
 * (docs/hostile-input.md). Every count and length must be a non-negative integer that fits in the bytes left.
 */
export class DamagedParquetPage extends Error {}

/** Headers with statistics are small; a header larger than this is damaged. */
const MAX_HEADER_BYTES = 1 << 20;
const FIRST_HEADER_READ = 16 << 10;
const PAGE_TYPES = new Set(['DATA_PAGE', 'INDEX_PAGE', 'DICTIONARY_PAGE', 'DATA_PAGE_V2']);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function damaged(column: string, at: number, problem: string): DamagedParquetPage {
  return new DamagedParquetPage(`damaged page header in column "${column}" at byte ${at}: ${problem}`);
}

type PageHeader = ReturnType<typeof parquetHeader>;

/** Reads and parses one page header at `at`, growing the read window if the header is longer than it. */
async function readHeader(file: AsyncBuffer, column: string, at: number, chunkEnd: number): Promise<{ header: PageHeader; length: number }> {
  for (let window = FIRST_HEADER_READ; ; window *= 4) {
    const end = Math.min(chunkEnd, at + window);
    const bytes = await file.slice(at, end);
    const reader = { view: new DataView(bytes), offset: 0 };
    try {
      const header = parquetHeader(reader);
      if (reader.offset > bytes.byteLength) throw new RangeError('header runs past its bytes');
      return { header, length: reader.offset };
    } catch (error) {
      if (end >= chunkEnd || window >= MAX_HEADER_BYTES) {
        throw damaged(column, at, `unreadable (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }
}

function checkHeader(header: PageHeader, column: string, at: number, bytesLeft: number): void {
  const fail = (problem: string) => damaged(column, at, problem);
  if (!PAGE_TYPES.has(String(header.type))) throw fail(`unknown page type ${String(header.type)}`);
  if (!isCount(header.compressed_page_size) || header.compressed_page_size > bytesLeft) {
    throw fail(`compressed size ${String(header.compressed_page_size)} does not fit in the ${bytesLeft} bytes left of the column chunk`);
  }
  if (!isCount(header.uncompressed_page_size)) throw fail(`uncompressed size ${String(header.uncompressed_page_size)} is not a size`);
  if (header.type === 'DATA_PAGE') {
    if (!header.data_page_header || !isCount(header.data_page_header.num_values)) throw fail('data page header without a value count');
  } else if (header.type === 'DICTIONARY_PAGE') {
    if (!header.dictionary_page_header || !isCount(header.dictionary_page_header.num_values)) throw fail('dictionary page header without a value count');
  } else if (header.type === 'DATA_PAGE_V2') {
    const v2 = header.data_page_header_v2;
    if (!v2) throw fail('DataPageV2 header missing');
    const fields = ['num_values', 'num_nulls', 'num_rows', 'definition_levels_byte_length', 'repetition_levels_byte_length'] as const;
    for (const field of fields) if (!isCount(v2[field])) throw fail(`${field} is ${String(v2[field])}`);
    if (v2.num_nulls > v2.num_values) throw fail(`${v2.num_nulls} nulls in ${v2.num_values} values`);
    if (v2.definition_levels_byte_length + v2.repetition_levels_byte_length > header.compressed_page_size) {
      throw fail('level bytes longer than the page');
    }
  }
}

/**
 * Throws DamagedParquetPage when a page header of one of `columns` in `group` is damaged: unreadable, a count or
 * size that is not a non-negative integer, or a page that runs past its column chunk or the file.
 */
export async function checkRowGroupPages(file: AsyncBuffer, group: RowGroup, columns: readonly string[]): Promise<void> {
  for (const chunk of group.columns) {
    const meta = chunk.meta_data;
    const column = meta?.path_in_schema[0];
    if (!meta || column === undefined || !columns.includes(column)) continue;
    const dictionary = meta.dictionary_page_offset === undefined ? Number.POSITIVE_INFINITY : Number(meta.dictionary_page_offset);
    const start = Math.min(Number(meta.data_page_offset), dictionary);
    const end = start + Number(meta.total_compressed_size);
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end <= file.byteLength)) {
      throw damaged(column, start, `column chunk [${start}, ${end}) lies outside the ${file.byteLength}-byte file`);
    }
    for (let at = start; at < end; ) {
      const { header, length } = await readHeader(file, column, at, end);
      checkHeader(header, column, at, end - at - length);
      at += length + header.compressed_page_size;
    }
  }
}
