import { sha256Hex } from '../hash/sha256';
import type { SamplingParams } from '../types';

/** One excerpt to generate from: from the corpus (with its id) or pasted. */
export interface ExcerptInput {
  /** The corpus excerpt id, when it has one. */
  excerptId?: string;
  text: string;
  url?: string | null;
}

export interface TemplateVersionRef {
  id: string;
  hash: string;
}

/** A named set of sampling settings; a grid column or a run's setting. */
export interface SamplingPreset {
  id: string;
  label: string;
  params: SamplingParams;
}

/** One planned generation: everything that decides its output, named by a hash of exactly that. */
export interface PlannedItem {
  id: string;
  runId: string | null;
  excerptKey: string;
  excerptId: string | null;
  excerptText: string;
  url: string | null;
  templateVersionId: string;
  templateHash: string;
  modelKey: string;
  presetId: string;
  /** The preset's settings with this sample's seed. */
  params: SamplingParams;
  sampleIndex: number;
}

export interface PlanInput {
  runId: string | null;
  excerpts: readonly ExcerptInput[];
  templateVersions: readonly TemplateVersionRef[];
  modelKeys: readonly string[];
  presets: readonly SamplingPreset[];
  samplesPerExcerpt: number;
}

/** A corpus excerpt is named by its id; a pasted one by its text, so the same paste plans the same items. */
export const excerptKeyOf = (excerpt: ExcerptInput) => (excerpt.excerptId ? `excerpt:${excerpt.excerptId}` : `text:${sha256Hex(excerpt.text.trim())}`);

/** Sample i of an excerpt uses seed + i, the same in every column, so columns differ only in what they compare. */
export const seedForSample = (params: SamplingParams, sampleIndex: number) => params.seed + sampleIndex;

/**
 * The stable id of one generation (also the `custom_id` of batch files): a hash of the run, the excerpt, the
 * template version's content hash, the model, the sampling settings and the sample number. Planning the same run
 * again gives the same ids, which is what makes resuming exact.
 */
export function workItemId(parts: { runId: string | null; excerptKey: string; templateHash: string; modelKey: string; params: SamplingParams; sampleIndex: number }): string {
  const { temperature, topP, maxTokens, seed, stop } = parts.params;
  return sha256Hex(JSON.stringify([parts.runId, parts.excerptKey, parts.templateHash, parts.modelKey, [temperature, topP, maxTokens, seed, stop], parts.sampleIndex])).slice(0, 32);
}

/** excerpt × template version × model × preset × sample, excerpt-major so early items cover every column. */
export function planWorkItems(input: PlanInput): PlannedItem[] {
  if (!(Number.isInteger(input.samplesPerExcerpt) && input.samplesPerExcerpt >= 1)) {
    throw new RangeError(`Samples per excerpt must be a whole number ≥ 1 (got ${input.samplesPerExcerpt}).`);
  }
  const items: PlannedItem[] = [];
  const seen = new Set<string>();
  for (const excerpt of input.excerpts) {
    const excerptKey = excerptKeyOf(excerpt);
    for (let sampleIndex = 0; sampleIndex < input.samplesPerExcerpt; sampleIndex++) {
      for (const version of input.templateVersions) {
        for (const modelKey of input.modelKeys) {
          for (const preset of input.presets) {
            const params = { ...preset.params, seed: seedForSample(preset.params, sampleIndex) };
            const id = workItemId({ runId: input.runId, excerptKey, templateHash: version.hash, modelKey, params, sampleIndex });
            // The same excerpt twice in a working set is one excerpt.
            if (seen.has(id)) continue;
            seen.add(id);
            items.push({
              id,
              runId: input.runId,
              excerptKey,
              excerptId: excerpt.excerptId ?? null,
              excerptText: excerpt.text,
              url: excerpt.url ?? null,
              templateVersionId: version.id,
              templateHash: version.hash,
              modelKey,
              presetId: preset.id,
              params,
              sampleIndex,
            });
          }
        }
      }
    }
  }
  return items;
}
