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
  | 'unknown';

/** An error a person can act on: what went wrong and what to do next. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly hint: string;

  constructor(code: EngineErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
    this.hint = hint;
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
