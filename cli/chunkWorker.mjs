// A worker thread of chunkPool.mjs: loads src/core once, then hashes and chunks each batch it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { importTypeScript } from './loadTypeScript.mjs';
import { chunkDocuments } from './chunkDocuments.mjs';

const core = await importTypeScript('cli/core.ts');
parentPort.on('message', ({ id, documents }) => {
  try {
    parentPort.postMessage({ id, results: chunkDocuments(core, documents, workerData.options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
