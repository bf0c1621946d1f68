import type { AsyncBuffer } from 'hyparquet';
import {
  detectFormat,
  gunzip,
  readJsonArray,
  readJsonLines,
  readParquet,
  readPlainText,
  type ReadEvent,
} from './readers';

/** A corpus file as the platform provides it: Node fs in the CLI, a File in the browser. */
export interface CorpusFile {
  name: string;
  /** The file's bytes from the start, as a stream. */
  stream: () => AsyncIterable<Uint8Array>;
  /** Random access for Parquet (hyparquet's asyncBufferFromFile in Node, a File-backed buffer in the browser). */
  asyncBuffer: () => Promise<AsyncBuffer>;
}

/** Reads any supported file, choosing the reader from its name; `textField` names the text field or column. */
export async function* readCorpus(file: CorpusFile, options: { textField?: string } = {}): AsyncGenerator<ReadEvent> {
  const { format, gzip } = detectFormat(file.name);
  if (format === 'parquet') {
    yield* readParquet(await file.asyncBuffer(), { fileName: file.name, textColumn: options.textField });
    return;
  }
  const bytes = gzip ? gunzip(file.stream()) : file.stream();
  const readOptions = { fileName: file.name, textField: options.textField };
  if (format === 'jsonl') yield* readJsonLines(bytes, readOptions);
  else if (format === 'json-array') yield* readJsonArray(bytes, readOptions);
  else yield* readPlainText(bytes, { fileName: file.name });
}

/** Random access to a Blob or File (browser, or Node 20's Blob) for hyparquet. */
export function asyncBufferFromBlob(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/** The chunks of a ReadableStream as an async iterable (not every browser makes streams iterable). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A browser File (or any named Blob) as a CorpusFile. */
export function corpusFileFromBlob(blob: Blob, name: string): CorpusFile {
  return {
    name,
    stream: () => streamChunks(blob.stream()),
    asyncBuffer: async () => asyncBufferFromBlob(blob),
  };
}
