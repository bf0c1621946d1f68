import { errorMessage } from './readEvent';

/**
 * Decompresses a gzip byte stream (DecompressionStream, Node 18+ and browsers). A truncated or corrupt gzip
 * stream fails with an error saying so; errors of the source itself pass through unchanged.
 *
 * Input is written one chunk at a time, each write awaited, instead of piped: Node's DecompressionStream
 * accepts thousands of chunks before signalling backpressure, so a pipe would pull the whole compressed file
 * into memory.
 */
export function gunzip(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const iterator = source[Symbol.asyncIterator]();
      const decompressor = new DecompressionStream('gzip');
      const writer = decompressor.writable.getWriter();
      const reader = decompressor.readable.getReader();
      let sourceError: unknown = null;
      const pump = async () => {
        for (;;) {
          let next: IteratorResult<Uint8Array>;
          try {
            next = await iterator.next();
          } catch (error) {
            sourceError = error;
            await writer.abort(error);
            return;
          }
          if (next.done) break;
          await writer.write(next.value as Uint8Array<ArrayBuffer>);
        }
        await writer.close();
      };
      // Write and close failures (a corrupt stream) reach the reader below, which reports them.
      const pumping = pump().catch(() => undefined);
      let finished = false;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          yield value;
        }
        finished = true;
      } catch (error) {
        if (sourceError !== null) throw sourceError;
        throw new Error(`gzip data is truncated or corrupt (${errorMessage(error)}); the rest of the file was not read`);
      } finally {
        if (!finished) {
          await reader.cancel().catch(() => undefined);
          await iterator.return?.();
        }
        await pumping;
      }
    },
  };
}
