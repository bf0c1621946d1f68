/** Byte-stream helpers shared by the text readers. */

export const NEWLINE = 10;
export const QUOTE = 34;
export const BACKSLASH = 92;

/** JSON's insignificant whitespace: space, tab, carriage return, newline. */
export const isJsonWhitespace = (byte: number | undefined): boolean => byte === 32 || byte === 9 || byte === 13 || byte === NEWLINE;

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  if (parts.length === 2 && parts[0]?.byteLength === 0) return parts[1] as Uint8Array;
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

export function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Drops a UTF-8 byte order mark at the start of a stream, even when its three bytes arrive in more than one
 * chunk (a network or gunzip stream may cut anywhere).
 */
export async function* skipBom(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let head: Uint8Array = new Uint8Array(0);
  let done = false;
  while (head.length < 3) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head = concatBytes([head, next.value]);
  }
  const start = hasBom(head) ? 3 : 0;
  if (head.length > start) yield head.subarray(start);
  if (done) return;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

/** The chunks already taken from a stream, then the rest of it: for readers that look ahead before choosing. */
export async function* replay(seen: readonly Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* seen;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
