/**
 * Which of web-llm's models can run on this device, and why not. Pure: it takes web-llm's model records and a
 * WebGPU report, so it runs in Node tests with the real `prebuiltAppConfig`.
 */

/** The fields of web-llm's `ModelRecord` the lab reads (kept structural so this module never imports web-llm). */
export interface WebLlmModelRecord {
  model: string;
  model_id: string;
  model_lib: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  buffer_size_required_bytes?: number;
  required_features?: string[];
  /** 0 or absent: LLM; 1: embedding; 2: vision-language. */
  model_type?: number;
  overrides?: { context_window_size?: number };
}

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software adapters such as SwiftShader: they work, but slowly and in system memory. */
  isFallbackAdapter: boolean;
  features: string[];
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** `navigator.deviceMemory` in GiB: coarse and capped (Chromium reports at most 8); null where unknown. */
  deviceMemoryGiB: number | null;
}

export type WebGpuReport =
  | { available: true; adapter: AdapterReport }
  | { available: false; reason: string };

export type ModelPurpose = 'chat' | 'embedding' | 'vision';

export type Availability =
  | { runnable: true; warning: string | null }
  | { runnable: false; reasons: string[] };

export interface CatalogEntry {
  modelId: string;
  weightsUrl: string;
  modelLibUrl: string;
  purpose: ModelPurpose;
  /** e.g. `q4f32_1`; null when the id does not name one (custom models). */
  quantization: string | null;
  needsShaderF16: boolean;
  vramMB: number | null;
  contextWindow: number | null;
  lowResource: boolean;
  availability: Availability;
}

const QUANTIZATION = /-(q\d+b?f\d+(?:_\d+)?)(?:-|$)/;

export function quantizationOf(modelId: string): string | null {
  return QUANTIZATION.exec(modelId)?.[1] ?? null;
}

/**
 * Only some f16 models declare `required_features: ["shader-f16"]`; the quantization in the id (q4f16_1, q0f16 …)
 * says the same for the rest.
 */
export function needsShaderF16(record: WebLlmModelRecord): boolean {
  if (record.required_features?.includes('shader-f16')) return true;
  const quantization = quantizationOf(record.model_id);
  return quantization !== null && /f16/.test(quantization);
}

export function purposeOf(record: WebLlmModelRecord): ModelPurpose {
  if (record.model_type === 1) return 'embedding';
  if (record.model_type === 2) return 'vision';
  return 'chat';
}

/**
 * How much GPU memory a model may use here. A software adapter renders in system memory shared with the browser,
 * so half of the reported RAM is a firm ceiling; a hardware adapter's VRAM is not exposed to the web, so the
 * reported RAM only supports a warning.
 */
export function memoryBudgetMB(adapter: AdapterReport): { mb: number; firm: boolean } | null {
  if (adapter.deviceMemoryGiB === null) return null;
  const mb = adapter.deviceMemoryGiB * 1024;
  return adapter.isFallbackAdapter ? { mb: mb / 2, firm: true } : { mb, firm: false };
}

function formatMB(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

export function classifyModel(record: WebLlmModelRecord, gpu: WebGpuReport): CatalogEntry {
  const purpose = purposeOf(record);
  const f16 = needsShaderF16(record);
  const vramMB = record.vram_required_MB ?? null;
  const reasons: string[] = [];
  let warning: string | null = null;

  if (purpose === 'embedding') reasons.push('embedding model: it makes vectors, not dialogue');
  if (purpose === 'vision') reasons.push('vision model: the lab sends text only, use its text-only sibling');
  if (!gpu.available) {
    reasons.push(`no WebGPU: ${gpu.reason}`);
  } else {
    const { adapter } = gpu;
    const missing = (record.required_features ?? []).filter((feature) => !adapter.features.includes(feature));
    if (f16 && !missing.includes('shader-f16') && !adapter.features.includes('shader-f16')) missing.unshift('shader-f16');
    for (const feature of missing) reasons.push(`needs ${feature}, which this GPU does not offer`);
    const bindingLimit = Math.min(adapter.maxStorageBufferBindingSize, adapter.maxBufferSize);
    if (record.buffer_size_required_bytes !== undefined && record.buffer_size_required_bytes > bindingLimit) {
      reasons.push(
        `needs GPU buffers of ${formatMB(record.buffer_size_required_bytes / 2 ** 20)}; this GPU allows ${formatMB(bindingLimit / 2 ** 20)}`,
      );
    }
    const budget = memoryBudgetMB(adapter);
    if (budget && vramMB !== null && vramMB > budget.mb) {
      const text = `needs about ${formatMB(vramMB)} of GPU memory; this device has about ${formatMB(budget.mb)}`;
      if (budget.firm) reasons.push(text);
      else warning = `${text} (it may not fit)`;
    }
  }

  return {
    modelId: record.model_id,
    weightsUrl: record.model,
    modelLibUrl: record.model_lib,
    purpose,
    quantization: quantizationOf(record.model_id),
    needsShaderF16: f16,
    vramMB,
    contextWindow: record.overrides?.context_window_size ?? null,
    lowResource: record.low_resource_required ?? false,
    availability: reasons.length > 0 ? { runnable: false, reasons } : { runnable: true, warning },
  };
}

export function classifyCatalog(records: readonly WebLlmModelRecord[], gpu: WebGpuReport): CatalogEntry[] {
  return records.map((record) => classifyModel(record, gpu));
}

/** Case-insensitive match of every word of the query against the id, quantization and status. */
export function filterCatalog(entries: readonly CatalogEntry[], query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const haystack = [
      entry.modelId,
      entry.purpose,
      entry.availability.runnable ? 'runnable' : `not runnable ${entry.availability.reasons.join(' ')}`,
    ].join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
