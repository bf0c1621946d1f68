import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { classifyCatalog, classifyModel, filterCatalog, needsShaderF16, quantizationOf, type AdapterReport, type WebGpuReport } from './catalog';

const GiB = 2 ** 30;
const swiftShader: AdapterReport = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader',
  isFallbackAdapter: true,
  features: ['depth-clip-control', 'float32-filterable', 'timestamp-query'],
  maxBufferSize: GiB,
  maxStorageBufferBindingSize: 128 * 2 ** 20,
  deviceMemoryGiB: 8,
};
const onSwiftShader: WebGpuReport = { available: true, adapter: swiftShader };
const bigGpu: WebGpuReport = {
  available: true,
  adapter: { ...swiftShader, isFallbackAdapter: false, features: ['shader-f16'], maxBufferSize: 4 * GiB, maxStorageBufferBindingSize: 2 * GiB },
};
const records = prebuiltAppConfig.model_list;
const byId = (id: string) => {
  const record = records.find((candidate) => candidate.model_id === id);
  if (!record) throw new Error(`${id} missing from web-llm's catalog`);
  return record;
};

describe('quantization and shader-f16', () => {
  it('reads the quantization from the id', () => {
    expect(quantizationOf('SmolLM2-360M-Instruct-q4f32_1-MLC')).toBe('q4f32_1');
    expect(quantizationOf('gemma-2b-it-q4f16_1-MLC-1k')).toBe('q4f16_1');
    expect(quantizationOf('snowflake-arctic-embed-m-q0f32-MLC-b32')).toBe('q0f32');
    expect(quantizationOf('my-model')).toBeNull();
  });

  it('counts every f16 model as needing shader-f16, declared or not', () => {
    const f16 = records.filter(needsShaderF16);
    const declared = records.filter((record) => record.required_features?.includes('shader-f16'));
    expect(declared.length).toBeGreaterThan(0);
    expect(f16.length).toBeGreaterThan(declared.length);
    expect(f16.every((record) => /f16/.test(record.model_id))).toBe(true);
    expect(records.filter((record) => /q4f32|q0f32/.test(record.model_id)).some(needsShaderF16)).toBe(false);
  });
});

describe('classifyModel on SwiftShader', () => {
  it('runs the small f32 chat model', () => {
    const entry = classifyModel(byId('SmolLM2-360M-Instruct-q4f32_1-MLC'), onSwiftShader);
    expect(entry.availability).toEqual({ runnable: true, warning: null });
    expect(entry.purpose).toBe('chat');
    expect(entry.quantization).toBe('q4f32_1');
    expect(entry.vramMB).toBeCloseTo(579.61);
  });

  it('refuses f16 models with the reason, including those that do not declare it', () => {
    const undeclared = records.find((record) => /q4f16/.test(record.model_id) && !record.required_features && !record.model_type);
    expect(undeclared).toBeDefined();
    const entry = classifyModel(undeclared!, onSwiftShader);
    expect(entry.availability.runnable).toBe(false);
    expect(entry.availability.runnable === false && entry.availability.reasons.join()).toMatch(/needs shader-f16/);
  });

  it('refuses models larger than half the memory of a software adapter', () => {
    const entry = classifyModel(byId('Llama-3.1-8B-Instruct-q4f32_1-MLC'), onSwiftShader);
    expect(entry.availability.runnable === false && entry.availability.reasons.join()).toMatch(/GPU memory; this device has about 4\.0 GB/);
  });

  it('refuses models whose buffers exceed the binding limit', () => {
    const entry = classifyModel(byId('gemma-2b-it-q4f32_1-MLC'), onSwiftShader);
    expect(entry.availability.runnable === false && entry.availability.reasons.join()).toMatch(/GPU buffers of 250 MB; this GPU allows 128 MB/);
  });

  it('marks embedding and vision models as not for dialogue', () => {
    const embedding = classifyModel(byId('snowflake-arctic-embed-s-q0f32-MLC-b4'), bigGpu);
    expect(embedding.purpose).toBe('embedding');
    expect(embedding.availability.runnable).toBe(false);
    const vision = classifyModel(byId('Phi-3.5-vision-instruct-q4f32_1-MLC'), bigGpu);
    expect(vision.purpose).toBe('vision');
    expect(vision.availability.runnable).toBe(false);
  });
});

describe('classifyModel elsewhere', () => {
  it('gives every model the no-WebGPU reason without an adapter', () => {
    const entries = classifyCatalog(records, { available: false, reason: 'no navigator.gpu' });
    expect(entries).toHaveLength(records.length);
    expect(entries.every((entry) => entry.availability.runnable === false && entry.availability.reasons.includes('no WebGPU: no navigator.gpu'))).toBe(true);
  });

  it('only warns about memory on a hardware GPU, whose VRAM the web cannot see', () => {
    const entry = classifyModel(byId('Llama-3.1-70B-Instruct-q3f16_1-MLC'), bigGpu);
    expect(entry.availability.runnable).toBe(true);
    expect(entry.availability.runnable && entry.availability.warning).toMatch(/may not fit/);
  });

  it('runs f16 models where the adapter has shader-f16', () => {
    expect(classifyModel(byId('gemma-2b-it-q4f16_1-MLC'), bigGpu).availability).toEqual({ runnable: true, warning: null });
  });
});

describe('filterCatalog', () => {
  const entries = classifyCatalog(records, onSwiftShader);
  it('matches every word, case-insensitively, against id and status', () => {
    const found = filterCatalog(entries, 'smollm2 Q4F32');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((entry) => /smollm2/i.test(entry.modelId) && entry.modelId.includes('q4f32'))).toBe(true);
    expect(filterCatalog(entries, 'shader-f16').every((entry) => !entry.availability.runnable)).toBe(true);
    expect(filterCatalog(entries, '   ')).toHaveLength(entries.length);
  });
});
