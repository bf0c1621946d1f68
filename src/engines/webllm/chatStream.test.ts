import type { ChatCompletionChunk, ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING } from '../../core/types';
import type { GenerationEvent } from '../../core/engine/types';
import { ChatStreamer, type ChatEngineLike } from './chatStream';

/**
 * A stand-in for web-llm's engine with the behaviour of 0.2.86 that matters here (web-llm #447): one request at a
 * time behind a lock that is released only when the stream is read to its end, and an interrupt flag that, raised
 * while nothing streams, stays up and ends the next stream at once, empty. Tokens are the words of `reply`.
 */
class LockingEngine implements ChatEngineLike {
  requests: ChatCompletionRequestStreaming[] = [];
  private interruptSignal = false;
  private lock: Promise<void> = Promise.resolve();
  /** With `manual`, each token waits for a permit, so a test can interleave interrupts with the stream. */
  manual = false;
  private permits = 0;
  private waiting: (() => void) | null = null;

  constructor(private readonly reply: string) {}

  chat = { completions: { create: (request: ChatCompletionRequestStreaming) => this.create(request) } };

  interruptGenerate(): void {
    this.interruptSignal = true;
  }

  allow(tokens: number): void {
    this.permits += tokens;
    this.wake();
  }

  private wake(): void {
    if (this.permits > 0 && this.waiting) {
      this.permits -= 1;
      const resume = this.waiting;
      this.waiting = null;
      resume();
    }
  }

  private permit(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.wake();
    });
  }

  private async create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> {
    this.requests.push(request);
    const previous = this.lock;
    let release = () => {};
    this.lock = new Promise((resolve) => (release = resolve));
    await previous;
    return this.stream(this.reply.split(' '), request.max_tokens ?? Number.POSITIVE_INFINITY, release);
  }

  private async *stream(words: string[], max: number, release: () => void): AsyncGenerator<ChatCompletionChunk> {
    {
      let sent = 0;
      let reason: 'stop' | 'length' | 'abort' = 'stop';
      for (const word of words) {
        if (this.manual) await this.permit();
        if (this.interruptSignal) {
          this.interruptSignal = false;
          reason = 'abort';
          break;
        }
        if (sent === max) {
          reason = 'length';
          break;
        }
        sent += 1;
        yield chunk(sent === 1 ? word : ` ${word}`, null);
      }
      yield chunk('', reason);
      yield { ...chunk('', null), choices: [], usage: { prompt_tokens: 7, completion_tokens: sent, total_tokens: 7 + sent, extra: { e2e_latency_s: 0, prefill_tokens_per_s: 0, decode_tokens_per_s: 0, time_to_first_token_s: 0, time_per_output_token_s: 0 } } } as ChatCompletionChunk;
      release();
    }
  }
}

function chunk(content: string, finishReason: 'stop' | 'length' | 'abort' | null): ChatCompletionChunk {
  return {
    id: 'x',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: finishReason, logprobs: null }],
  } as ChatCompletionChunk;
}

const never = new Promise<never>(() => {});
const request = { messages: [{ role: 'user' as const, content: 'hi' }], params: DEFAULT_SAMPLING };

async function collect(events: AsyncIterable<GenerationEvent>) {
  let text = '';
  let done: Extract<GenerationEvent, { type: 'done' }> | null = null;
  for await (const event of events) {
    if (event.type === 'delta') text += event.text;
    else done = event;
  }
  return { text, stats: done?.stats };
}

describe('ChatStreamer', () => {
  it('streams text and takes token counts from the usage chunk', async () => {
    const streamer = new ChatStreamer(new LockingEngine('one two three'), 'm', never);
    const { text, stats } = await collect(streamer.generate(request));
    expect(text).toBe('one two three');
    expect(stats).toMatchObject({ promptTokens: 7, completionTokens: 3, finishReason: 'stop' });
  });

  it('sends the sampling parameters and asks for usage', async () => {
    const engine = new LockingEngine('a b c');
    const streamer = new ChatStreamer(engine, 'm', never);
    const { stats } = await collect(streamer.generate({ ...request, params: { temperature: 0.3, topP: 0.8, maxTokens: 2, seed: 9, stop: ['\n\n'] } }));
    expect(engine.requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true }, temperature: 0.3, top_p: 0.8, max_tokens: 2, seed: 9, stop: ['\n\n'] });
    expect(stats).toMatchObject({ completionTokens: 2, finishReason: 'length' });
    await collect(streamer.generate(request));
    expect(engine.requests[1]?.stop).toBeNull();
  });

  it('after an interrupt, the next generation is complete (web-llm #447)', async () => {
    const engine = new LockingEngine('one two three four five');
    engine.manual = true;
    const streamer = new ChatStreamer(engine, 'm', never);
    const events = streamer.generate(request)[Symbol.asyncIterator]();
    engine.allow(1);
    expect(await events.next()).toEqual({ done: false, value: { type: 'delta', text: 'one' } });
    streamer.interrupt();
    engine.allow(1);
    const rest = await collect({ [Symbol.asyncIterator]: () => events });
    expect(rest).toMatchObject({ text: '', stats: { finishReason: 'abort', completionTokens: 1 } });

    engine.manual = false;
    const next = await collect(streamer.generate(request));
    expect(next.text).toBe('one two three four five');
    expect(next.stats?.finishReason).toBe('stop');
  });

  it('a reader that stops early does not leave the lock held', async () => {
    const engine = new LockingEngine('one two three');
    const streamer = new ChatStreamer(engine, 'm', never);
    for await (const event of streamer.generate(request)) {
      if (event.type === 'delta') break;
    }
    const next = await collect(streamer.generate(request));
    expect(next.text).toBe('one two three');
  });

  it('an interrupt with nothing streaming does not empty the next generation', async () => {
    const engine = new LockingEngine('one two');
    const streamer = new ChatStreamer(engine, 'm', never);
    streamer.interrupt();
    expect((await collect(streamer.generate(request))).text).toBe('one two');
  });

  it('turns a worker error string into an EngineError and a dead worker into engine-crashed', async () => {
    const failing: ChatEngineLike = {
      chat: { completions: { create: () => Promise.reject('Error: The WebGPU device was lost while loading the model.') } },
      interruptGenerate: () => {},
    };
    await expect(collect(new ChatStreamer(failing, 'm', never).generate(request))).rejects.toMatchObject({ code: 'device-lost' });

    const hanging: ChatEngineLike = { chat: { completions: { create: () => new Promise(() => {}) } }, interruptGenerate: () => {} };
    const crashed = Promise.reject(Object.assign(new Error('The WebLLM worker crashed'), { code: 'engine-crashed' }));
    crashed.catch(() => {});
    await expect(collect(new ChatStreamer(hanging, 'm', crashed).generate(request))).rejects.toMatchObject({ message: expect.stringContaining('crashed') });
  });
});
