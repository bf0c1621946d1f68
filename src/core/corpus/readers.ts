import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer } from 'hyparquet';
import {
  DEFAULT_RECORD_LIMITS,
  DEFAULT_TEXT_FIELD,
  parseRecord,
  recordTooLargeReason,
  type DocumentInput,
  type RecordLimits,
  type RejectedRecord,
} from './document';
import { checkRowGroupPages } from './parquetPages';

/**
 * Streaming readers for corpus files. Each yields records one at a time with their line (or row) number,
 * rejections with a reason, and progress; none keeps more than one line, element or Parquet row group in memory.
 * `bytesRead` in progress events counts bytes of the source given to the reader (after gunzip, if any).
 */
export type ReadEvent =
  | { kind: 'record'; line: number; document: DocumentInput }
  | { kind: 'rejected'; rejected: RejectedRecord }
  | { kind: 'progress'; bytesRead: number }
  /**
   * The file could not be read to its end (a gzip stream that fails its checksum or is cut off, an array without
   * its closing "]", a read error, a damaged Parquet page). Always the last event. The records yielded before it
   * may be incomplete or, for a corrupt gzip stream, altered: whole-or-nothing callers discard them.
   */
  | { kind: 'failed'; rejected: RejectedRecord };

export type CorpusFormat = 'jsonl' | 'json-array' | 'parquet' | 'text';

export interface TextReadOptions {
  fileName: string;
  /** Field holding the document text; "text" by default. */
  textField?: string;
  /** Bounds on each record; DEFAULT_RECORD_LIMITS by default. */
  limits?: RecordLimits;
}

const FORMAT_BY_EXTENSION: Record<string, CorpusFormat> = {
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json-array',
  parquet: 'parquet',
  txt: 'text',
  md: 'text',
  markdown: 'text',
};

/** Format from the file name (case-insensitive), with an optional trailing .gz. */
export function detectFormat(fileName: string): { format: CorpusFormat; gzip: boolean } {
  const parts = fileName.toLowerCase().split('.');
  const gzip = parts.length > 2 && parts[parts.length - 1] === 'gz';
  const extension = parts.length > 1 ? parts[parts.length - (gzip ? 2 : 1)] : undefined;
  const format = extension === undefined ? undefined : FORMAT_BY_EXTENSION[extension];
  if (!format || (gzip && format === 'parquet')) {
    throw new Error(
      `Cannot read "${fileName}": use .jsonl, .ndjson, .json (optionally .gz), .parquet, .txt or .md.`,
    );
  }
  return { format, gzip };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rejected(file: string, line: number, reason: string): ReadEvent {
  return { kind: 'rejected', rejected: { file, line, reason } };
}

function failed(file: string, line: number, reason: string): ReadEvent {
  return { kind: 'failed', rejected: { file, line, reason } };
}

/**
 * Why bytes could not become a string: the fatal decoder throws a TypeError for invalid UTF-8, while a string
 * longer than V8's limit (about 2^29 UTF-16 code units, 512 MiB+) throws a RangeError; they need different fixes.
 */
export function decodeFailure(error: unknown, byteLength: number): string {
  if (error instanceof TypeError) return 'invalid UTF-8';
  return `too long to become a JavaScript string (${byteLength.toLocaleString('en')} bytes; V8 strings hold about 512 MiB at most): ${errorMessage(error)}`;
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

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
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

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

const EMPTY_FILE = 'file is empty (0 bytes)';
const NEWLINE = 10;

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

/** Parses complete lines; keeps line numbering and decoding state between blocks. */
class LineParser {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  line = 0;

  constructor(
    private readonly fileName: string,
    private readonly textField: string,
    private readonly limits: RecordLimits,
  ) {}

  /** Rejects the next line, which was too large to keep (its bytes were skipped, never held). */
  rejectTooLarge(bytes: number | null): ReadEvent {
    this.line += 1;
    return rejected(this.fileName, this.line, recordTooLargeReason(bytes, this.limits));
  }

  /**
   * `block` holds whole lines separated by \n (no trailing newline). Lines are decoded one by one: that finds
   * the line of an invalid byte, and Node's fatal decoder is several times faster on small inputs than on
   * megabyte blocks.
   */
  *parseBlock(block: Uint8Array): Generator<ReadEvent> {
    let start = 0;
    while (start <= block.length) {
      let end = block.indexOf(NEWLINE, start);
      if (end < 0) end = block.length;
      if (end - start > this.limits.maxRecordBytes) {
        yield this.rejectTooLarge(end - start);
        start = end + 1;
        continue;
      }
      let line: string | null = null;
      try {
        line = this.decoder.decode(block.subarray(start, end));
      } catch (error) {
        this.line += 1;
        yield rejected(this.fileName, this.line, decodeFailure(error, end - start));
      }
      if (line !== null) yield* this.parseLine(line);
      start = end + 1;
    }
  }

  private *parseLine(line: string): Generator<ReadEvent> {
    this.line += 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof SyntaxError ? `invalid JSON: ${errorMessage(error)}` : `cannot parse this line: ${errorMessage(error)}`;
      yield rejected(this.fileName, this.line, reason);
      return;
    }
    const result = parseRecord(value, this.textField, this.limits);
    if (result.ok) yield { kind: 'record', line: this.line, document: result.document };
    else yield rejected(this.fileName, this.line, result.reason);
  }
}

/**
 * JSON Lines: one JSON object per line; blank lines are skipped; a UTF-8 BOM at the start is ignored. A line
 * longer than `maxRecordBytes` is skipped as it streams by (never held) and rejected with the limit's name.
 */
export async function* readJsonLines(
  source: AsyncIterable<Uint8Array>,
  options: TextReadOptions,
): AsyncGenerator<ReadEvent> {
  const limits = options.limits ?? DEFAULT_RECORD_LIMITS;
  const parser = new LineParser(options.fileName, options.textField ?? DEFAULT_TEXT_FIELD, limits);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  /** Inside a line already over the limit: its bytes are dropped until its newline. */
  let skippingLine = false;
  let bytesRead = 0;
  const holdPartialLine = (bytes: Uint8Array) => {
    pendingBytes += bytes.byteLength;
    if (pendingBytes > limits.maxRecordBytes) {
      pending = [];
      pendingBytes = 0;
      skippingLine = true;
    } else if (bytes.byteLength > 0) {
      pending.push(bytes.slice());
    }
  };
  try {
    for await (const chunk of skipBom(source)) {
      if (chunk.byteLength === 0) continue;
      bytesRead += chunk.byteLength;
      let bytes = chunk;
      if (skippingLine) {
        const newline = bytes.indexOf(NEWLINE);
        // Progress even while a huge line is skipped, so no-progress watchdogs see the reader is alive.
        if (newline < 0) {
          yield { kind: 'progress', bytesRead };
          continue;
        }
        yield parser.rejectTooLarge(null);
        skippingLine = false;
        bytes = bytes.subarray(newline + 1);
      }
      const lastNewline = bytes.lastIndexOf(NEWLINE);
      if (lastNewline < 0) {
        holdPartialLine(bytes);
        yield { kind: 'progress', bytesRead };
        continue;
      }
      pending.push(bytes.subarray(0, lastNewline));
      const block = concatBytes(pending);
      pending = [];
      pendingBytes = 0;
      yield* parser.parseBlock(block);
      holdPartialLine(bytes.subarray(lastNewline + 1));
      yield { kind: 'progress', bytesRead };
    }
  } catch (error) {
    yield failed(options.fileName, parser.line + 1, errorMessage(error));
    return;
  }
  if (bytesRead === 0) {
    yield rejected(options.fileName, 1, EMPTY_FILE);
    return;
  }
  if (skippingLine) yield parser.rejectTooLarge(null);
  else if (pending.length > 0) yield* parser.parseBlock(concatBytes(pending));
  yield { kind: 'progress', bytesRead };
}

async function* replay(
  seen: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  yield* seen;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** Splits the bytes of a top-level JSON array into its elements without parsing them. */
class ArrayElementScanner {
  depth = 0;
  line = 1;
  closed = false;
  private inString = false;
  private escaped = false;
  private elementStart = -1;
  private elementLine = 0;
  private parts: Uint8Array[] = [];
  private partsBytes = 0;
  /** The open element went over maxRecordBytes: its bytes are no longer kept, only counted. */
  private overLimit = false;
  /** Complete elements; `bytes` is null for one over the limit (`size` then says how large it was). */
  readonly elements: { line: number; bytes: Uint8Array | null; size: number }[] = [];
  trailing = false;

  constructor(private readonly maxElementBytes: number = Number.POSITIVE_INFINITY) {}

  get insideElement(): boolean {
    return this.elementStart >= 0 || this.parts.length > 0 || this.overLimit;
  }

  get openElementLine(): number {
    return this.elementLine;
  }

  private begin(index: number): void {
    if (this.elementStart < 0) {
      this.elementStart = index;
      this.elementLine = this.line;
    }
  }

  private finish(bytes: Uint8Array, end: number): void {
    const size = this.partsBytes + (this.elementStart >= 0 ? end - this.elementStart : 0);
    if (this.overLimit || size > this.maxElementBytes) {
      this.elements.push({ line: this.elementLine, bytes: null, size });
    } else {
      if (this.elementStart >= 0) this.parts.push(bytes.subarray(this.elementStart, end));
      if (this.parts.length > 0) this.elements.push({ line: this.elementLine, bytes: concatBytes(this.parts), size });
    }
    this.parts = [];
    this.partsBytes = 0;
    this.overLimit = false;
    this.elementStart = -1;
  }

  /** Scans `bytes` from `from`; complete elements are appended to `elements`. */
  scan(bytes: Uint8Array, from: number): void {
    const length = bytes.length;
    let i = from;
    // An element cut at the previous chunk's end continues from the start of this one.
    if (this.parts.length > 0 || this.overLimit) this.elementStart = from;
    while (i < length) {
      if (this.closed) {
        const byte = bytes[i] as number;
        if (byte === NEWLINE) this.line += 1;
        else if (byte !== 32 && byte !== 9 && byte !== 13) this.trailing = true;
        i += 1;
        continue;
      }
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i += 1;
          continue;
        }
        const quote = bytes.indexOf(QUOTE, i);
        const stop = quote < 0 ? length : quote;
        let backslashes = 0;
        for (let k = stop - 1; k >= i && bytes[k] === BACKSLASH; k -= 1) backslashes += 1;
        if (quote < 0) {
          this.escaped = backslashes % 2 === 1;
          i = length;
        } else {
          if (backslashes % 2 === 0) this.inString = false;
          i = quote + 1;
        }
        continue;
      }
      const byte = bytes[i] as number;
      switch (byte) {
        case NEWLINE:
          this.line += 1;
          break;
        case 32:
        case 9:
        case 13:
          break;
        case QUOTE:
          if (this.depth === 1) this.begin(i);
          this.inString = true;
          break;
        case 123: // {
        case 91: // [
          if (this.depth === 1) this.begin(i);
          this.depth += 1;
          break;
        case 125: // }
        case 93: // ]
          this.depth -= 1;
          if (this.depth === 0) {
            this.finish(bytes, i);
            this.closed = true;
          }
          break;
        case 44: // ,
          if (this.depth === 1) this.finish(bytes, i);
          break;
        default:
          if (this.depth === 1) this.begin(i);
      }
      i += 1;
    }
    if (this.elementStart >= 0) {
      this.partsBytes += length - this.elementStart;
      if (this.partsBytes > this.maxElementBytes) {
        this.overLimit = true;
        this.parts = [];
      } else {
        this.parts.push(bytes.slice(this.elementStart));
      }
      this.elementStart = -1;
    }
  }
}

/**
 * A JSON array of records, read element by element: memory holds one element, never the whole file. A file
 * whose first character is not `[` is read as JSON Lines instead (many .json files are).
 */
export async function* readJsonArray(
  source: AsyncIterable<Uint8Array>,
  options: TextReadOptions,
): AsyncGenerator<ReadEvent> {
  const iterator = skipBom(source)[Symbol.asyncIterator]();
  const limits = options.limits ?? DEFAULT_RECORD_LIMITS;
  const seen: Uint8Array[] = [];
  let firstByte = -1;
  let firstOffset = 0;
  let bytesRead = 0;
  try {
    while (firstByte < 0) {
      const next = await iterator.next();
      if (next.done) break;
      seen.push(next.value);
      bytesRead += next.value.byteLength;
      const chunk = next.value;
      let i = 0;
      while (i < chunk.length && (chunk[i] === 32 || chunk[i] === 9 || chunk[i] === 13 || chunk[i] === NEWLINE)) i += 1;
      if (i < chunk.length) {
        firstByte = chunk[i] as number;
        firstOffset = i;
      }
    }
  } catch (error) {
    yield failed(options.fileName, 1, errorMessage(error));
    return;
  }
  if (bytesRead === 0) {
    yield rejected(options.fileName, 1, EMPTY_FILE);
    return;
  }
  if (firstByte !== 91) {
    yield* readJsonLines(replay(seen, iterator), options);
    return;
  }

  const field = options.textField ?? DEFAULT_TEXT_FIELD;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const scanner = new ArrayElementScanner(limits.maxRecordBytes);
  const emit = function* (): Generator<ReadEvent> {
    for (const element of scanner.elements) {
      if (element.bytes === null) {
        yield rejected(options.fileName, element.line, recordTooLargeReason(element.size, limits));
        continue;
      }
      let json: string;
      try {
        json = decoder.decode(element.bytes);
      } catch (error) {
        yield rejected(options.fileName, element.line, decodeFailure(error, element.size));
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (error) {
        const reason = error instanceof SyntaxError ? `invalid JSON: ${error.message}` : `cannot parse this element: ${errorMessage(error)}`;
        yield rejected(options.fileName, element.line, reason);
        continue;
      }
      const result = parseRecord(value, field, limits);
      if (result.ok) yield { kind: 'record', line: element.line, document: result.document };
      else yield rejected(options.fileName, element.line, result.reason);
    }
    scanner.elements.length = 0;
  };

  const lastSeen = seen.length - 1;
  try {
    for (const [index, chunk] of seen.entries()) {
      if (index < lastSeen) {
        for (const byte of chunk) if (byte === NEWLINE) scanner.line += 1;
        continue;
      }
      for (let i = 0; i < firstOffset; i += 1) if (chunk[i] === NEWLINE) scanner.line += 1;
      scanner.depth = 1;
      scanner.scan(chunk, firstOffset + 1);
      yield* emit();
    }
    yield { kind: 'progress', bytesRead };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      bytesRead += next.value.byteLength;
      scanner.scan(next.value, 0);
      yield* emit();
      yield { kind: 'progress', bytesRead };
    }
  } catch (error) {
    yield failed(options.fileName, scanner.line, errorMessage(error));
    return;
  }
  if (!scanner.closed) {
    const line = scanner.insideElement ? scanner.openElementLine : scanner.line;
    yield failed(options.fileName, line, 'the JSON array is not closed with "]" (file truncated?)');
  } else if (scanner.trailing) {
    yield rejected(options.fileName, scanner.line, 'unexpected content after the closing "]" of the JSON array');
  }
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    line += 1;
    start = end + 1;
  }
  return line;
}

/** A .txt or .md file is one document; its file name is kept in metadata. */
export async function* readPlainText(
  source: AsyncIterable<Uint8Array>,
  options: { fileName: string; limits?: RecordLimits },
): AsyncGenerator<ReadEvent> {
  const limits = options.limits ?? DEFAULT_RECORD_LIMITS;
  let parts: Uint8Array[] = [];
  let bytesRead = 0;
  try {
    for await (const chunk of source) {
      bytesRead += chunk.byteLength;
      // Over the limit the file is only counted, never held.
      if (bytesRead <= limits.maxRecordBytes) parts.push(chunk.slice());
      else parts = [];
      yield { kind: 'progress', bytesRead };
    }
  } catch (error) {
    yield failed(options.fileName, 1, errorMessage(error));
    return;
  }
  if (bytesRead === 0) {
    yield rejected(options.fileName, 1, EMPTY_FILE);
    return;
  }
  if (bytesRead > limits.maxRecordBytes) {
    yield rejected(options.fileName, 1, recordTooLargeReason(bytesRead, limits));
    return;
  }
  const bytes = concatBytes(parts);
  let text: string;
  try {
    // The decoder drops a leading UTF-8 BOM.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const reason = decodeFailure(error, bytes.byteLength);
    yield rejected(options.fileName, error instanceof TypeError ? firstInvalidUtf8Line(bytes) : 1, reason);
    return;
  }
  if (text.trim() === '') {
    yield rejected(options.fileName, 1, 'file has no text (only whitespace)');
    return;
  }
  yield { kind: 'record', line: 1, document: { url: null, date: null, text, metadata: { file: options.fileName } } };
}

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
 * column yields a single rejection naming the columns it has.
 */
export async function* readParquet(
  file: AsyncBuffer,
  options: { fileName: string; textColumn?: string; limits?: RecordLimits },
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

/**
 * String fields seen in the first lines of a JSON Lines (or JSON array) sample, most frequent first, for
 * choosing the text field. A cut-off last line is ignored.
 */
export function jsonlFields(sampleBytes: Uint8Array): string[] {
  const start = sampleBytes.findIndex((byte) => byte !== 32 && byte !== 9 && byte !== 13 && byte !== NEWLINE && byte !== 0xef && byte !== 0xbb && byte !== 0xbf);
  let samples: string[];
  if (sampleBytes[start] === 91) {
    const scanner = new ArrayElementScanner();
    scanner.depth = 1;
    scanner.scan(sampleBytes, start + 1);
    samples = scanner.elements.map((element) => (element.bytes ? new TextDecoder('utf-8').decode(element.bytes) : ''));
  } else {
    samples = new TextDecoder('utf-8').decode(sampleBytes).split('\n');
    if (samples.length > 1) samples.pop();
  }
  const counts = new Map<string, number>();
  for (const sample of samples.slice(0, 200)) {
    let value: unknown;
    try {
      value = JSON.parse(sample);
    } catch {
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const preferDefault = (key: string) => (key === DEFAULT_TEXT_FIELD ? 0 : 1);
  return [...counts.entries()]
    .sort((a, b) => preferDefault(a[0]) - preferDefault(b[0]) || b[1] - a[1])
    .map(([key]) => key);
}
