import type { AsyncBuffer } from 'hyparquet';
import type { RecordLimits } from './document';
import { detectFormat, type DetectedFormat } from './readers/format';
import { gunzip } from './readers/gunzip';
import { readJsonArray } from './readers/jsonArray';
import { readJsonLines } from './readers/jsonLines';
import { readParquet } from './readers/parquet';
import { readPlainText } from './readers/plainText';
import type { ReadEvent } from './readers/readEvent';

/** A corpus file as the platform provides it (Node fs in the CLI, a File or Blob in the browser). */
export interface CorpusFile {
  name: string;
  /** The file's bytes from the start, as a stream. */
  stream: () => AsyncIterable<Uint8Array>;
  /** Random access for Parquet (hyparquet's asyncBufferFromFile in Node, a File-backed buffer in the browser). */
  asyncBuffer: () => Promise<AsyncBuffer>;
  /** For bytes whose name says nothing of their format (pasted text); otherwise detected from `name`. */
  format?: DetectedFormat;
}

/**
 * Reads any supported file, choosing the reader from its format; `textField` names the text field or column and
 * `limits` bounds each record. A `failed` event, always the last, means the file could not be read to its end.
 */
export async function* readCorpus(
  file: CorpusFile,
  options: { textField?: string; limits?: RecordLimits } = {},
): AsyncGenerator<ReadEvent> {
  const { format, gzip } = file.format ?? detectFormat(file.name);
  const limits = options.limits ? { limits: options.limits } : {};
  if (format === 'parquet') {
    yield* readParquet(await file.asyncBuffer(), { fileName: file.name, textColumn: options.textField, ...limits });
    return;
  }
  const bytes = gzip ? gunzip(file.stream()) : file.stream();
  const readOptions = { fileName: file.name, textField: options.textField, ...limits };
  if (format === 'jsonl') yield* readJsonLines(bytes, readOptions);
  else if (format === 'json-array') yield* readJsonArray(bytes, readOptions);
  else yield* readPlainText(bytes, { fileName: file.name, ...limits });
}
