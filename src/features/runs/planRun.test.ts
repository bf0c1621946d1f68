import { describe, expect, it } from 'vitest';
import type { Engine, EngineKind } from '../../core/engine/types';
import { modelKeyOf, type GenerationTarget } from '../../core/generation/generateDialogue';
import { builtInFor } from '../../core/templates';
import { DEFAULT_SAMPLING } from '../../core/types';
import { planRun, splitPastedExcerpts } from './planRun';

/** Planning never generates: a target only needs its engine kind and its model's context. */
function target(kind: EngineKind, modelName: string, contextLength: number | null): GenerationTarget {
  const engine = { kind, parallelRequests: kind === 'openai' } as Engine;
  return { key: modelKeyOf(kind, modelName), engine, model: { engine: kind, modelName, contextLength, hasChatTemplate: false } };
}

const twoStudents = builtInFor('TWO_STUDENTS').version;
const debate = builtInFor('DEBATE').version;
const preset = { id: 'a', label: 'A', params: { ...DEFAULT_SAMPLING, maxTokens: 24 } };
const short = (i: number) => ({ text: `Excerpt ${i}: $x^${i} \\cdot x = x^${i + 1}$.` });

describe('planRun', () => {
  it('plans excerpts × templates × models × samples and counts the excerpts used', () => {
    const plan = planRun({ runId: 'r', excerpts: [short(1), short(2), short(3)], versions: [twoStudents, debate], targets: [target('wllama', 'tiny', 2048)], presets: [preset], samplesPerExcerpt: 2 });
    expect(plan.kind).toBe('ready');
    if (plan.kind !== 'ready') return;
    expect(plan.items).toHaveLength(12);
    expect(new Set(plan.items.map((i) => i.id)).size).toBe(12);
    expect(plan.excerptCount).toBe(3);
    expect(plan.skipped).toEqual([]);
  });

  it('skips an excerpt too long for one model, for that model only, naming the excerpt and the reason', () => {
    const long = { text: `A long proof. ${'Since $a_n \\to 0$, the series converges. '.repeat(200)}` };
    const plan = planRun({ runId: 'r', excerpts: [short(1), long], versions: [twoStudents], targets: [target('wllama', 'small-context', 512), target('openai', 'big', 32_768)], presets: [preset], samplesPerExcerpt: 1 });
    expect(plan.kind).toBe('ready');
    if (plan.kind !== 'ready') return;
    expect(plan.items.map((i) => [i.excerptText === long.text ? 'long' : 'short', i.modelKey])).toEqual([
      ['short', 'wllama:small-context'],
      ['short', 'openai:big'],
      ['long', 'openai:big'],
    ]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]!.reason).toMatch(/^“A long proof\. Since \$a_n \\to 0\$, the …”: Too long for small-context \(wllama\) with template v1, preset A: The prompt \(~\d+ tokens\) does not fit .*context of 512 tokens\.$/);
  });

  it('refuses a run over no excerpts, and one where every excerpt was skipped', () => {
    const none = planRun({ runId: 'r', excerpts: [], versions: [twoStudents], targets: [target('wllama', 'm', 2048)], presets: [preset], samplesPerExcerpt: 1 });
    expect(none).toMatchObject({ kind: 'refused', message: 'The run has no excerpts.' });
    const allTooLong = planRun({ runId: 'r', excerpts: [short(1)], versions: [twoStudents], targets: [target('wllama', 'm', 2048)], presets: [{ ...preset, params: { ...preset.params, maxTokens: 4000 } }], samplesPerExcerpt: 1 });
    expect(allTooLong).toMatchObject({ kind: 'refused', message: 'Nothing to run: every excerpt was skipped (1).' });
  });

  it('refuses sampling an engine would reject instead of clamping it', () => {
    const plan = planRun({ runId: 'r', excerpts: [short(1)], versions: [twoStudents], targets: [target('openai', 'm', 4096)], presets: [{ ...preset, params: { ...preset.params, temperature: 3 } }], samplesPerExcerpt: 1 });
    expect(plan).toMatchObject({ kind: 'refused', message: 'Preset A on m (openai): Temperature must be between 0 and 2 for openai (got 3).' });
  });

  it('keeps excerpts already known to be unusable in the skipped list', () => {
    const plan = planRun({ runId: 'r', excerpts: [short(1)], versions: [twoStudents], targets: [target('wllama', 'm', 2048)], presets: [preset], samplesPerExcerpt: 1, alreadySkipped: [{ excerptKey: 'excerpt:7', reason: 'Deleted.' }] });
    expect(plan.kind === 'ready' && plan.skipped).toEqual([{ excerptKey: 'excerpt:7', reason: 'Deleted.' }]);
  });
});

describe('splitPastedExcerpts', () => {
  it('cuts on blank lines (spaces allowed), keeping line breaks inside a block', () => {
    expect(splitPastedExcerpts('a\nb\n\n  \n c \n \t\nd\n\n')).toEqual([{ text: 'a\nb' }, { text: 'c' }, { text: 'd' }]);
    expect(splitPastedExcerpts(' \n\n ')).toEqual([]);
  });
});
