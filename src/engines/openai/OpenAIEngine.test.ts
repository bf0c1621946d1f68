import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING } from '../../core/types';
import type { GenerationEvent } from '../../core/engine/types';
import type { FetchFn } from './client';
import { OpenAIEngine } from './OpenAIEngine';
import { byteStream } from './testing/byteStream';

const SOURCE = { kind: 'openai', baseUrl: 'http://127.0.0.1:8080', apiKey: 'sk-test', model: 'tiny.gguf' } as const;
const MODELS = JSON.stringify({ object: 'list', data: [{ id: 'tiny.gguf', object: 'model' }, { id: 'other', object: 'model', max_model_len: 4096 }] });
const sse = (...payloads: unknown[]) => payloads.map((p) => `data: ${typeof p === 'string' ? p : JSON.stringify(p)}\n\n`).join('');
const delta = (content: string | null, finish_reason: string | null = null) => ({ choices: [{ index: 0, delta: { content }, finish_reason }] });

interface Recorded { url: string; init: RequestInit }

/** A fake network edge: answers /models with MODELS and /chat/completions with the given body. */
function fakeServer(chat: (init: RequestInit) => Response | Promise<Response>): { fetchFn: FetchFn; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetchFn: FetchFn = async (url, init) => {
    calls.push({ url, init });
    if (url.endsWith('/models')) return new Response(MODELS, { status: 200, headers: { 'Content-Type': 'application/json' } });
    return chat(init);
  };
  return { fetchFn, calls };
}

async function run(engine: OpenAIEngine): Promise<GenerationEvent[]> {
  const events: GenerationEvent[] = [];
  for await (const event of engine.generate({ messages: [{ role: 'user', content: 'Context: 1+1=2' }], params: { ...DEFAULT_SAMPLING, stop: ['\n### '] } })) events.push(event);
  return events;
}

describe('OpenAIEngine', () => {
  it('loads by listing models and sends a streaming request with the sampling parameters and the key', async () => {
    const { fetchFn, calls } = fakeServer(() => new Response(byteStream(sse(delta(null), delta('Hi'), delta('', 'stop'), { choices: [], usage: { prompt_tokens: 7, completion_tokens: 1 } }, '[DONE]'))));
    const engine = new OpenAIEngine(fetchFn);
    expect(await engine.load(SOURCE)).toEqual({ engine: 'openai', modelName: 'tiny.gguf', contextLength: null, hasChatTemplate: null });
    const events = await run(engine);
    expect(events[0]).toEqual({ type: 'delta', text: 'Hi' });
    expect(events[1]).toMatchObject({ type: 'done', stats: { promptTokens: 7, completionTokens: 1, finishReason: 'stop' } });
    expect(calls[0]?.url).toBe('http://127.0.0.1:8080/v1/models');
    const chat = calls[1]!;
    expect(chat.url).toBe('http://127.0.0.1:8080/v1/chat/completions');
    expect((chat.init.headers as Record<string, string>).Authorization).toBe('Bearer sk-test');
    expect(JSON.parse(String(chat.init.body))).toMatchObject({
      model: 'tiny.gguf', stream: true, stream_options: { include_usage: true },
      temperature: DEFAULT_SAMPLING.temperature, top_p: DEFAULT_SAMPLING.topP, max_tokens: DEFAULT_SAMPLING.maxTokens, seed: DEFAULT_SAMPLING.seed, stop: ['\n### '],
    });
  });

  it('reports the context length vLLM lists and refuses a model the server does not serve', async () => {
    const engine = new OpenAIEngine(fakeServer(() => new Response('')).fetchFn);
    expect((await engine.load({ ...SOURCE, model: 'other' })).contextLength).toBe(4096);
    await expect(engine.load({ ...SOURCE, model: 'missing' })).rejects.toMatchObject({ code: 'unsupported-model', hint: expect.stringContaining('tiny.gguf') });
  });

  it('counts streamed deltas when the server sends no usage', async () => {
    const engine = new OpenAIEngine(fakeServer(() => new Response(byteStream(sse(delta('a'), delta('b'), delta('c', 'length'), '[DONE]')))).fetchFn);
    await engine.load(SOURCE);
    const done = (await run(engine)).at(-1);
    expect(done).toMatchObject({ type: 'done', stats: { completionTokens: 3, finishReason: 'length' } });
  });

  it('accepts a server that ignores stream: true and answers with one JSON completion', async () => {
    const whole = { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Teacher: hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 3 } };
    const engine = new OpenAIEngine(fakeServer(() => new Response(JSON.stringify(whole), { headers: { 'Content-Type': 'application/json' } })).fetchFn);
    await engine.load(SOURCE);
    expect(await run(engine)).toEqual([
      { type: 'delta', text: 'Teacher: hi' },
      { type: 'done', stats: expect.objectContaining({ promptTokens: 9, completionTokens: 3, finishReason: 'stop' }) },
    ]);
  });

  it('ends with finishReason abort, not an error, when interrupted mid-stream', async () => {
    let push: ((text: string) => void) | null = null;
    const { fetchFn } = fakeServer((init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (text) => controller.enqueue(new TextEncoder().encode(text));
          init.signal?.addEventListener('abort', () => controller.error(new DOMException('The operation was aborted.', 'AbortError')));
        },
      });
      return new Response(body);
    });
    const engine = new OpenAIEngine(fetchFn);
    await engine.load(SOURCE);
    const events: GenerationEvent[] = [];
    const stream = engine.generate({ messages: [{ role: 'user', content: 'x' }], params: DEFAULT_SAMPLING });
    const reading = (async () => {
      for await (const event of stream) {
        events.push(event);
        if (event.type === 'delta') engine.interrupt();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 0));
    push!(sse(delta('partial')));
    await reading;
    expect(events).toEqual([{ type: 'delta', text: 'partial' }, { type: 'done', stats: expect.objectContaining({ finishReason: 'abort', completionTokens: 1 }) }]);
  });

  it('throws auth for a JSON 401 body on a streaming request, and context-overflow for a 400', async () => {
    const auth = new OpenAIEngine(fakeServer(() => new Response('{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}', { status: 401 })).fetchFn);
    await auth.load(SOURCE);
    await expect(run(auth)).rejects.toMatchObject({ code: 'auth' });
    const overflow = new OpenAIEngine(fakeServer(() => new Response('{"error":{"code":400,"message":"the request exceeds the available context size","type":"exceed_context_size_error","n_prompt_tokens":900,"n_ctx":256}}', { status: 400 })).fetchFn);
    await overflow.load(SOURCE);
    await expect(run(overflow)).rejects.toMatchObject({ code: 'context-overflow' });
    // The engine stays usable after a failed request.
    await expect(run(overflow)).rejects.toMatchObject({ code: 'context-overflow' });
  });

  it('maps a failed fetch to unreachable and a non-JSON model list to bad-response', async () => {
    const down = new OpenAIEngine(async () => { throw new TypeError('Failed to fetch'); });
    await expect(down.load(SOURCE)).rejects.toMatchObject({ code: 'unreachable' });
    const html = new OpenAIEngine(async () => new Response('<html></html>', { status: 200 }));
    await expect(html.load(SOURCE)).rejects.toMatchObject({ code: 'bad-response' });
    const wrongShape = new OpenAIEngine(async () => new Response('{"models":[]}', { status: 200 }));
    await expect(wrongShape.load(SOURCE)).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('refuses to generate before a load, serves requests in parallel, and stops each by its own signal', async () => {
    const engine = new OpenAIEngine(fakeServer(() => new Response(new ReadableStream())).fetchFn);
    await expect(run(engine)).rejects.toMatchObject({ code: 'not-loaded' });
    await engine.load(SOURCE);
    const request = { messages: [{ role: 'user' as const, content: 'x' }], params: DEFAULT_SAMPLING };
    const firstSignal = new AbortController();
    const first = engine.generate(request, firstSignal.signal)[Symbol.asyncIterator]();
    const second = engine.generate(request)[Symbol.asyncIterator]();
    const firstPending = first.next();
    let secondSettled = false;
    const secondPending = second.next().finally(() => (secondSettled = true));
    firstSignal.abort();
    expect(await firstPending).toMatchObject({ value: { type: 'done', stats: { finishReason: 'abort' } } });
    await Promise.resolve();
    expect(secondSettled).toBe(false);
    engine.interrupt();
    expect(await secondPending).toMatchObject({ value: { type: 'done', stats: { finishReason: 'abort' } } });
  });
});
