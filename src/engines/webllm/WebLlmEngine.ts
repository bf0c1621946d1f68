import type { WebWorkerMLCEngine } from '@mlc-ai/web-llm';
import { EngineError } from '../../core/engine/errors';
import type {
  Engine,
  EngineCapabilities,
  GenerateRequest,
  GenerationEvent,
  LoadedModel,
  LoadProgress,
  ModelSource,
} from '../../core/engine/types';
import { artifactsAddedSince, type CacheBackend, type StoredArtifact } from './cacheInventory';
import { deleteArtifacts, listArtifacts } from './cacheStorage';
import { ChatStreamer } from './chatStream';
import { classifyModel, type WebLlmModelRecord } from './catalog';
import { createWebLlmWorker } from './createWorker';
import { loadPrebuiltCatalog } from './prebuiltCatalog';
import { probeWebGpu } from './probeWebGpu';
import { toLoadProgress } from './progress';
import { toWebLlmError } from './webllmErrors';

export interface WebLlmEngineOptions {
  cacheBackend: CacheBackend;
}

interface Session {
  worker: Worker;
  engine: WebWorkerMLCEngine;
  streamer: ChatStreamer;
  crashed: Promise<never>;
}

/**
 * web-llm on WebGPU, inside a dedicated Web Worker. The page imports web-llm only dynamically, when a model loads;
 * the worker holds the engine, so downloads and GPU work never block the UI.
 */
export class WebLlmEngine implements Engine {
  readonly kind = 'webllm' as const;
  readonly parallelRequests = false;
  private session: Session | null = null;

  constructor(private readonly options: WebLlmEngineOptions) {}

  async capabilities(): Promise<EngineCapabilities> {
    const gpu = await probeWebGpu();
    if (!gpu.available) return { engine: 'webllm', available: false, reason: `No WebGPU: ${gpu.reason}`, details: {} };
    const { adapter } = gpu;
    return {
      engine: 'webllm',
      available: true,
      details: {
        vendor: adapter.vendor,
        architecture: adapter.architecture,
        isFallbackAdapter: adapter.isFallbackAdapter,
        shaderF16: adapter.features.includes('shader-f16'),
        maxBufferSize: adapter.maxBufferSize,
      },
    };
  }

  async load(source: ModelSource, onProgress?: (progress: LoadProgress) => void): Promise<LoadedModel> {
    if (this.session) await this.unload();
    const record = await recordFor(source);
    const gpu = await probeWebGpu();
    if (!gpu.available) {
      throw new EngineError('no-webgpu', `WebGPU is not available: ${gpu.reason}.`, 'Use a recent Chrome or Edge with WebGPU enabled, or switch to the wllama CPU engine.');
    }
    const verdict = classifyModel(record, gpu).availability;
    if (!verdict.runnable) {
      throw new EngineError('unsupported-model', `${record.model_id} cannot run on this device: ${verdict.reasons.join('; ')}.`, 'Pick a model marked Runnable in the catalog (q4f32 models need no shader-f16).');
    }

    const before = await listArtifacts({ withSizes: false });
    for (let attempt = 1; ; attempt += 1) {
      let downloading = false;
      const report = (progress: LoadProgress) => {
        downloading ||= progress.loadedBytes > 0;
        onProgress?.(attempt === 1 ? progress : { ...progress, text: `${progress.text} (attempt ${attempt} of ${LOAD_ATTEMPTS})` });
      };
      try {
        return await this.startSession(record, report);
      } catch (error) {
        const failure = toWebLlmError(error, record.model_id);
        // Large downloads drop late on flaky networks (web-llm #313); a retry keeps the shards already stored.
        if (failure.code === 'network' && downloading && attempt < LOAD_ATTEMPTS) continue;
        // Whatever this load stored is removed, so no half-written model stays behind; earlier files stay.
        await removeWrittenSince(before);
        throw failure;
      }
    }
  }

  private async startSession(record: WebLlmModelRecord, onProgress: (progress: LoadProgress) => void): Promise<LoadedModel> {
    const worker = createWebLlmWorker();
    const crashed = workerCrash(worker);
    try {
      const { CreateWebWorkerMLCEngine, prebuiltAppConfig } = await import('@mlc-ai/web-llm');
      // The record the lab checked wins over a prebuilt one of the same id (a custom model may reuse an id).
      const modelList = [record, ...prebuiltAppConfig.model_list.filter((known) => known.model_id !== record.model_id)];
      const engine = await Promise.race([
        CreateWebWorkerMLCEngine(worker, record.model_id, {
          appConfig: { model_list: modelList, cacheBackend: this.options.cacheBackend },
          initProgressCallback: (report) => onProgress(toLoadProgress(report)),
        }),
        crashed,
      ]);
      this.session = { worker, engine, streamer: new ChatStreamer(engine, record.model_id, crashed), crashed };
      return {
        engine: 'webllm',
        modelName: record.model_id,
        contextLength: record.overrides?.context_window_size ?? null,
        hasChatTemplate: true,
      };
    } catch (error) {
      // Terminating stops the worker's pending downloads before the caller inspects the cache.
      worker.terminate();
      throw error;
    }
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    if (!this.session) throw new EngineError('not-loaded', 'No WebLLM model is loaded.', 'Load a model on the Models page first.');
    yield* this.session.streamer.generate(request, signal);
  }

  interrupt(): void {
    this.session?.streamer.interrupt();
  }

  async unload(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.interrupt();
    this.session = null;
    try {
      await Promise.race([session.streamer.idle().then(() => session.engine.unload()), session.crashed, delay(UNLOAD_GRACE_MS)]);
    } catch {
      // The worker is terminated below either way; that frees its GPU memory.
    } finally {
      session.worker.terminate();
    }
  }
}

/** A load that fails in the middle of downloading weights is tried this often in all. */
const LOAD_ATTEMPTS = 3;

/** How long unload waits for web-llm to release the GPU politely before the worker is terminated. */
const UNLOAD_GRACE_MS = 5000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function recordFor(source: ModelSource): Promise<WebLlmModelRecord> {
  if (source.kind === 'webllm-custom') {
    return { model: source.weightsUrl, model_id: source.modelId, model_lib: source.modelLibUrl };
  }
  if (source.kind !== 'webllm-prebuilt') {
    throw new EngineError('unsupported-model', 'WebLLM loads MLC models only.', 'Use wllama for GGUF files and the OpenAI panel for servers.');
  }
  const record = (await loadPrebuiltCatalog()).find((candidate) => candidate.model_id === source.modelId);
  if (!record) throw new EngineError('unsupported-model', `web-llm does not know the model ${source.modelId}.`, 'Pick a model from the catalog.');
  return record;
}

function workerCrash(worker: Worker): Promise<never> {
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      reject(new EngineError('engine-crashed', `The WebLLM worker crashed: ${event.message || 'unknown error'}.`, 'Load the model again; if it keeps crashing, pick a smaller model.'));
    });
  });
  crashed.catch(() => undefined);
  return crashed;
}

async function removeWrittenSince(before: readonly StoredArtifact[]): Promise<void> {
  try {
    const written = artifactsAddedSince(before, await listArtifacts({ withSizes: false }));
    await deleteArtifacts(written);
  } catch (error) {
    console.warn('Could not clean up after a failed WebLLM load', error);
  }
}
