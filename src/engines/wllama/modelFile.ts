import { EngineError } from '../../core/engine/errors';
import type { LoadProgress } from '../../core/engine/types';
import type { GgufCheckReply, GgufCheckRequest } from './ggufCheck.worker';
import { inspectGguf, type GgufInspection, type GgufSummary } from './ggufHeader';

const FIRST_READ_BYTES = 1 << 20;
/** Headers of real models (vocabularies of 250k tokens) stay well below this. */
const MAX_HEADER_BYTES = 256 << 20;
/** The header check reads a few MiB at most for real models; a worker silent this long is stuck and is stopped. */
export const GGUF_CHECK_TIMEOUT_MS = 30_000;

const badFile = (name: string, problem: string, hint: string) =>
  new EngineError('bad-model-file', `${name} ${problem}`, hint);

/** The summary of a sound file, or the EngineError('bad-model-file') that says what is wrong with it. */
function summaryOrThrow(result: GgufInspection, name: string): GgufSummary | 'need-more-bytes' {
  switch (result.kind) {
    case 'ok':
      return result.summary;
    case 'empty':
      throw badFile(name, 'is empty (0 bytes).', 'Pick the .gguf model file itself; an interrupted download or copy can leave an empty file.');
    case 'not-gguf':
      throw badFile(
        name,
        `is not a GGUF model: it starts with "${result.firstBytes}", not "GGUF".`,
        'wllama runs llama.cpp models in the GGUF format (.gguf). Convert the model with llama.cpp\'s convert_hf_to_gguf.py or download a GGUF build of it.',
      );
    case 'unsupported-version':
      throw badFile(name, `is GGUF version ${result.version}, which this engine does not know.`, 'Use a GGUF file of version 1 to 3 (any recent llama.cpp conversion).');
    case 'corrupt':
      throw badFile(name, `has a damaged GGUF header (${result.reason}).`, 'Download or convert the model again.');
    case 'truncated': {
      const expected = result.expectedBytes === null ? '' : ` of the ${result.expectedBytes.toLocaleString('en')} it needs`;
      throw badFile(
        name,
        `is cut off: it has ${result.actualBytes.toLocaleString('en')} bytes${expected}.`,
        'The download or copy was interrupted. Download the model again and check its size (or sha256) against the source.',
      );
    }
    case 'need-more-bytes':
      return 'need-more-bytes';
  }
}

/** Without workers (Node, tests): reads growing prefixes on the calling thread. */
async function checkOnThisThread(blob: Blob, name: string): Promise<GgufSummary> {
  let length = Math.min(blob.size, FIRST_READ_BYTES);
  for (;;) {
    const prefix = new Uint8Array(await blob.slice(0, length).arrayBuffer());
    const summary = summaryOrThrow(inspectGguf(prefix, blob.size), name);
    if (summary !== 'need-more-bytes') return summary;
    if (length >= MAX_HEADER_BYTES) throw badFile(name, 'has a GGUF header larger than 256 MiB.', 'This is not a model file the lab can read.');
    length = Math.min(blob.size, length * 4);
  }
}

/**
 * In a worker (the page stays responsive), stopped after `timeoutMs` whatever the header makes it do, or at once
 * when `signal` aborts (the load was cancelled): terminate() needs no cooperation from the worker.
 */
function checkInWorker(blob: Blob, name: string, timeoutMs: number, signal?: AbortSignal): Promise<GgufSummary> {
  const worker = new Worker(new URL('./ggufCheck.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<GgufSummary>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      reject(badFile(name, `could not be checked: reading its GGUF header took over ${Math.round(timeoutMs / 1000)} s.`, 'The file is damaged or not a model the lab can read. Download or convert the model again.'));
    }, timeoutMs);
    function onAbort() {
      clearTimeout(timer);
      worker.terminate();
      reject(signal?.reason ?? new DOMException('The model check was cancelled.', 'AbortError'));
    }
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (action: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      try {
        action();
      } catch (error) {
        reject(error);
      }
    };
    worker.onmessage = (event: MessageEvent<GgufCheckReply>) => settle(() => {
      const reply = event.data;
      if (reply.kind === 'error') throw badFile(name, `could not be checked (${reply.message}).`, 'Download or convert the model again.');
      const summary = summaryOrThrow(reply.result, name);
      // The worker reads the whole file, so it never needs more bytes.
      if (summary === 'need-more-bytes') throw badFile(name, 'has a GGUF header that does not end.', 'Download or convert the model again.');
      resolve(summary);
    });
    worker.onerror = (event) => settle(() => {
      throw badFile(name, `could not be checked: ${event.message}.`, 'Download or convert the model again.');
    });
    worker.postMessage({ blob } satisfies GgufCheckRequest);
  });
}

/**
 * Checks that a Blob is a complete GGUF model, reading only its header. Throws EngineError('bad-model-file').
 * In a browser the check runs in a worker with a timeout, so no header, however hostile, can freeze the page;
 * `signal` stops it at once (the worker is terminated).
 */
export async function checkGgufBlob(
  blob: Blob,
  name: string,
  { timeoutMs = GGUF_CHECK_TIMEOUT_MS, signal }: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<GgufSummary> {
  if (typeof Worker === 'undefined') {
    signal?.throwIfAborted();
    return checkOnThisThread(blob, name);
  }
  return checkInWorker(blob, name, timeoutMs, signal);
}

/** Progress of a transfer: fraction, and an ETA from the average rate so far. */
export function transferProgress(loadedBytes: number, totalBytes: number | null, elapsedMs: number, text: string): LoadProgress {
  const fraction = totalBytes ? Math.min(1, loadedBytes / totalBytes) : null;
  const rate = elapsedMs > 0 ? loadedBytes / elapsedMs : 0;
  const etaSeconds = totalBytes && rate > 0 ? Math.max(0, (totalBytes - loadedBytes) / rate / 1000) : null;
  return { fraction, loadedBytes, totalBytes, etaSeconds, text };
}

/** Downloads a model with progress. The whole file is kept in memory as a Blob (wllama reads it from there). */
export async function downloadModel(url: string, onProgress: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    throw new EngineError(
      'network',
      `Could not download ${url}: ${error instanceof Error ? error.message : String(error)}.`,
      'Check the URL and your connection. A server on another origin must allow CORS (Access-Control-Allow-Origin), or download the file and pick it as a local file instead.',
      { cause: error },
    );
  }
  if (!response.ok || !response.body) {
    throw new EngineError('network', `Could not download ${url}: HTTP ${response.status}.`, 'Check that the URL points at a .gguf file that exists (404) and is public (401/403).');
  }
  const header = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(header) && header > 0 ? header : null;
  const started = performance.now();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loadedBytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loadedBytes += value.byteLength;
    onProgress(transferProgress(loadedBytes, totalBytes, performance.now() - started, 'Downloading the model…'));
  }
  if (totalBytes !== null && loadedBytes !== totalBytes) {
    throw new EngineError('network', `The download of ${url} stopped after ${loadedBytes} of ${totalBytes} bytes.`, 'Try again; nothing was kept of the partial download.');
  }
  return new Blob(chunks);
}

export const fileNameOfUrl = (url: string): string => {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
};
