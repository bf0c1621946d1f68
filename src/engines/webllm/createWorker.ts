/** One dedicated worker running web-llm; Vite bundles the worker and web-llm into their own chunk. */
export function createWebLlmWorker(): Worker {
  return new Worker(new URL('./webllm.worker.ts', import.meta.url), { type: 'module', name: 'webllm' });
}
