// Hashing and chunking spread over worker threads for `mind-lab chunk` on large inputs; results come back in the
// order the batches were sent, so the output keeps the input's order and dedup keeps the first copy.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { chunkDocuments } from './chunkDocuments.mjs';
import { bundleTypeScript } from './loadTypeScript.mjs';

/** Worker threads for `mind-lab chunk`: one per core, the reading and writing thread sharing a core with one. */
export const chunkThreads = () => Math.max(1, availableParallelism());

/** Hashes and chunks on this thread: for small inputs, where bundling the chunker and starting workers costs more. */
export function inThreadChunker(core, options) {
  return { submit: async (documents) => chunkDocuments(core, documents, options), parallelism: 1, close: async () => {} };
}

/**
 * A pool of `threads` workers. `submit(documents)` resolves with that batch's results; at most `parallelism`
 * batches should be awaited at once (the caller keeps that many in flight, so memory stays bounded).
 */
export async function workerChunker(options, threads = chunkThreads()) {
  const bundleDir = await mkdtemp(join(tmpdir(), 'mind-lab-chunker-'));
  let workers;
  try {
    const coreUrl = await bundleTypeScript('cli/chunkCore.ts', bundleDir);
    const started = await Promise.allSettled(Array.from({ length: threads }, () => startWorker(options, coreUrl)));
    workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw failed.reason;
    }
  } catch (error) {
    await rm(bundleDir, { recursive: true, force: true });
    throw error;
  }
  const idle = [...workers];
  const queue = [];
  const pending = new Map();
  let nextId = 0;
  let failure = null;
  const dispatch = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop();
      const job = queue.shift();
      pending.set(job.id, { ...job, worker });
      worker.postMessage({ id: job.id, documents: job.documents });
    }
  };
  for (const worker of workers) {
    worker.on('message', ({ id, results, error }) => {
      const job = pending.get(id);
      if (!job) return;
      pending.delete(id);
      idle.push(worker);
      if (error) job.reject(new Error(error));
      else job.resolve(results);
      dispatch();
    });
    worker.on('error', (error) => {
      failure = error;
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
  }
  return {
    parallelism: threads,
    submit(documents) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, documents, resolve, reject });
        dispatch();
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
      await rm(bundleDir, { recursive: true, force: true });
    },
  };
}

function startWorker(options, coreUrl) {
  const worker = new Worker(new URL('./chunkWorker.mjs', import.meta.url), { workerData: { options, coreUrl } });
  return new Promise((resolve, reject) => {
    const ready = (message) => {
      if (!message?.ready) return;
      worker.off('message', ready);
      resolve(worker);
    };
    worker.on('message', ready);
    worker.once('error', reject);
  });
}
