import { describe, expect, it } from 'vitest';
import { errorFromNetworkFailure, errorFromResponse, parseErrorBody, parseRetryAfter, toApiRoot } from './httpErrors';

describe('HTTP error mapping', () => {
  it('maps llama-server 401 authentication_error to auth with a hint about the key', () => {
    const error = errorFromResponse(401, '{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}', 'model list');
    expect(error.code).toBe('auth');
    expect(error.message).toContain('Invalid API Key');
    expect(error.hint).toMatch(/API key/);
  });

  it('maps 403 to auth too', () => {
    expect(errorFromResponse(403, 'Forbidden', 'model list').code).toBe('auth');
  });

  it('maps exceed_context_size_error to context-overflow with the token counts', () => {
    const error = errorFromResponse(
      400,
      '{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":1524,"n_ctx":512}}',
      'chat completion',
    );
    expect(error.code).toBe('context-overflow');
    expect(error.message).toContain('1524');
    expect(error.message).toContain('512');
    expect(error.hint).toMatch(/shorter excerpt/);
  });

  it("recognises vLLM's and OpenAI's wording of a context overflow", () => {
    const vllm = `{"object":"error","message":"This model's maximum context length is 2048 tokens. However, you requested 4000 tokens.","type":"BadRequestError","code":400}`;
    expect(errorFromResponse(400, vllm, 'chat completion').code).toBe('context-overflow');
    const openai = '{"error":{"message":"too long","type":"invalid_request_error","code":"context_length_exceeded"}}';
    expect(errorFromResponse(400, openai, 'chat completion').code).toBe('context-overflow');
  });

  it("reads Ollama's string errors and keeps unknown bodies readable", () => {
    expect(parseErrorBody('{"error":"model \\"x\\" not found"}')).toEqual({ message: 'model "x" not found' });
    expect(parseErrorBody('<html>bad gateway</html>')).toBeNull();
    const error = errorFromResponse(400, '<html>bad gateway</html>', 'chat completion');
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('bad gateway');
  });

  it('maps 5xx to a passing server error and honours Retry-After in seconds or as a date', () => {
    const busy = errorFromResponse(429, '', 'chat completion', '3');
    expect(busy).toMatchObject({ code: 'busy', retryAfterMs: 3000 });
    expect(errorFromResponse(502, 'Bad Gateway', 'chat completion', null)).toMatchObject({ code: 'server-error', retryAfterMs: undefined });
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('maps 404 to a hint about the /v1 path and 503 to busy', () => {
    expect(errorFromResponse(404, '{"error":{"message":"File Not Found","type":"not_found_error","code":404}}', 'model list').hint).toMatch(/\/v1/);
    expect(errorFromResponse(503, '{"error":{"message":"Loading model","type":"unavailable_error","code":503}}', 'chat completion').code).toBe('busy');
  });

  it('explains a failed fetch with the URL, the server and the CORS flags to set', () => {
    const error = errorFromNetworkFailure(new TypeError('Failed to fetch'), 'http://127.0.0.1:9/v1');
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('http://127.0.0.1:9/v1');
    expect(error.hint).toMatch(/--allowed-origins/);
    expect(error.hint).toMatch(/OLLAMA_ORIGINS/);
    expect(error.hint).toMatch(/llama-server/);
  });
});

describe('base URL', () => {
  it('adds /v1 when missing and keeps it when present', () => {
    expect(toApiRoot('http://localhost:8080')).toBe('http://localhost:8080/v1');
    expect(toApiRoot('http://localhost:8080/')).toBe('http://localhost:8080/v1');
    expect(toApiRoot(' http://localhost:8080/v1/ ')).toBe('http://localhost:8080/v1');
    expect(toApiRoot('https://openrouter.ai/api/v1')).toBe('https://openrouter.ai/api/v1');
    expect(toApiRoot('http://localhost:11434')).toBe('http://localhost:11434/v1');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => toApiRoot('localhost:8080')).toThrow(/not an http/);
    expect(() => toApiRoot('not a url')).toThrow(/not a URL/);
  });
});
