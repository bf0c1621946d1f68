import type { AsyncBuffer } from 'hyparquet';

/** A ReadableStream as an async iterable of chunks, counting bytes as they pass. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onBytes(value.byteLength);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Lets hyparquet read a File by byte ranges (footer, then one row group at a time) instead of loading it whole. */
export function fileAsyncBuffer(file: Blob, onBytes: (n: number) => void = () => {}): AsyncBuffer {
  return {
    byteLength: file.size,
    async slice(start: number, end?: number) {
      const buffer = await file.slice(start, end).arrayBuffer();
      onBytes(buffer.byteLength);
      return buffer;
    },
  };
}
