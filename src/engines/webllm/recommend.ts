import type { CatalogEntry, WebGpuReport } from './catalog';

/**
 * The one model to suggest to someone who has none, for this device: a small instruct model that runs here.
 * Pure, so the choice is tested against the real catalog on any device report.
 */
export type Recommendation =
  | { engine: 'webllm'; modelId: string; vramMB: number | null; approxDownloadMB: number | null; why: string }
  | { engine: 'wllama'; url: string; name: string; why: string };

/**
 * Without WebGPU: a small instruct GGUF for the CPU engine (SmolLM2 360M Instruct, Apache 2.0, with a chat
 * template), from Hugging Face. Its size is read from the server before the download starts.
 */
export const CPU_RECOMMENDATION = {
  name: 'SmolLM2-360M-Instruct-Q4_K_M.gguf',
  url: 'https://huggingface.co/bartowski/SmolLM2-360M-Instruct-GGUF/resolve/main/SmolLM2-360M-Instruct-Q4_K_M.gguf',
};

/** Parameters named in an id ("0.5B", "360M"), in millions. */
export function parametersInMillions(modelId: string): number | null {
  const match = /-(\d+(?:\.\d+)?)([MB])-/i.exec(modelId);
  if (!match) return null;
  const value = Number(match[1]);
  return match[2]!.toUpperCase() === 'B' ? value * 1000 : value;
}

/** 4-bit weights with their group scales come to about 0.56 bytes a parameter. */
const approxDownloadMB = (modelId: string) => {
  const millions = parametersInMillions(modelId);
  return millions === null ? null : Math.round(millions * 0.56);
};

/** Small enough to load in a minute or two and run on a laptop, large enough to follow a MIND prompt. */
const MAX_PARAMETERS_M = 1600;

export function recommendModel(catalog: readonly CatalogEntry[], gpu: WebGpuReport | null): Recommendation | null {
  if (gpu === null) return null;
  if (!gpu.available) {
    return { engine: 'wllama', url: CPU_RECOMMENDATION.url, name: CPU_RECOMMENDATION.name, why: `No WebGPU here (${gpu.reason}), so a small instruct GGUF on the CPU engine.` };
  }
  const f16 = gpu.adapter.features.includes('shader-f16');
  const quantization = f16 ? 'q4f16_1' : 'q4f32_1';
  const candidates = catalog.filter(
    (entry) =>
      entry.purpose === 'chat' &&
      entry.availability.runnable &&
      entry.availability.warning === null &&
      entry.quantization === quantization &&
      /instruct/i.test(entry.modelId) &&
      (parametersInMillions(entry.modelId) ?? Infinity) <= MAX_PARAMETERS_M,
  );
  if (candidates.length === 0) {
    return { engine: 'wllama', url: CPU_RECOMMENDATION.url, name: CPU_RECOMMENDATION.name, why: 'No small instruct model of the WebLLM catalog fits this GPU, so a GGUF on the CPU engine.' };
  }
  // A software adapter is slow: take the smallest. A real GPU: the largest small model that fits.
  const bySize = [...candidates].sort((a, b) => (parametersInMillions(a.modelId) ?? 0) - (parametersInMillions(b.modelId) ?? 0) || (a.vramMB ?? 0) - (b.vramMB ?? 0));
  const chosen = gpu.adapter.isFallbackAdapter ? bySize[0]! : bySize[bySize.length - 1]!;
  const why = gpu.adapter.isFallbackAdapter
    ? `WebGPU runs in software here (${quantization}: ${f16 ? 'shader-f16 available' : 'no shader-f16'}), so the smallest instruct model.`
    : `WebGPU ${f16 ? 'with' : 'without'} shader-f16, so ${quantization}; the largest small instruct model that fits.`;
  return { engine: 'webllm', modelId: chosen.modelId, vramMB: chosen.vramMB, approxDownloadMB: approxDownloadMB(chosen.modelId), why };
}
