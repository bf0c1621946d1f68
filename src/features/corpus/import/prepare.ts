import { chunkDocument } from '../../../core/chunking/chunk';
import { contentHash } from '../../../core/corpus/normalize';
import type { ChunkOptionsRecord } from '../../../core/records/corpus';
import type { ChunkSpan } from '../../../db/excerptBlocks';

/** What storing a document needs besides the document: its dedup hash and its excerpts as offsets. */
export interface PreparedText {
  contentHash: string;
  excerpts: ChunkSpan[];
}

/** Hashes and chunks batches of document texts; the import stores the results in the order it sent the batches. */
export interface Preparer {
  prepare(texts: string[], options: ChunkOptionsRecord): Promise<PreparedText[]>;
  /** How many batches it works on at once: the import keeps that many (plus one) in flight. */
  readonly parallelism: number;
  close(): void;
}

/** Longest stretch of synchronous work between two turns of the event loop (see pauser). */
const BUSY_SLICE_MS = 200;

/**
 * Returns a function that, once BUSY_SLICE_MS of work has passed since the last pause, gives the event loop a
 * turn: a worker's heartbeat then keeps reaching the page while a batch of long documents is chunked, so only a
 * worker that is really stuck looks stuck to the watchdog.
 */
export function pauser(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < BUSY_SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}

export function excerptSpans(text: string, options: ChunkOptionsRecord): ChunkSpan[] {
  return chunkDocument(text, options).map((c) => ({
    index: c.index, start: c.start, end: c.end, tokens: c.tokens, mathSpans: c.mathSpans, oversized: c.oversized,
  }));
}

/** Hashes and chunks `texts` on this thread, giving the event loop a turn every BUSY_SLICE_MS. */
export async function prepareTexts(texts: readonly string[], options: ChunkOptionsRecord, onBusy?: () => void): Promise<PreparedText[]> {
  const hashes = await Promise.all(texts.map((text) => contentHash(text)));
  const pauseIfBusy = pauser();
  const prepared: PreparedText[] = [];
  for (const [i, text] of texts.entries()) {
    prepared.push({ contentHash: hashes[i]!, excerpts: excerptSpans(text, options) });
    onBusy?.();
    await pauseIfBusy();
  }
  return prepared;
}

/** Prepares on the writer's own thread: for tests and for platforms without workers. */
export function inThreadPreparer(): Preparer {
  return { prepare: (texts, options) => prepareTexts(texts, options), parallelism: 1, close: () => {} };
}
