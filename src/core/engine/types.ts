import type { ChatMessage, GenerationStats, SamplingParams } from '../types';

export type EngineKind = 'webllm' | 'wllama' | 'openai';

export interface LoadProgress {
  /** 0..1; null while the total is unknown. */
  fraction: number | null;
  loadedBytes: number;
  totalBytes: number | null;
  etaSeconds: number | null;
  text: string;
}

/** What a model source is, per engine. */
export type ModelSource =
  | { kind: 'webllm-prebuilt'; modelId: string }
  | { kind: 'webllm-custom'; modelId: string; weightsUrl: string; modelLibUrl: string }
  | { kind: 'gguf-file'; file: Blob; name: string }
  | { kind: 'gguf-url'; url: string }
  | { kind: 'openai'; baseUrl: string; apiKey?: string; model: string };

export interface LoadedModel {
  engine: EngineKind;
  /** Name shown in the UI and stored with each dialogue. */
  modelName: string;
  contextLength: number | null;
  /** True when the model ships a chat template; false means the lab's plain-text format is used. */
  hasChatTemplate: boolean | null;
}

export interface EngineCapabilities {
  engine: EngineKind;
  available: boolean;
  /** Why the engine cannot run here, when it cannot. */
  reason?: string;
  details: Record<string, string | number | boolean>;
}

export type GenerationEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; stats: GenerationStats };

export interface GenerateRequest {
  messages: ChatMessage[];
  params: SamplingParams;
}

/**
 * One LLM runtime. A generation is an async stream of text deltas that ends with one `done` event carrying stats.
 * Aborting a request's signal ends that stream early with finishReason 'abort'; `interrupt()` does so for every
 * running request. Errors are thrown as EngineError.
 */
export interface Engine {
  readonly kind: EngineKind;
  /**
   * Whether the engine serves several requests at once (a server does; an in-browser runtime runs one at a time and
   * refuses a second with 'busy').
   */
  readonly parallelRequests: boolean;
  capabilities(): Promise<EngineCapabilities>;
  load(source: ModelSource, onProgress?: (progress: LoadProgress) => void): Promise<LoadedModel>;
  generate(request: GenerateRequest, signal?: AbortSignal): AsyncIterable<GenerationEvent>;
  interrupt(): void;
  unload(): Promise<void>;
  /** Exact token count with the loaded model's tokenizer, where the runtime exposes one. */
  countTokens?(text: string): Promise<number>;
}

/** Aborts `controller` when `signal` aborts; returns a function that stops listening. */
export function followSignal(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => undefined;
  }
  const abort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}
