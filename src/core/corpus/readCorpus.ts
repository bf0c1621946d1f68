import type { AsyncBuffer } from 'hyparquet';
import type { RecordLimits } from './document';
import {
  detectFormat,
  gunzip,
  readJsonArray,
  readJsonLines,
  readParquet,
  readPlainText,
  type ReadEvent,
} from './readers';

/** A corpus file as the platform provides it (Node fs in the CLI; a File could be wrapped the same way). */
export interface CorpusFile {
  name: string;
  /** The file's bytes from the start, as a stream. */
  stream: () => AsyncIterable<Uint8Array>;
  /** Random access for Parquet (hyparquet's asyncBufferFromFile in Node, a File-backed buffer in the browser). */
  asyncBuffer: () => Promise<AsyncBuffer>;
}

/**
 * Reads any supported file, choosing the reader from its name; `textField` names the text field or column and
 * `limits` bounds each record. A `failed` event, always the last, means the file could not be read to its end.
 */
export async function* readCorpus(
  file: CorpusFile,
  options: { textField?: string; limits?: RecordLimits } = {},
): AsyncGenerator<ReadEvent> {
  const { format, gzip } = detectFormat(file.name);
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

