export type EngineErrorCode =
  | 'no-webgpu'
  | 'unsupported-model'
  | 'quota-exceeded'
  | 'network'
  | 'unreachable'
  | 'cors'
  | 'auth'
  | 'device-lost'
  | 'bad-model-file'
  | 'context-overflow'
  | 'engine-crashed'
  | 'not-loaded'
  | 'busy'
  | 'bad-response'
  | 'server-error'
  | 'empty-output'
  | 'bad-request'
  | 'unknown';

/** An error a person can act on: what went wrong and what to do next. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly hint: string;
  /** How long the server asked us to wait before trying again (HTTP Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(code: EngineErrorCode, message: string, hint: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
    this.hint = hint;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}

export function describeError(error: unknown): { message: string; hint: string; code: EngineErrorCode } {
  if (isEngineError(error)) return { message: error.message, hint: error.hint, code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { message, hint: 'Try again; if it keeps failing, reload the page.', code: 'unknown' };
}
