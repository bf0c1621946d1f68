// A worker thread of chunkPool.mjs: loads the bundled chunker once, then hashes and chunks each batch it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { chunkDocuments } from './chunkDocuments.mjs';

const core = await import(workerData.coreUrl);
parentPort.on('message', ({ id, documents }) => {
  try {
    parentPort.postMessage({ id, results: chunkDocuments(core, documents, workerData.options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
