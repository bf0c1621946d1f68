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

/** Writes lines to a stream, waiting when its buffer is full so memory stays flat. */
export function lineWriter(stream) {
  return async (line) => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
}
