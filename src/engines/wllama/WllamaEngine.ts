import type { ChatCompletionChunk, RawCompletionChunk, Wllama } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { formatPlainTextPrompt } from '../../core/prompts/plainTextFormat';
import type { FinishReason } from '../../core/types';
import { EngineError } from '../../core/engine/errors';
import { StatsClock } from '../../core/engine/stats';
import { followSignal, type Engine, type EngineCapabilities, type GenerateRequest, type GenerationEvent, type LoadedModel, type LoadProgress, type ModelSource } from '../../core/engine/types';
import { isCrash, overflowCounts, toEngineError } from './errors';
import { checkGgufBlob, downloadModel, fileNameOfUrl } from './modelFile';
import { defaultThreadCount } from './threads';
import { supportsJspi, supportsMemory64 } from './wasmFeatures';

export const DEFAULT_CONTEXT_SIZE = 2048;

export interface WllamaEngineOptions {
  /** Tokens of context (prompt + completion) to allocate; the model's own maximum when smaller. */
  contextSize?: number;
  /** Defaults to defaultThreadCount() for this browser. */
  threads?: number;
}

interface Loaded {
  wllama: Wllama;
  model: LoadedModel;
  contextLength: number;
}

type Chunk = RawCompletionChunk | ChatCompletionChunk;

const textOf = (chunk: Chunk): string => {
  const choice = chunk.choices[0];
  if (!choice) return '';
  return 'text' in choice ? choice.text : (choice.delta.content ?? '');
};

/**
 * llama.cpp compiled to WebAssembly, on the CPU. wllama runs the model in its own worker, so the page stays
 * responsive. Models with a chat template are prompted through it; models without one get the lab's plain-text
 * format (src/core/prompts/plainTextFormat.ts).
 */
export class WllamaEngine implements Engine {
  readonly kind = 'wllama' as const;
  readonly parallelRequests = false;
  private loaded: Loaded | null = null;
  private running: AbortController | null = null;

  constructor(private readonly options: WllamaEngineOptions = {}) {}

  get threads(): number {
    return this.options.threads ?? defaultThreadCount(navigator.hardwareConcurrency, globalThis.crossOriginIsolated === true);
  }

  async capabilities(): Promise<EngineCapabilities> {
    const memory64 = supportsMemory64();
    return {
      engine: 'wllama',
      available: memory64,
      ...(memory64 ? {} : { reason: 'This browser lacks WebAssembly Memory64, which the wllama build needs. Use a current Chrome, Edge or Firefox.' }),
      details: {
        threads: this.threads,
        hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
        jspi: supportsJspi(),
        memory64,
      },
    };
  }

  async load(source: ModelSource, onProgress: (progress: LoadProgress) => void = () => undefined): Promise<LoadedModel> {
    if (source.kind !== 'gguf-file' && source.kind !== 'gguf-url') {
      throw new EngineError('unsupported-model', `wllama loads GGUF files, not ${source.kind} models.`, 'Pick a .gguf file or enter the URL of one.');
    }
    await this.unload();
    const name = source.kind === 'gguf-file' ? source.name : fileNameOfUrl(source.url);
    const blob = source.kind === 'gguf-file' ? source.file : await downloadModel(source.url, onProgress);
    const size = blob.size;
    const step = (fraction: number, text: string) =>
      onProgress({ fraction, loadedBytes: Math.round(size * fraction), totalBytes: size, etaSeconds: null, text });

    step(0, 'Checking the GGUF header…');
    const summary = await checkGgufBlob(blob, name);
    const contextSize = Math.min(this.options.contextSize ?? DEFAULT_CONTEXT_SIZE, summary.contextLength ?? Infinity);

    step(0.1, 'Starting the WebAssembly engine…');
    const { Wllama, LoggerWithoutDebug } = await import('@wllama/wllama');
    const wllama = new Wllama({ default: wasmUrl }, { logger: LoggerWithoutDebug, suppressNativeLog: true });
    // The lab runs offline: never fetch wllama's "compat" build from a CDN (it is only for browsers without JSPI or
    // Memory64, where capabilities() already says the engine is unavailable).
    wllama.setCompat(null);
    try {
      await wllama.loadModel([blob], { n_ctx: contextSize, n_threads: this.threads, n_gpu_layers: 0 });
    } catch (error) {
      await wllama.exit().catch(() => undefined);
      throw toEngineError(error, 'load');
    }
    const info = wllama.getLoadedContextInfo();
    // wllama 3.13 does not check llama.cpp's load result: a model it could not build comes back "loaded" and empty.
    if (!(info.n_ctx > 0 && info.n_vocab > 0)) {
      await wllama.exit().catch(() => undefined);
      throw new EngineError(
        'unsupported-model',
        `wllama could not load the model in ${name} (architecture "${summary.architecture ?? 'unknown'}").`,
        'The file is valid GGUF, but this llama.cpp build cannot run it: check that its architecture is a supported one, or convert it with a current llama.cpp.',
      );
    }
    const model: LoadedModel = {
      engine: 'wllama',
      modelName: name,
      contextLength: info.n_ctx,
      hasChatTemplate: wllama.getChatTemplate() !== null,
    };
    this.loaded = { wllama, model, contextLength: info.n_ctx };
    step(1, `Loaded: ${info.n_ctx} tokens of context, ${wllama.getNumThreads()} thread(s).`);
    return model;
  }

  async *generate({ messages, params }: GenerateRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const loaded = this.requireLoaded();
    if (this.running) throw new EngineError('busy', 'A generation is already running.', 'Wait for it to finish or press Stop.');
    const controller = new AbortController();
    const unfollow = followSignal(signal, controller);
    this.running = controller;
    const clock = new StatsClock();
    let promptTokens = 0;
    let completionTokens = 0;
    let deltas = 0;
    let finishReason: FinishReason = 'stop';
    try {
      const sampling = {
        stream: true as const,
        abortSignal: controller.signal,
        temperature: params.temperature,
        top_p: params.topP,
        max_tokens: params.maxTokens,
        seed: params.seed,
        // Prompt progress chunks carry the prompt's token count, which a stopped stream would otherwise never get.
        return_progress: true,
      };
      let stream: AsyncIterable<Chunk>;
      if (loaded.model.hasChatTemplate) {
        const options = { ...sampling, messages, stop: params.stop };
        stream = await loaded.wllama.createChatCompletion(options);
      } else {
        const { prompt, stop } = formatPlainTextPrompt(messages);
        stream = await loaded.wllama.createCompletion({ ...sampling, prompt, stop: [...stop, ...params.stop] });
      }
      for await (const chunk of stream) {
        const text = textOf(chunk);
        if (text) {
          clock.markToken();
          deltas += 1;
          yield { type: 'delta', text };
        }
        const reason = chunk.choices[0]?.finish_reason;
        if (reason) finishReason = reason === 'length' ? 'length' : 'stop';
        if (chunk.prompt_progress) promptTokens = chunk.prompt_progress.total;
        if (chunk.timings) {
          promptTokens = chunk.timings.prompt_n + chunk.timings.cache_n;
          completionTokens = chunk.timings.predicted_n;
        }
        if (chunk.usage) {
          promptTokens = chunk.usage.prompt_tokens;
          completionTokens = chunk.usage.completion_tokens;
        }
      }
    } catch (error) {
      if (!controller.signal.aborted || isCrash(error)) throw this.fail(error, loaded);
      finishReason = 'abort';
    } finally {
      unfollow();
      this.running = null;
    }
    // A stopped stream carries no usage: each streamed delta is one sampled token.
    yield { type: 'done', stats: clock.finish(promptTokens, Math.max(completionTokens, deltas), finishReason) };
  }

  interrupt(): void {
    this.running?.abort();
  }

  async unload(): Promise<void> {
    this.running?.abort();
    const loaded = this.loaded;
    this.loaded = null;
    if (loaded) await loaded.wllama.exit().catch(() => undefined);
  }

  /**
   * wllama 3.13 has no tokenize call, so this evaluates the text as a prompt (plus one sampled token) and reads the
   * prompt size from the usage; a text longer than the context is counted from the overflow error. The BOS token the
   * model adds is not counted.
   */
  async countTokens(text: string): Promise<number> {
    const loaded = this.requireLoaded();
    // Counting runs the prompt through llama.cpp: it must not start a second completion beside a running one.
    if (this.running) throw new EngineError('busy', 'The model is generating; count again when it is done.', 'Wait for the generation to finish or press Stop.');
    const bos = loaded.wllama.mustAddBosToken() ? 1 : 0;
    try {
      const result = await loaded.wllama.createCompletion({ prompt: text, max_tokens: 0, stream: false });
      return result.usage.prompt_tokens - bos;
    } catch (error) {
      const counts = overflowCounts(error);
      if (counts) return counts.promptTokens - bos;
      throw this.fail(error, loaded);
    }
  }

  private requireLoaded(): Loaded {
    if (!this.loaded) throw new EngineError('not-loaded', 'No wllama model is loaded.', 'Load a GGUF model in the Models tab first.');
    return this.loaded;
  }

  private fail(error: unknown, loaded: Loaded): EngineError {
    const engineError = toEngineError(error, 'generate', loaded.contextLength);
    // A dead worker answers nothing again: drop it, so the next call says "not loaded" instead of hanging.
    if (engineError.code === 'engine-crashed') {
      if (this.loaded === loaded) this.loaded = null;
      void loaded.wllama.exit().catch(() => undefined);
    }
    return engineError;
  }
}
