import { DEFAULT_RECORD_LIMITS, DEFAULT_TEXT_FIELD, parseRecord, recordTooLargeReason } from '../document';
import { ArrayElementScanner } from './arrayElements';
import { isJsonWhitespace, NEWLINE, replay, skipBom } from './bytes';
import { readJsonLines } from './jsonLines';
import { decodeFailure, EMPTY_FILE, errorMessage, failed, jsonFailure, rejected, type ReadEvent, type TextReadOptions } from './readEvent';

const OPENING_BRACKET = 91;

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
      while (i < chunk.length && isJsonWhitespace(chunk[i])) i += 1;
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
  if (firstByte !== OPENING_BRACKET) {
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
        yield rejected(options.fileName, element.line, jsonFailure(error, 'element'));
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
