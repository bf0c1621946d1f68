import { EngineError } from '../../core/engine/errors';
import { errorBodySchema, type ErrorDetail } from './schemas';

const CONTEXT_HINT =
  'Use a shorter excerpt or lower max tokens, or start the server with a larger context ' +
  '(llama-server -c, vLLM --max-model-len, Ollama num_ctx).';

/** Reads an error body whatever its shape; null when it is not one of the known JSON shapes. */
export function parseErrorBody(text: string): ErrorDetail | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = errorBodySchema.safeParse(json);
  return parsed.success ? parsed.data.error : null;
}

function isContextOverflow(detail: ErrorDetail | null): boolean {
  if (!detail) return false;
  if (detail.type === 'exceed_context_size_error' || detail.code === 'context_length_exceeded') return true;
  return /context (length|size|window)/i.test(detail.message ?? '');
}

/** Maps an HTTP error answer (status + body, JSON even for `stream: true` requests) to an error a person can act on. */
export function errorFromResponse(status: number, bodyText: string, what: string, retryAfter: string | null = null): EngineError {
  const detail = parseErrorBody(bodyText);
  const serverSays = detail?.message ?? bodyText.trim().slice(0, 200);
  const said = serverSays ? `: ${serverSays}` : '';
  if (status === 401 || status === 403) {
    return new EngineError(
      'auth',
      `The server refused the API key (HTTP ${status}${said}).`,
      'Check the API key (the lab sends it as "Authorization: Bearer <key>"); leave it empty for a server started without one.',
    );
  }
  if (isContextOverflow(detail)) {
    const counts =
      detail?.n_prompt_tokens !== undefined && detail.n_ctx !== undefined
        ? ` The prompt has ${detail.n_prompt_tokens} tokens; the server's context holds ${detail.n_ctx}.`
        : '';
    return new EngineError('context-overflow', `The prompt is too long for the model's context.${counts}`, CONTEXT_HINT);
  }
  if (status === 404) {
    return new EngineError(
      'unreachable',
      `The server has no ${what} here (HTTP 404${said}).`,
      'Check the base URL: OpenAI-compatible servers serve their API under /v1 (e.g. http://localhost:8080/v1), and check the model name.',
    );
  }
  const retryAfterMs = parseRetryAfter(retryAfter);
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429 || status === 503) {
    return new EngineError('busy', `The server is busy (HTTP ${status}${said}).`, 'Wait a moment and try again; the server may still be loading its model.', wait);
  }
  if (status >= 500) {
    return new EngineError('server-error', `The server failed the ${what} request (HTTP ${status}${said}).`, 'This is usually passing: try again, and check the server log if it keeps failing.', wait);
  }
  return new EngineError(
    'bad-response',
    `The server answered the ${what} request with HTTP ${status}${said}.`,
    'Check the server log for details; the request parameters may not be supported by this server.',
  );
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * fetch() rejects with a bare TypeError for a closed port, a wrong host, a mixed-content block and a CORS refusal
 * alike; the page cannot tell them apart, so the hint covers each in turn.
 */
export function errorFromNetworkFailure(error: unknown, apiRoot: string): EngineError {
  const origin = globalThis.location?.origin ?? 'this page';
  const url = new URL(apiRoot);
  const mixedContent = globalThis.location?.protocol === 'https:' && url.protocol === 'http:' && !isLoopback(url);
  const hint = mixedContent
    ? `This page is served over https and the browser blocks plain http requests to other hosts: serve the API over https.`
    : `Check the URL and that the server is running. If it runs, it must allow requests from ${origin} (CORS): ` +
      `vLLM --allowed-origins '["${origin}"]' --allowed-headers '["Authorization","Content-Type"]'; ` +
      `Ollama OLLAMA_ORIGINS=${origin}; llama-server allows every origin by itself (it has no CORS flag). ` +
      `With an API key, the server must list Authorization in Access-Control-Allow-Headers: by the Fetch standard a "*" does not cover it.`;
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return new EngineError('unreachable', `Could not reach the server at ${apiRoot}${reason}.`, hint, { cause: error });
}

/** Turns what a person typed into the API root the requests go to: http(s) only, "/v1" added when missing. */
export function toApiRoot(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new EngineError('unreachable', `"${baseUrl}" is not a URL.`, 'Enter the server address, e.g. http://localhost:8080/v1.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EngineError('unreachable', `"${baseUrl}" is not an http(s) URL.`, 'Enter the server address, e.g. http://localhost:8080/v1.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = /\/v\d+$/.test(path) ? path : `${path}/v1`;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}
