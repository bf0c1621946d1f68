// Reading and writing JSON-lines files the way every mind-lab command does: streamed, gzip by name, "-" for stdio.
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** The lines of a file (gunzipped when it ends in .gz), or of standard input for "-". */
export function lines(path) {
  const raw = path === '-' ? process.stdin : createReadStream(path);
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  // A read error on the file surfaces through the line iterator.
  raw.on('error', (error) => stream.destroy(error));
  return createInterface({ input: stream, crlfDelay: Infinity });
}

/**
 * Every line of every input with where it is ("name:line" for messages). An input that cannot be read (missing, a
 * folder, a broken gzip) is passed to `onUnreadable(name, reason)` and skipped; other errors are thrown.
 */
export async function* numberedLines(inputs, onUnreadable) {
  for (const path of inputs) {
    const name = path === '-' ? 'stdin' : path;
    let lineNumber = 0;
    try {
      for await (const line of lines(path)) {
        lineNumber += 1;
        yield { name, lineNumber, line };
      }
    } catch (error) {
      if (error.code !== 'ENOENT' && error.code !== 'EISDIR' && error.code !== 'Z_DATA_ERROR') throw error;
      onUnreadable(name, error.code === 'ENOENT' ? 'no such file' : error.message);
    }
  }
}

/** Writes lines to a stream, waiting when its buffer is full so memory stays flat. */
export function lineWriter(stream) {
  return async (line) => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
}
