import type { ChunkOptionsRecord } from '../../../core/records/corpus';

export type ImportJob =
  /**
   * `keepPartial`: when the file cannot be read to its end (a corrupt or cut-off gzip, an unclosed array, a read
   * error), keep the records read before the failure instead of nothing; the source's rejections then say so.
   */
  | { kind: 'file'; file: File; textField?: string; textColumn?: string; keepPartial?: boolean }
  | { kind: 'paste'; name: string; text: string }
  /** The bundled demo corpus, fetched from the app's own origin. */
  | { kind: 'demo'; name: string; url: string; attribution: string }
  | { kind: 'huggingface'; dataset: string; config: string; split: string; limit: number; textField?: string; token?: string; baseUrl?: string };

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number | null;
  records: number;
  documents: number;
  duplicates: number;
  rejected: number;
  excerpts: number;
  elapsedMs: number;
  /** Something the person should know while waiting, e.g. a rate-limit pause. */
  notice: string | null;
}

export type ImportWorkerRequest =
  | { type: 'import'; job: ImportJob; chunkOptions: ChunkOptionsRecord }
  | { type: 'rechunk'; sourceId: string; chunkOptions: ChunkOptionsRecord };

export type ImportWorkerReply =
  /** Sent every HEARTBEAT_MS while a task runs: a worker whose event loop is blocked stops sending it. */
  | { type: 'alive' }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; sourceId: string; progress: ImportProgress }
  | { type: 'failed'; message: string; hint: string };

export const HEARTBEAT_MS = 2_000;

export const emptyProgress = (): ImportProgress => ({
  bytesRead: 0, totalBytes: null, records: 0, documents: 0, duplicates: 0, rejected: 0, excerpts: 0, elapsedMs: 0, notice: null,
});
