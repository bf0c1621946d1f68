import { describe, expect, it } from 'vitest';
import { EngineError } from '../../core/engine/errors';
import { toWebLlmError } from './webllmErrors';

const id = 'SmolLM2-360M-Instruct-q4f32_1-MLC';

describe('toWebLlmError', () => {
  it.each([
    ['TypeError: Failed to fetch', 'network'],
    [new TypeError('Failed to fetch'), 'network'],
    ['QuotaExceededError: The quota has been exceeded.', 'quota-exceeded'],
    [new DOMException('Quota exceeded', 'QuotaExceededError'), 'quota-exceeded'],
    ['This model requires WebGPU extension shader-f16, which is not enabled in this browser.', 'unsupported-model'],
    ['The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).', 'device-lost'],
    ['Cannot find WebGPU in the environment', 'no-webgpu'],
    ['something odd', 'unknown'],
  ] as const)('maps %s to %s', (raw, code) => {
    const error = toWebLlmError(raw, id);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.code).toBe(code);
    expect(error.hint.length).toBeGreaterThan(10);
  });

  it('says what to do about a full disk and a lost device', () => {
    expect(toWebLlmError('QuotaExceededError', id).hint).toMatch(/IndexedDB/);
    expect(toWebLlmError('Device was lost', id).hint).toMatch(/-1k/);
  });

  it('keeps an EngineError as it is', () => {
    const original = new EngineError('busy', 'm', 'h');
    expect(toWebLlmError(original, id)).toBe(original);
  });
});
