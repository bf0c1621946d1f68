import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { classifyCatalog, type AdapterReport, type WebGpuReport } from './catalog';
import { parametersInMillions, recommendModel } from './recommend';

const adapter = (patch: Partial<AdapterReport>): WebGpuReport => ({
  available: true,
  adapter: {
    vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true, features: [],
    maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, deviceMemoryGiB: 8, ...patch,
  },
});

const recommend = (gpu: WebGpuReport) => recommendModel(classifyCatalog(prebuiltAppConfig.model_list, gpu), gpu);

describe('recommendModel on the real web-llm catalog', () => {
  it('on SwiftShader (no shader-f16) picks the smallest q4f32 instruct model', () => {
    const pick = recommend(adapter({}));
    expect(pick).toMatchObject({ engine: 'webllm', modelId: expect.stringMatching(/Instruct-q4f32_1-MLC$/) });
    expect(pick && pick.engine === 'webllm' && parametersInMillions(pick.modelId)).toBeLessThanOrEqual(500);
  });

  it('on a GPU with shader-f16 picks a q4f16 instruct model of at most 1.6B parameters', () => {
    const pick = recommend(adapter({ isFallbackAdapter: false, features: ['shader-f16'], deviceMemoryGiB: 8 }));
    expect(pick).toMatchObject({ engine: 'webllm', modelId: expect.stringMatching(/Instruct-q4f16_1-MLC$/) });
    expect(pick && pick.engine === 'webllm' && pick.approxDownloadMB).toBeGreaterThan(100);
  });

  it('without WebGPU suggests a small instruct GGUF for the CPU engine', () => {
    expect(recommend({ available: false, reason: 'no navigator.gpu' })).toMatchObject({ engine: 'wllama', name: expect.stringMatching(/Instruct.*\.gguf$/), why: expect.stringMatching(/No WebGPU/) });
  });

  it('reads parameter counts from ids', () => {
    expect(parametersInMillions('SmolLM2-360M-Instruct-q4f32_1-MLC')).toBe(360);
    expect(parametersInMillions('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')).toBe(500);
    expect(parametersInMillions('gemma-2b-it-q4f16_1-MLC')).toBe(2000);
    expect(parametersInMillions('custom')).toBeNull();
  });
});
