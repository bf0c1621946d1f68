import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../core/engine/errors';
import { interpretEvent, mapFinishReason, readChatStream, type ChatStreamItem } from './chatStream';
import { byteStream as streamOf } from './testing/byteStream';

async function collect(body: ReadableStream<Uint8Array>): Promise<ChatStreamItem[]> {
  const items: ChatStreamItem[] = [];
  for await (const item of readChatStream(body)) items.push(item);
  return items;
}

const chunk = (content: string | null, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: content === null ? { role: 'assistant', content: null } : { content }, finish_reason: finish }] })}\n\n`;

const LLAMA_SERVER_REPLY =
  chunk(null) +
  chunk('Teacher: Let ') +
  chunk('$x = 2$.') +
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }] })}\n\n` +
  `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 }, timings: { prompt_n: 12, predicted_n: 4, predicted_per_second: 700.5 } })}\n\n` +
  'data: [DONE]\n\n';

const EXPECTED: ChatStreamItem[] = [
  { type: 'text', text: 'Teacher: Let ' },
  { type: 'text', text: '$x = 2$.' },
  { type: 'finish', reason: 'length' },
  { type: 'usage', usage: { prompt_tokens: 12, completion_tokens: 4 } },
];

describe('chat completion stream', () => {
  it('reads a llama-server stream: null first delta, finish reason, usage chunk with empty choices and timings', async () => {
    expect(await collect(streamOf(LLAMA_SERVER_REPLY))).toEqual(EXPECTED);
  });

  it('reads the same items however the network splits the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await collect(streamOf(LLAMA_SERVER_REPLY, cuts))).toEqual(EXPECTED);
      }),
      { numRuns: 200 },
    );
  });

  it('stops at [DONE] and ignores whatever trails it', async () => {
    const items = await collect(streamOf(`${chunk('a', 'stop')}data: [DONE]\n\ndata: not json\n\n`));
    expect(items).toEqual([{ type: 'text', text: 'a' }, { type: 'finish', reason: 'stop' }]);
  });

  it('accepts a stream that ends after its finish reason without [DONE]', async () => {
    expect(await collect(streamOf(chunk('a', 'stop')))).toEqual([{ type: 'text', text: 'a' }, { type: 'finish', reason: 'stop' }]);
  });

  it('reports a stream cut off before any finish as a network error', async () => {
    await expect(collect(streamOf(chunk('a')))).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects chunks that are not JSON or not chat chunks as bad-response', async () => {
    await expect(collect(streamOf('data: <html>oops</html>\n\n'))).rejects.toMatchObject({ code: 'bad-response' });
    await expect(collect(streamOf('data: {"choices":[{"delta":{"content":42}}]}\n\n'))).rejects.toMatchObject({ code: 'bad-response' });
    await expect(collect(streamOf('data: {"choices":"nope"}\n\n'))).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('turns an error object sent inside the stream into an engine error', () => {
    expect(() => interpretEvent({ event: 'message', data: '{"error":{"message":"the request exceeds the available context size","type":"exceed_context_size_error","n_prompt_tokens":900,"n_ctx":512}}' }))
      .toThrow(EngineError);
    try {
      interpretEvent({ event: 'message', data: '{"error":{"message":"x","type":"exceed_context_size_error","n_prompt_tokens":900,"n_ctx":512}}' });
    } catch (error) {
      expect(error).toMatchObject({ code: 'context-overflow' });
    }
  });

  it('maps finish reasons: only length truncates', () => {
    expect(mapFinishReason('length')).toBe('length');
    expect(mapFinishReason('stop')).toBe('stop');
    expect(mapFinishReason('content_filter')).toBe('stop');
    expect(mapFinishReason('tool_calls')).toBe('stop');
  });

  it('calls a connection dropped mid-answer a network error, and a read stopped by our own abort no error', async () => {
    const dropping = () => {
      let sent = false;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) return controller.error(new TypeError('network error'));
          sent = true;
          controller.enqueue(new TextEncoder().encode(chunk('Teacher: Let ')));
        },
      });
    };
    await expect(collect(dropping())).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/dropped while the answer was streaming/) });
    const aborted = new AbortController();
    const items: ChatStreamItem[] = [];
    for await (const item of readChatStream(dropping(), aborted.signal)) {
      items.push(item);
      aborted.abort();
    }
    expect(items).toEqual([{ type: 'text', text: 'Teacher: Let ' }]);
  });
});
