import type { FinishReason } from '../../core/types';
import { EngineError } from '../../core/engine/errors';
import { StatsClock } from '../../core/engine/stats';
import { followSignal, type Engine, type EngineCapabilities, type GenerateRequest, type GenerationEvent, type LoadedModel, type LoadProgress, type ModelSource } from '../../core/engine/types';
import { readChatResponse } from './chatStream';
import { listModels, startChatCompletion, type FetchFn, type ServerConnection } from './client';
import { toApiRoot } from './httpErrors';
import type { Usage } from './schemas';

interface Session extends ServerConnection {
  model: string;
}

/** A rough count for when the server sends no usage: about four characters a token in English text. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * Any OpenAI-compatible server (llama.cpp's llama-server, vLLM, Ollama, hosted APIs) reached over fetch with CORS.
 * "Loading" checks the server and the model; the model itself lives on the server.
 */
export class OpenAIEngine implements Engine {
  readonly kind = 'openai' as const;
  readonly parallelRequests = true;
  private session: Session | null = null;
  private readonly running = new Set<AbortController>();
  private readonly fetchFn: FetchFn;

  constructor(fetchFn: FetchFn = (input, init) => fetch(input, init)) {
    this.fetchFn = fetchFn;
  }

  async capabilities(): Promise<EngineCapabilities> {
    const available = typeof fetch === 'function';
    return {
      engine: 'openai',
      available,
      ...(available ? {} : { reason: 'This browser has no fetch API.' }),
      details: { crossOriginIsolated: globalThis.crossOriginIsolated ?? false },
    };
  }

  async load(source: ModelSource, onProgress?: (progress: LoadProgress) => void): Promise<LoadedModel> {
    if (source.kind !== 'openai') {
      throw new EngineError('unsupported-model', 'The OpenAI-compatible engine only loads models served by a server.', 'Use the engine panel that matches this model.');
    }
    const connection: ServerConnection = { apiRoot: toApiRoot(source.baseUrl), ...(source.apiKey ? { apiKey: source.apiKey } : {}) };
    onProgress?.({ fraction: null, loadedBytes: 0, totalBytes: null, etaSeconds: null, text: `Asking ${connection.apiRoot} for its models…` });
    const models = await listModels(this.fetchFn, connection);
    const chosen = source.model ? models.find((m) => m.id === source.model) : models[0];
    if (!chosen) {
      const offered = models.map((m) => m.id).join(', ');
      throw new EngineError(
        'unsupported-model',
        source.model ? `The server does not serve the model "${source.model}".` : 'The server lists no models.',
        offered ? `Pick one the server offers: ${offered}.` : 'Start the server with a model loaded.',
      );
    }
    this.session = { ...connection, model: chosen.id };
    return { engine: 'openai', modelName: chosen.id, contextLength: chosen.max_model_len ?? null, hasChatTemplate: null };
  }

  async *generate({ messages, params }: GenerateRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const session = this.session;
    if (!session) throw new EngineError('not-loaded', 'No server is connected.', 'Connect to a server and pick a model on the Models tab.');
    const controller = new AbortController();
    const unfollow = followSignal(signal, controller);
    this.running.add(controller);
    const clock = new StatsClock();
    let deltas = 0;
    let usage: Usage | null = null;
    let finishReason: FinishReason = 'stop';
    const stats = (reason: FinishReason) => {
      if (!usage) {
        console.warn('[openai] The server sent no usage: token counts are estimates (prompt: characters / 4, completion: streamed deltas).');
      }
      const promptTokens = usage?.prompt_tokens ?? estimateTokens(messages.map((m) => m.content).join('\n'));
      return clock.finish(promptTokens, usage?.completion_tokens ?? deltas, reason);
    };
    try {
      const response = await startChatCompletion(this.fetchFn, session, { model: session.model, messages, params, signal: controller.signal });
      for await (const item of readChatResponse(response, controller.signal)) {
        if (item.type === 'text') {
          clock.markToken();
          deltas++;
          yield { type: 'delta', text: item.text };
        } else if (item.type === 'finish') {
          finishReason = item.reason;
        } else {
          usage = item.usage;
        }
      }
      yield { type: 'done', stats: stats(controller.signal.aborted ? 'abort' : finishReason) };
    } catch (error) {
      if (controller.signal.aborted) {
        yield { type: 'done', stats: stats('abort') };
        return;
      }
      throw error;
    } finally {
      unfollow();
      this.running.delete(controller);
    }
  }

  interrupt(): void {
    for (const controller of this.running) controller.abort();
  }

  async unload(): Promise<void> {
    this.interrupt();
    this.session = null;
  }
}
