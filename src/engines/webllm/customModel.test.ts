import { describe, expect, it } from 'vitest';
import { parseCustomModel } from './customModel';

const lib = 'https://example.org/libs/My-Model-q4f32_1-webgpu.wasm';

describe('parseCustomModel', () => {
  it('takes the id from a Hugging Face repo URL when none is given', () => {
    expect(parseCustomModel({ modelId: ' ', weightsUrl: 'https://huggingface.co/me/My-Model-q4f32_1-MLC', modelLibUrl: lib })).toEqual({
      ok: true,
      source: { kind: 'webllm-custom', modelId: 'My-Model-q4f32_1-MLC', weightsUrl: 'https://huggingface.co/me/My-Model-q4f32_1-MLC', modelLibUrl: lib },
    });
    const resolved = parseCustomModel({ modelId: '', weightsUrl: 'https://huggingface.co/me/Other-MLC/resolve/main/', modelLibUrl: lib });
    expect(resolved.ok && resolved.source.modelId).toBe('Other-MLC');
  });

  it('keeps a given id', () => {
    const result = parseCustomModel({ modelId: 'mine', weightsUrl: 'http://localhost:8000/models/x/', modelLibUrl: lib });
    expect(result.ok && result.source.modelId).toBe('mine');
  });

  it('refuses relative URLs and libraries that are not .wasm, saying why', () => {
    const result = parseCustomModel({ modelId: '', weightsUrl: '/models/x', modelLibUrl: 'https://example.org/lib.js' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      expect.stringMatching(/weights URL must be an absolute/),
      expect.stringMatching(/\.wasm/),
    ]);
  });
});
