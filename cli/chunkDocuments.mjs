// Hashing and chunking a batch of documents for `mind-lab chunk`: one function, run on the main thread for small
// inputs and in the worker threads of chunkPool.mjs for large ones, so both give the same lines.
import { createHash } from 'node:crypto';

/**
 * The content hash the lab uses (src/core/corpus/normalize.ts: SHA-256 of the normalized text, lower-case hex),
 * computed with node:crypto: synchronous and about twice as fast here as crypto.subtle's one promise per document.
 * cli/chunkDocuments.test.ts checks that the two agree.
 */
export const nodeContentHash = (core, text) => createHash('sha256').update(core.normalizeForDedup(text), 'utf8').digest('hex');

/**
 * For each document: its content hash, its excerpt lines (JSON, newline-terminated, as `mind-lab chunk` writes
 * them), and how many excerpts and oversized excerpts it has.
 */
export function chunkDocuments(core, documents, options) {
  return documents.map((document) => {
    const documentId = nodeContentHash(core, document.text);
    let lines = '';
    let excerpts = 0;
    let oversized = 0;
    for (const chunk of core.chunkDocument(document.text, options)) {
      excerpts += 1;
      if (chunk.oversized) oversized += 1;
      lines += `${JSON.stringify({
        documentId,
        url: document.url,
        index: chunk.index,
        text: chunk.text,
        tokens: chunk.tokens,
        start: chunk.start,
        end: chunk.end,
        mathSpans: chunk.mathSpans,
        // Only when a formula, code block or table longer than --max-tokens was kept whole.
        ...(chunk.oversized ? { oversized: true } : {}),
      })}\n`;
    }
    return { documentId, lines, excerpts, oversized };
  });
}
