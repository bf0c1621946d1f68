import { isEngineError } from '../../core/engine/errors';
import { preflight, type GenerationTarget } from '../../core/generation/generateDialogue';
import { excerptKeyOf, planWorkItems, type ExcerptInput, type PlannedItem, type SamplingPreset } from '../../core/generation/plan';
import type { TemplateVersionRecord } from '../../core/templates/schema';

export interface RunPlanInput {
  runId: string;
  excerpts: readonly ExcerptInput[];
  versions: readonly TemplateVersionRecord[];
  targets: readonly GenerationTarget[];
  presets: readonly SamplingPreset[];
  samplesPerExcerpt: number;
  /** Excerpts already known to be unusable (deleted from the corpus, say), with why. */
  alreadySkipped?: readonly SkippedExcerpt[];
}

export interface SkippedExcerpt {
  excerptKey: string;
  reason: string;
}

export type RunPlan =
  | { kind: 'ready'; items: PlannedItem[]; skipped: SkippedExcerpt[]; excerptCount: number }
  /** Nothing can be started: what is wrong, and what to do. */
  | { kind: 'refused'; message: string; hint: string };

/** The first words of an excerpt, to name it in a list of skipped ones. */
export const excerptPreview = (text: string, words = 8) => {
  const all = text.trim().split(/\s+/);
  return all.slice(0, words).join(' ') + (all.length > words ? ' …' : '');
};

/**
 * Plans a run and checks every planned request before anything is stored: invalid sampling refuses the whole run
 * (nothing is clamped), an excerpt whose prompt or answer does not fit a model's context is skipped for that model
 * with the reason (so it is flagged now, not failed mid-run), and a run with nothing to do is refused.
 */
export function planRun(input: RunPlanInput): RunPlan {
  if (input.excerpts.length === 0) {
    return { kind: 'refused', message: 'The run has no excerpts.', hint: 'Pick a working set with excerpts in it, or paste excerpts separated by blank lines.' };
  }
  if (input.versions.length === 0) return { kind: 'refused', message: 'No template is selected.', hint: 'Tick at least one template.' };
  if (input.targets.length === 0) return { kind: 'refused', message: 'No model is selected.', hint: 'Load a model on the Models tab and tick it here.' };
  if (input.presets.length === 0) return { kind: 'refused', message: 'No sampling preset.', hint: 'Fill in the sampling settings.' };

  let planned: PlannedItem[];
  try {
    planned = planWorkItems({
      runId: input.runId,
      excerpts: input.excerpts,
      templateVersions: input.versions,
      modelKeys: input.targets.map((t) => t.key),
      presets: input.presets,
      samplesPerExcerpt: input.samplesPerExcerpt,
    });
  } catch (error) {
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error), hint: 'Change the samples per excerpt.' };
  }

  const versionOf = new Map(input.versions.map((v) => [v.id, v]));
  const targetOf = new Map(input.targets.map((t) => [t.key, t]));
  const presetOf = new Map(input.presets.map((p) => [p.id, p]));
  const textOf = new Map(input.excerpts.map((e) => [excerptKeyOf(e), e]));
  // The seed is the only thing samples change, and it does not change the prompt: check each combination once.
  const verdicts = new Map<string, string | null>();
  const reasons = new Map<string, Set<string>>();
  const items: PlannedItem[] = [];
  for (const item of planned) {
    const combination = JSON.stringify([item.excerptKey, item.templateVersionId, item.modelKey, item.presetId]);
    if (!verdicts.has(combination)) {
      const target = targetOf.get(item.modelKey)!;
      const version = versionOf.get(item.templateVersionId)!;
      const preset = presetOf.get(item.presetId)!;
      try {
        preflight({ target, version, excerpt: textOf.get(item.excerptKey)!, params: preset.params });
        verdicts.set(combination, null);
      } catch (error) {
        if (isEngineError(error) && error.code === 'context-overflow') {
          verdicts.set(combination, `Too long for ${target.model.modelName} (${target.engine.kind}) with template v${version.number}, preset ${preset.label}: ${error.message}`);
        } else {
          const message = error instanceof Error ? error.message : String(error);
          return {
            kind: 'refused',
            message: `Preset ${preset.label} on ${target.model.modelName} (${target.engine.kind}): ${message}`,
            hint: isEngineError(error) ? error.hint : 'Change the settings and plan again.',
          };
        }
      }
    }
    const reason = verdicts.get(combination);
    if (reason) {
      const set = reasons.get(item.excerptKey) ?? new Set<string>();
      set.add(reason);
      reasons.set(item.excerptKey, set);
    } else {
      items.push(item);
    }
  }

  const skipped = [
    ...(input.alreadySkipped ?? []),
    ...[...reasons].map(([excerptKey, set]) => ({ excerptKey, reason: `“${excerptPreview(textOf.get(excerptKey)!.text)}”: ${[...set].join(' ')}` })),
  ];
  if (items.length === 0) {
    return {
      kind: 'refused',
      message: `Nothing to run: every excerpt was skipped (${skipped.length}).`,
      hint: skipped[0] ? `First reason: ${skipped[0].reason} Use shorter excerpts, a lower max tokens or a model with a longer context.` : 'Pick other excerpts.',
    };
  }
  return { kind: 'ready', items, skipped, excerptCount: new Set(items.map((i) => i.excerptKey)).size };
}

/** Pasted excerpts: one per block, blocks separated by blank lines. */
export const splitPastedExcerpts = (text: string): ExcerptInput[] =>
  text
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => ({ text: block }));
