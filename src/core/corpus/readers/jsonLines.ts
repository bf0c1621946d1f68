import { DEFAULT_RECORD_LIMITS, DEFAULT_TEXT_FIELD, parseRecord, recordTooLargeReason, type RecordLimits } from '../document';
import { concatBytes, NEWLINE, skipBom } from './bytes';
import { decodeFailure, EMPTY_FILE, errorMessage, failed, jsonFailure, rejected, type ReadEvent, type TextReadOptions } from './readEvent';

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
      yield rejected(this.fileName, this.line, jsonFailure(error, 'line'));
      return;
    }
    const result = parseRecord(value, this.textField, this.limits);
    if (result.ok) yield { kind: 'record', line: this.line, document: result.document };
    else yield rejected(this.fileName, this.line, result.reason);
  }
}

/**
 * JSON Lines: one JSON object per line; blank lines are skipped; a UTF-8 BOM at the start is ignored. Memory holds
 * one block of lines at a time. A line longer than `maxRecordBytes` is skipped as it streams by (never held) and
 * rejected with the limit's name.
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
