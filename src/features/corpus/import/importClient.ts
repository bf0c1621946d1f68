import type { ChunkOptionsRecord } from '../../../core/records/corpus';
import type { ImportJob, ImportProgress, ImportWorkerReply, ImportWorkerRequest } from './protocol';

export type ImportOutcome =
  | { kind: 'done'; sourceId: string; progress: ImportProgress }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; hint: string };

/** Runs imports and re-chunking in a worker, one at a time, so the page stays responsive. */
export function createImportClient() {
  let worker: Worker | null = null;

  function ensureWorker(): Worker {
    worker ??= new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    return worker;
  }

  function run(request: ImportWorkerRequest, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome> {
    const w = ensureWorker();
    return new Promise((resolve) => {
      w.onmessage = (event: MessageEvent<ImportWorkerReply>) => {
        const message = event.data;
        if (message.type === 'progress') onProgress(message.progress);
        else if (message.type === 'done') resolve({ kind: 'done', sourceId: message.sourceId, progress: message.progress });
        else if (message.type === 'cancelled') resolve({ kind: 'cancelled' });
        else resolve({ kind: 'failed', message: message.message, hint: message.hint });
      };
      w.onerror = (event) => {
        worker = null;
        resolve({ kind: 'failed', message: `The import worker crashed: ${event.message}`, hint: 'Reload the page; unfinished imports are removed on start.' });
      };
      w.postMessage(request);
    });
  }

  return {
    import: (job: ImportJob, chunkOptions: ChunkOptionsRecord, onProgress: (p: ImportProgress) => void) =>
      run({ type: 'import', job, chunkOptions }, onProgress),
    rechunk: (sourceId: string, chunkOptions: ChunkOptionsRecord, onProgress: (p: ImportProgress) => void) =>
      run({ type: 'rechunk', sourceId, chunkOptions }, onProgress),
    cancel: () => worker?.postMessage({ type: 'cancel' } satisfies ImportWorkerRequest),
  };
}
