import { DEFAULT_RECORD_LIMITS, recordTooLargeReason, type RecordLimits } from '../document';
import { concatBytes, NEWLINE } from './bytes';
import { decodeFailure, EMPTY_FILE, errorMessage, failed, rejected, type ReadEvent } from './readEvent';

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

/** A .txt or .md file (or pasted text) is one document; its file name is kept in metadata. */
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
