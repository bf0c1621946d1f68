import type { ChatMessage, SamplingParams } from '../../core/types';
import { EngineError } from '../../core/engine/errors';
import { errorFromNetworkFailure, errorFromResponse } from './httpErrors';
import { modelListSchema, type ModelList } from './schemas';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface ServerConnection {
  /** The API root, e.g. http://localhost:8080/v1 (see toApiRoot). */
  apiRoot: string;
  apiKey?: string;
}

const LIST_TIMEOUT_MS = 15_000;

const headersFor = ({ apiKey }: ServerConnection, json: boolean): Record<string, string> => ({
  Accept: json ? 'application/json' : 'text/event-stream',
  ...(json ? {} : { 'Content-Type': 'application/json' }),
  ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
});

/** fetch with the lab's error mapping: a network/CORS failure becomes 'unreachable', an HTTP error its own code. */
async function request(fetchFn: FetchFn, connection: ServerConnection, path: string, init: RequestInit, what: string): Promise<Response> {
  let response: Response;
  try {
    // No cookies: the key travels only in the Authorization header, and credentialed CORS would need more server setup.
    response = await fetchFn(`${connection.apiRoot}${path}`, { ...init, credentials: 'omit', mode: 'cors' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw errorFromNetworkFailure(error, connection.apiRoot);
  }
  if (!response.ok) throw errorFromResponse(response.status, await response.text().catch(() => ''), what, response.headers.get('Retry-After'));
  return response;
}

export async function listModels(fetchFn: FetchFn, connection: ServerConnection): Promise<ModelList['data']> {
  const signal = AbortSignal.timeout(LIST_TIMEOUT_MS);
  let body: unknown;
  try {
    const response = await request(fetchFn, connection, '/models', { method: 'GET', headers: headersFor(connection, true), signal }, 'model list');
    body = await response.json();
  } catch (error) {
    if (signal.aborted) {
      throw new EngineError('unreachable', `The server at ${connection.apiRoot} did not answer within ${LIST_TIMEOUT_MS / 1000} s.`, 'Check that the server is running and not stuck loading a model.', { cause: error });
    }
    if (error instanceof SyntaxError) throw notAModelList('the answer is not JSON');
    throw error;
  }
  const parsed = modelListSchema.safeParse(body);
  if (!parsed.success) throw notAModelList(parsed.error.issues[0]?.message ?? 'unexpected shape');
  return parsed.data.data;
}

const notAModelList = (detail: string) =>
  new EngineError(
    'bad-response',
    `The server's model list is not in the OpenAI format (${detail}).`,
    'Check that the base URL points at an OpenAI-compatible API (it usually ends in /v1).',
  );

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  params: SamplingParams;
  signal: AbortSignal;
}

/** POST /chat/completions with streaming and a final usage chunk. Resolves once the response headers are in. */
export function startChatCompletion(fetchFn: FetchFn, connection: ServerConnection, { model, messages, params, signal }: ChatRequest): Promise<Response> {
  const body = {
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    temperature: params.temperature,
    top_p: params.topP,
    max_tokens: params.maxTokens,
    seed: params.seed,
    ...(params.stop.length > 0 ? { stop: params.stop } : {}),
  };
  return request(fetchFn, connection, '/chat/completions', { method: 'POST', headers: headersFor(connection, false), body: JSON.stringify(body), signal }, 'chat completion');
}
