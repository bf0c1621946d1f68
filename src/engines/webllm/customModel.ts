import { z } from 'zod';
import type { ModelSource } from '../../core/engine/types';

export interface CustomModelInput {
  modelId: string;
  weightsUrl: string;
  modelLibUrl: string;
}

const absoluteHttpUrl = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: `${what} must be an absolute http(s) URL, e.g. https://huggingface.co/user/Model-q4f32_1-MLC`,
    });

const customModelSchema = z.object({
  modelId: z.string().trim(),
  weightsUrl: absoluteHttpUrl('The weights URL'),
  modelLibUrl: absoluteHttpUrl('The model library URL').refine((value) => new URL(value).pathname.endsWith('.wasm'), {
    message: 'The model library URL must point to a compiled .wasm file',
  }),
});

export type CustomModelResult =
  | { ok: true; source: Extract<ModelSource, { kind: 'webllm-custom' }> }
  | { ok: false; problems: string[] };

/**
 * A model compiled with MLC and hosted anywhere: the folder (or Hugging Face repo) with `mlc-chat-config.json` and
 * the weight shards, plus the WebGPU library. Without an id, the repo or folder name is used.
 */
export function parseCustomModel(input: CustomModelInput): CustomModelResult {
  const parsed = customModelSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  const { weightsUrl, modelLibUrl } = parsed.data;
  const modelId = parsed.data.modelId || defaultModelId(weightsUrl);
  if (!modelId) return { ok: false, problems: ['Give the model an id: the weights URL has no folder name to use'] };
  return { ok: true, source: { kind: 'webllm-custom', modelId, weightsUrl, modelLibUrl } };
}

function defaultModelId(weightsUrl: string): string {
  const path = new URL(weightsUrl).pathname.replace(/\/resolve\/[^/]+\/?$/, '').replace(/\/+$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}
