import type { FinishReason } from '../../core/types';
import { EngineError } from '../../core/engine/errors';
import { errorFromResponse } from './httpErrors';
import { chatChunkSchema, chatCompletionSchema, type Usage } from './schemas';
import { createSseDecoder, type SseEvent } from './sse';

/** What a chat completion stream tells the engine, in order. */
export type ChatStreamItem =
  | { type: 'text'; text: string }
  | { type: 'finish'; reason: FinishReason }
  | { type: 'usage'; usage: Usage };

/** OpenAI's finish reasons in the lab's terms: only 'length' is a truncation; every other end is a normal stop. */
export function mapFinishReason(reason: string): FinishReason {
  return reason === 'length' ? 'length' : 'stop';
}

const badChunk = (detail: string) =>
  new EngineError(
    'bad-response',
    `The server sent a malformed stream chunk (${detail}).`,
    'The server does not speak the OpenAI chat completions stream format; check that the base URL points at an OpenAI-compatible API.',
  );

/** One SSE event to stream items; `null` means the `[DONE]` sentinel. Errors sent inside the stream are thrown. */
export function interpretEvent(event: SseEvent): ChatStreamItem[] | null {
  const data = event.data.trim();
  if (data === '[DONE]') return null;
  if (data === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw badChunk(`not JSON: ${data.slice(0, 80)}`);
  }
  if (event.event === 'error' || (typeof json === 'object' && json !== null && 'error' in json)) {
    throw errorFromResponse(500, data, 'chat completion');
  }
  const parsed = chatChunkSchema.safeParse(json);
  if (!parsed.success) throw badChunk(parsed.error.issues[0]?.message ?? 'unexpected shape');
  const items: ChatStreamItem[] = [];
  for (const choice of parsed.data.choices) {
    const text = choice.delta?.content;
    if (text) items.push({ type: 'text', text });
    if (choice.finish_reason) items.push({ type: 'finish', reason: mapFinishReason(choice.finish_reason) });
  }
  if (parsed.data.usage) items.push({ type: 'usage', usage: parsed.data.usage });
  return items;
}

/**
 * Reads a streamed chat completion body to its end (`data: [DONE]` or the end of the body). A body that ends with
 * neither a finish reason nor `[DONE]` was cut off, which is an error rather than a short answer.
 */
export async function* readChatStream(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<ChatStreamItem> {
  const reader = body.getReader();
  // fetch errors the body on abort by itself; cancelling here also ends bodies that do not (and any pending read).
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  // A request stopped while its headers were on the way has already fired its abort event.
  if (signal?.aborted) cancel();
  const decoder = createSseDecoder();
  let finished = false;
  let sawDone = false;
  try {
    while (!sawDone) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // A connection dropped mid-answer rejects the read with a bare TypeError ("network error"): say what it is,
        // so runs retry it as the passing failure it is. A read stopped by our own abort is not a failure.
        if (signal?.aborted) break;
        throw new EngineError('network', 'The connection to the server dropped while the answer was streaming.', 'Check that the server is still running; try again.', { cause: error });
      }
      const { done, value } = chunk;
      const events = done ? decoder.end() : decoder.push(value);
      for (const event of events) {
        const items = interpretEvent(event);
        if (items === null) {
          sawDone = true;
          break;
        }
        for (const item of items) {
          if (item.type === 'finish') finished = true;
          yield item;
        }
      }
      if (done) break;
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    // Stops the download when the consumer leaves early, and after [DONE] whatever trails it.
    await reader.cancel().catch(() => undefined);
  }
  if (!sawDone && !finished && !signal?.aborted) {
    throw new EngineError(
      'network',
      'The server closed the stream before the answer was complete.',
      'The connection dropped or the server stopped; check the server log and try again.',
    );
  }
}

/** The items of a whole chat.completion, from a server that answered `stream: true` with plain JSON. */
export function itemsOfCompletion(json: unknown): ChatStreamItem[] {
  const parsed = chatCompletionSchema.safeParse(json);
  if (!parsed.success) {
    throw new EngineError(
      'bad-response',
      `The server's chat completion is not in the OpenAI format (${parsed.error.issues[0]?.message ?? 'unexpected shape'}).`,
      'Check that the base URL points at an OpenAI-compatible API.',
    );
  }
  const [choice] = parsed.data.choices;
  const items: ChatStreamItem[] = [];
  if (choice?.message.content) items.push({ type: 'text', text: choice.message.content });
  items.push({ type: 'finish', reason: mapFinishReason(choice?.finish_reason ?? 'stop') });
  if (parsed.data.usage) items.push({ type: 'usage', usage: parsed.data.usage });
  return items;
}

/** Streams the answer to a chat completion request, whether the server streamed it (SSE) or sent it whole (JSON). */
export async function* readChatResponse(response: Response, signal?: AbortSignal): AsyncGenerator<ChatStreamItem> {
  if (!response.body) throw new EngineError('bad-response', 'The server answered without a body.', 'Check the server log.');
  if (/application\/json/i.test(response.headers.get('Content-Type') ?? '')) {
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new EngineError('bad-response', 'The server sent a JSON answer that does not parse.', 'Check the server log.', { cause: error });
    }
    yield* itemsOfCompletion(json);
    return;
  }
  yield* readChatStream(response.body, signal);
}
