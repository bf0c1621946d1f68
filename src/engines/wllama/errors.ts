import { EngineError, isEngineError } from '../../core/engine/errors';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Errors that mean the wasm or its worker is dead: every later call would fail too. */
export function isCrash(error: unknown): boolean {
  if (error instanceof Error && error.name === 'RuntimeError') return true;
  return /has crashed|\(ABORT\)|invalid UTF-8|unreachable|out of memory|memory access out of bounds/i.test(messageOf(error));
}

const CONTEXT_OVERFLOW = /exceed(s|ed)? the available context size|context size|kv.?cache.*full|n_ctx/i;
/** llama-server's wording: "request (402 tokens) exceeds the available context size (256 tokens), …". */
const OVERFLOW_COUNTS = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/;

/** The prompt and context sizes named in a context-overflow message, when it names them. */
export function overflowCounts(error: unknown): { promptTokens: number; contextTokens: number } | null {
  const match = OVERFLOW_COUNTS.exec(messageOf(error));
  return match ? { promptTokens: Number(match[1]), contextTokens: Number(match[2]) } : null;
}

/** Turns what wllama throws into an EngineError a person can act on. */
export function toEngineError(error: unknown, phase: 'load' | 'generate', contextLength?: number | null): EngineError {
  if (isEngineError(error)) return error;
  const message = messageOf(error);
  if (isCrash(error)) {
    return new EngineError(
      'engine-crashed',
      `The wllama engine crashed: ${message}`,
      'Load the model again (Models tab). If it keeps happening, the model may produce text the engine cannot decode (invalid UTF-8): try a lower temperature, another seed or another model.',
      { cause: error },
    );
  }
  if (phase === 'generate' && CONTEXT_OVERFLOW.test(message)) {
    const counts = overflowCounts(error);
    const context = counts?.contextTokens ?? contextLength;
    const size = context ? ` of ${context} tokens` : '';
    const prompt = counts ? ` (${counts.promptTokens} tokens)` : '';
    return new EngineError(
      'context-overflow',
      `The prompt${prompt} does not fit in the model's context${size}.`,
      'Use a shorter excerpt, lower max tokens, or load the model again with a bigger context size.',
      { cause: error },
    );
  }
  if (phase === 'load') {
    return new EngineError(
      'bad-model-file',
      `wllama could not load the model: ${message}`,
      'Check that the file is a llama.cpp GGUF model of a supported architecture and that there is enough memory; try a smaller context size.',
      { cause: error },
    );
  }
  return new EngineError('unknown', `wllama failed: ${message}`, 'Try again; if it keeps failing, load the model again.', { cause: error });
}
