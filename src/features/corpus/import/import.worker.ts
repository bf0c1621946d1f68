/// <reference lib="webworker" />
import { getDatabase } from '../../../db/database';
import { HuggingFaceError } from '../../../core/corpus/huggingface';
import { FileReadFailure, runImport, runRechunk } from './runImport';
import { createPreparePool } from './preparePool';
import { emptyProgress, HEARTBEAT_MS, type ImportProgress, type ImportWorkerReply, type ImportWorkerRequest } from './protocol';

let lastProgress: ImportProgress | null = null;

const reply = (message: ImportWorkerReply) => self.postMessage(message);

function hintFor(error: unknown): string {
  if (error instanceof HuggingFaceError || error instanceof FileReadFailure) return error.hint;
  return 'Check the file or settings and try again. Nothing of this import was kept.';
}

self.onmessage = async (event: MessageEvent<ImportWorkerRequest>) => {
  const request = event.data;
  // Cancel terminates this worker (see importClient), so the signal only has to exist for runImport's checks.
  const hooks = { signal: new AbortController().signal, onProgress: (progress: ImportProgress) => { lastProgress = progress; reply({ type: 'progress', progress }); } };
  // The page's watchdog stops this worker when these stop: that happens only when a loop never yields.
  const heartbeat = setInterval(() => reply({ type: 'alive' }), HEARTBEAT_MS);
  // Hashing and chunking run in workers of their own, one per spare core; this one reads and stores.
  const preparer = createPreparePool();
  try {
    const id = request.type === 'import'
      ? await runImport(getDatabase(), request.job, request.chunkOptions, { ...hooks, preparer })
      : await runRechunk(getDatabase(), request.sourceId, request.chunkOptions, hooks);
    reply({ type: 'done', sourceId: request.type === 'import' ? id : request.sourceId, progress: lastProgress ?? emptyProgress() });
  } catch (error) {
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error), hint: hintFor(error) });
  } finally {
    preparer.close();
    clearInterval(heartbeat);
    lastProgress = null;
  }
};
