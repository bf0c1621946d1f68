/**
 * Request/reply over a Worker: every request carries an id, the worker answers it once (or fails it), and may send
 * progress for it before. One helper for every worker client in the lab.
 */
export type RpcMessage<T> = T & { requestId: number };
export type RpcReply<TReply, TProgress> =
  | { requestId: number; kind: 'reply'; reply: TReply }
  | { requestId: number; kind: 'progress'; progress: TProgress }
  | { requestId: number; kind: 'failed'; message: string };

interface Pending<TReply, TProgress> {
  resolve(reply: TReply): void;
  reject(error: Error): void;
  onProgress?: (progress: TProgress) => void;
}

export function createRpcClient<TRequest, TReply, TProgress = never>(createWorker: () => Worker, workerName: string) {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending<TReply, TProgress>>();

  function failAll(message: string) {
    for (const waiting of pending.values()) waiting.reject(new Error(message));
    pending.clear();
  }

  function ensureWorker(): Worker {
    if (worker) return worker;
    worker = createWorker();
    worker.onmessage = (event: MessageEvent<RpcReply<TReply, TProgress>>) => {
      const message = event.data;
      const waiting = pending.get(message.requestId);
      if (!waiting) return;
      if (message.kind === 'progress') return waiting.onProgress?.(message.progress);
      pending.delete(message.requestId);
      if (message.kind === 'failed') waiting.reject(new Error(message.message));
      else waiting.resolve(message.reply);
    };
    worker.onerror = (event) => {
      failAll(`The ${workerName} stopped: ${event.message}`);
      worker?.terminate();
      worker = null;
    };
    return worker;
  }

  return {
    request(request: TRequest, onProgress?: (progress: TProgress) => void): Promise<TReply> {
      const requestId = nextId++;
      return new Promise<TReply>((resolve, reject) => {
        pending.set(requestId, { resolve, reject, onProgress });
        ensureWorker().postMessage({ ...request, requestId });
      });
    },
    /** Stops the worker; what it was doing is failed, and the next request starts a fresh one. */
    terminate() {
      worker?.terminate();
      worker = null;
      failAll(`The ${workerName} was stopped.`);
    },
  };
}

/** The worker's side: answers each request with the handler's result, or fails it with the error's message. */
export function serveRpc<TRequest, TReply, TProgress = never>(handle: (request: TRequest, progress: (p: TProgress) => void) => Promise<TReply>) {
  const scope = self as unknown as { onmessage: ((event: MessageEvent<RpcMessage<TRequest>>) => void) | null; postMessage(message: RpcReply<TReply, TProgress>): void };
  scope.onmessage = (event) => {
    const { requestId } = event.data;
    handle(event.data, (progress) => scope.postMessage({ requestId, kind: 'progress', progress })).then(
      (reply) => scope.postMessage({ requestId, kind: 'reply', reply }),
      (error: unknown) => scope.postMessage({ requestId, kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };
}
