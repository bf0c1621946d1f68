/// <reference lib="webworker" />
import { getDatabase } from '../../../db/database';
import { HuggingFaceError } from '../../../core/corpus/huggingface';
import { runImport, runRechunk } from './runImport';
import { emptyProgress, type ImportProgress, type ImportWorkerReply, type ImportWorkerRequest } from './protocol';

let controller: AbortController | null = null;
let lastProgress: ImportProgress | null = null;

const reply = (message: ImportWorkerReply) => self.postMessage(message);

function hintFor(error: unknown): string {
  if (error instanceof HuggingFaceError) return error.hint;
  return 'Check the file or settings and try again. Nothing of this import was kept.';
}

self.onmessage = async (event: MessageEvent<ImportWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    controller?.abort();
    return;
  }
  controller = new AbortController();
  const hooks = { signal: controller.signal, onProgress: (progress: ImportProgress) => { lastProgress = progress; reply({ type: 'progress', progress }); } };
  try {
    const id = request.type === 'import'
      ? await runImport(getDatabase(), request.job, request.chunkOptions, hooks)
      : await runRechunk(getDatabase(), request.sourceId, request.chunkOptions, hooks);
    reply({ type: 'done', sourceId: request.type === 'import' ? id : request.sourceId, progress: lastProgress ?? emptyProgress() });
  } catch (error) {
    if (controller.signal.aborted) reply({ type: 'cancelled' });
    else reply({ type: 'failed', message: error instanceof Error ? error.message : String(error), hint: hintFor(error) });
  } finally {
    controller = null;
    lastProgress = null;
  }
};
