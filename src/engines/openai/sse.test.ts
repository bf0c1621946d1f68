import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseDecoder, type SseEvent } from './sse';

const bytes = (text: string) => new TextEncoder().encode(text);

function decodeInPieces(stream: Uint8Array, cuts: number[]): SseEvent[] {
  const decoder = createSseDecoder();
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    events.push(...decoder.push(stream.slice(start, cut)));
    start = cut;
  }
  events.push(...decoder.push(stream.slice(start)));
  events.push(...decoder.end());
  return events;
}

// A llama-server-like stream: role delta with content null, multi-byte text, usage chunk, [DONE].
const LLAMA_SERVER_STREAM = [
  'data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}',
  '',
  'data: {"choices":[{"index":0,"delta":{"content":"Teacher: ∫ x² dx ≈ 😀"},"finish_reason":null}]}',
  '',
  ': keep-alive comment',
  'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  '',
  'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2},"timings":{"predicted_per_second":9}}',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

describe('SSE decoder', () => {
  it('reads the events of a whole stream', () => {
    const events = decodeInPieces(bytes(LLAMA_SERVER_STREAM), []);
    expect(events.map((e) => e.data)).toEqual([
      '{"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}',
      '{"choices":[{"index":0,"delta":{"content":"Teacher: ∫ x² dx ≈ 😀"},"finish_reason":null}]}',
      '{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
      '{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2},"timings":{"predicted_per_second":9}}',
      '[DONE]',
    ]);
    expect(events.every((e) => e.event === 'message')).toBe(true);
  });

  it('joins multi-line data, reads event names, and accepts CRLF, CR and a missing space after the colon', () => {
    const events = decodeInPieces(bytes('event: error\r\ndata:first\r\ndata: second\r\n\r\ndata: x\r\rdata: y\n\n'), []);
    expect(events).toEqual([
      { event: 'error', data: 'first\nsecond' },
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('delivers a last event that lacks its blank line', () => {
    expect(decodeInPieces(bytes('data: [DONE]'), [])).toEqual([{ event: 'message', data: '[DONE]' }]);
  });

  it('gives the same events however the bytes are split into chunks', () => {
    const streamArb = fc
      .array(
        fc.record({
          data: fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)), { minLength: 1, maxLength: 3 }),
          newline: fc.constantFrom('\n', '\r\n', '\r'),
          comment: fc.boolean(),
        }),
        { maxLength: 6 },
      )
      .map((events) =>
        events
          .map(({ data, newline, comment }) => (comment ? `: note${newline}` : '') + data.map((d) => `data: ${d}${newline}`).join('') + newline)
          .join(''),
      );
    fc.assert(
      fc.property(streamArb, fc.array(fc.nat(), { maxLength: 10 }), (text, rawCuts) => {
        const stream = bytes(text);
        const cuts = rawCuts.map((c) => (stream.length === 0 ? 0 : c % (stream.length + 1)));
        expect(decodeInPieces(stream, cuts)).toEqual(decodeInPieces(stream, []));
      }),
      { numRuns: 500 },
    );
  });

  it('splits every byte of a real stream apart and still reads it the same', () => {
    const stream = bytes(LLAMA_SERVER_STREAM);
    const everyByte = Array.from({ length: stream.length }, (_, i) => i);
    expect(decodeInPieces(stream, everyByte)).toEqual(decodeInPieces(stream, []));
  });
});
