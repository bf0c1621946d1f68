import { describe, expect, it } from 'vitest';
import { EngineError } from '../../core/engine/errors';
import { isCrash, toEngineError } from './errors';

class RuntimeError extends Error {
  override name = 'RuntimeError';
}

describe('toEngineError', () => {
  it('turns a context overflow into an actionable error with the context size', () => {
    const error = toEngineError(new Error('request (402 tokens) exceeds the available context size (256 tokens), try increasing it'), 'generate', 256);
    expect(error.code).toBe('context-overflow');
    expect(error.message).toBe("The prompt (402 tokens) does not fit in the model's context of 256 tokens.");
    expect(error.hint).toMatch(/shorter excerpt/);
    expect(toEngineError(new Error('kv cache full'), 'generate', 512).message).toBe("The prompt does not fit in the model's context of 512 tokens.");
  });

  it('recognises a crashed worker, including invalid UTF-8 output and a dead wasm', () => {
    for (const error of [new RuntimeError('(ABORT) something'), new Error('[json.exception.type_error.316] invalid UTF-8 byte at index 3'), 'wllama has crashed, please reload the module']) {
      expect(isCrash(error)).toBe(true);
      expect(toEngineError(error, 'generate').code).toBe('engine-crashed');
    }
  });

  it('calls a failed load a model problem and keeps EngineErrors as they are', () => {
    expect(toEngineError(new Error('failed to load model'), 'load').code).toBe('bad-model-file');
    const own = new EngineError('busy', 'busy', 'wait');
    expect(toEngineError(own, 'generate')).toBe(own);
    expect(toEngineError(new Error('odd'), 'generate').code).toBe('unknown');
  });
});
