import type { DocumentInput, RecordLimits, RejectedRecord } from '../document';

/**
 * What every corpus reader yields: records one at a time with their line (or row) number, rejections with a
 * reason, and progress. `bytesRead` in progress events counts bytes of the source given to the reader (after
 * gunzip, if any).
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

export interface TextReadOptions {
  fileName: string;
  /** Field holding the document text; "text" by default. */
  textField?: string;
  /** Bounds on each record; DEFAULT_RECORD_LIMITS by default. */
  limits?: RecordLimits;
}

export const EMPTY_FILE = 'file is empty (0 bytes)';

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function rejected(file: string, line: number, reason: string): ReadEvent {
  return { kind: 'rejected', rejected: { file, line, reason } };
}

export function failed(file: string, line: number, reason: string): ReadEvent {
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

/** The reason for a JSON text that JSON.parse refused; `what` names the unit ("line", "element"). */
export function jsonFailure(error: unknown, what: string): string {
  return error instanceof SyntaxError ? `invalid JSON: ${error.message}` : `cannot parse this ${what}: ${errorMessage(error)}`;
}
