import type { ChatCompletionChunk, ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import type { FinishReason } from '../../core/types';
import { StatsClock } from '../../core/engine/stats';
import type { GenerateRequest, GenerationEvent } from '../../core/engine/types';
import { toWebLlmError } from './webllmErrors';

/** The part of web-llm's engine (in the page: its worker client) a generation uses. */
export interface ChatEngineLike {
  chat: { completions: { create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> } };
  interruptGenerate(): void;
}

/**
 * Streams one generation at a time from web-llm and works around web-llm #447: its per-model lock is released only
 * when a stream has been read to its end, and an interrupt with no stream running cuts the next request short. So an
 * interrupted or abandoned stream is always drained before the next request starts, and interrupts only reach
 * web-llm while a stream runs.
 */
export class ChatStreamer {
  private drained: Promise<void> = Promise.resolve();
  private streaming = false;
  private interruptRequested = false;

  constructor(
    private readonly engine: ChatEngineLike,
    private readonly modelId: string,
    /** Rejects when the worker dies; web-llm's client would otherwise wait for an answer forever. */
    private readonly crashed: Promise<never>,
  ) {}

  /** Settles when no stream is running any more. */
  idle(): Promise<void> {
    return this.drained;
  }

  interrupt(): void {
    if (!this.streaming) return;
    this.interruptRequested = true;
    this.engine.interruptGenerate();
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    const previous = this.drained;
    let markDrained = () => {};
    this.drained = new Promise((resolve) => (markDrained = resolve));
    await previous;
    if (signal?.aborted) {
      // Never interrupt web-llm with no stream running (#447): a request stopped while it waited just ends.
      markDrained();
      yield { type: 'done', stats: new StatsClock().finish(0, 0, 'abort') };
      return;
    }
    this.streaming = true;
    this.interruptRequested = false;
    // web-llm runs one stream at a time, so stopping this request is stopping the stream.
    const onAbort = () => this.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });

    const clock = new StatsClock();
    let chunks: AsyncIterator<ChatCompletionChunk> | null = null;
    let ended = false;
    let finishReason: FinishReason = 'stop';
    let promptTokens = 0;
    let completionTokens: number | null = null;
    let deltas = 0;
    try {
      const { params } = request;
      const stream = await Promise.race([
        this.engine.chat.completions.create({
          messages: request.messages,
          stream: true,
          stream_options: { include_usage: true },
          temperature: params.temperature,
          top_p: params.topP,
          max_tokens: params.maxTokens,
          seed: params.seed,
          stop: params.stop.length > 0 ? params.stop : null,
        }),
        this.crashed,
      ]);
      chunks = stream[Symbol.asyncIterator]();
      for (;;) {
        const next = await Promise.race([chunks.next(), this.crashed]);
        if (next.done) break;
        const choice = next.value.choices[0];
        const text = choice?.delta.content;
        if (text) {
          clock.markToken();
          deltas += 1;
          yield { type: 'delta', text };
        }
        if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
        if (next.value.usage) {
          promptTokens = next.value.usage.prompt_tokens;
          completionTokens = next.value.usage.completion_tokens;
        }
      }
      ended = true;
      if (this.interruptRequested) finishReason = 'abort';
      // An interrupted stream may end before its usage chunk; then each streamed chunk counts as one token.
      yield { type: 'done', stats: clock.finish(promptTokens, completionTokens ?? deltas, finishReason) };
    } catch (error) {
      ended = true;
      throw toWebLlmError(error, this.modelId);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.streaming = false;
      if (!ended && chunks) {
        // The reader stopped early: stop web-llm and read the rest in the background so its lock is released.
        this.engine.interruptGenerate();
        void drain(chunks).finally(markDrained);
      } else {
        markDrained();
      }
    }
  }
}

async function drain(chunks: AsyncIterator<unknown>): Promise<void> {
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      // Reading on is what releases web-llm's lock.
    }
  } catch {
    // The stream ended in an error: it is over all the same.
  }
}

function toFinishReason(reason: string): FinishReason {
  if (reason === 'length') return 'length';
  if (reason === 'abort') return 'abort';
  return 'stop';
}
