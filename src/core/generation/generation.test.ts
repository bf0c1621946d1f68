import { describe, expect, it } from 'vitest';
import { builtInFor } from '../templates';
import { DEFAULT_SAMPLING } from '../types';
import { basicChecks } from './checks';
import { preflight, refineFinish } from './generateDialogue';
import { planWorkItems } from './plan';
import { contextBudget, describeBudget, ignoredSettings, samplingProblems } from './sampling';

const stats = (completionTokens: number) => ({ promptTokens: 1, completionTokens, timeToFirstTokenMs: 1, decodeTokensPerSecond: 1, totalMs: 1, finishReason: 'stop' as const });

describe('planWorkItems', () => {
  const versions = [builtInFor('TWO_STUDENTS').version, builtInFor('DEBATE').version];
  const plan = (runId: string | null = 'r') =>
    planWorkItems({
      runId,
      excerpts: [{ text: 'a' }, { excerptId: '7', text: 'b' }, { text: ' a ' }],
      templateVersions: versions,
      modelKeys: ['wllama:x', 'openai:y'],
      presets: [{ id: 'p', label: 'p', params: { ...DEFAULT_SAMPLING, seed: 10 } }],
      samplesPerExcerpt: 2,
    });

  it('crosses excerpts, versions, models and samples, with ids stable across plans and distinct within one', () => {
    const items = plan();
    // 'a' and ' a ' are the same pasted excerpt.
    expect(items).toHaveLength(2 * 2 * 2 * 2);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(plan().map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(plan('other').map((i) => i.id)).not.toContain(items[0]!.id);
  });

  it('gives sample i the seed + i in every column', () => {
    const seeds = new Map<number, Set<number>>();
    for (const item of plan()) seeds.set(item.sampleIndex, (seeds.get(item.sampleIndex) ?? new Set()).add(item.params.seed));
    expect([...seeds.entries()].map(([i, s]) => [i, [...s]])).toEqual([[0, [10]], [1, [11]]]);
  });

  it('refuses a sample count that is not a whole number ≥ 1', () => {
    expect(() => planWorkItems({ runId: null, excerpts: [], templateVersions: [], modelKeys: [], presets: [], samplesPerExcerpt: 0 })).toThrow(RangeError);
  });
});

describe('sampling checks', () => {
  it('refuse out-of-range values per engine instead of clamping them', () => {
    expect(samplingProblems(DEFAULT_SAMPLING, 'openai')).toEqual([]);
    expect(samplingProblems({ ...DEFAULT_SAMPLING, temperature: 3 }, 'openai')[0]?.field).toBe('temperature');
    expect(samplingProblems({ ...DEFAULT_SAMPLING, temperature: 3 }, 'wllama')).toEqual([]);
    expect(samplingProblems({ ...DEFAULT_SAMPLING, topP: 0 }, 'wllama')[0]?.field).toBe('topP');
    expect(samplingProblems({ ...DEFAULT_SAMPLING, seed: -1 }, 'webllm')[0]?.field).toBe('seed');
    expect(samplingProblems({ ...DEFAULT_SAMPLING, maxTokens: 1.5 }, 'webllm')[0]?.field).toBe('maxTokens');
    expect(samplingProblems({ ...DEFAULT_SAMPLING, stop: ['a', 'b', 'c', 'd', 'e'] }, 'openai')[0]?.field).toBe('stop');
    expect(ignoredSettings('openai').seed).toMatch(/ignore the seed/);
  });

  it('flag max tokens beyond the context the prompt leaves, and a prompt that does not fit at all', () => {
    expect(describeBudget(contextBudget(2048, 300, 512), 512)).toBeNull();
    expect(describeBudget(contextBudget(1024, 700, 512), 512)).toMatch(/more than the 324 tokens/);
    expect(describeBudget(contextBudget(512, 600, 10), 10)).toMatch(/does not fit/);
  });

  it('preflight renders the prompt and refuses what cannot run, before any request', () => {
    const target = (contextLength: number) => ({
      key: 'wllama:m',
      engine: { kind: 'wllama' } as never,
      model: { engine: 'wllama' as const, modelName: 'm', contextLength, hasChatTemplate: false },
    });
    const version = builtInFor('INTERVIEW').version;
    const ok = preflight({ target: target(2048), version, excerpt: { text: 'Let $x=1$.' }, params: DEFAULT_SAMPLING });
    expect(ok.messages[0]?.content).toContain('Let $x=1$.');
    expect(ok.promptTokens).toBeGreaterThan(50);
    expect(() => preflight({ target: target(2048), version, excerpt: { text: '  ' }, params: DEFAULT_SAMPLING })).toThrow(/excerpt is empty/);
    expect(() => preflight({ target: target(300), version, excerpt: { text: 'x' }, params: DEFAULT_SAMPLING })).toThrow(/Max tokens \(512\)/);
    expect(() => preflight({ target: target(2048), version, excerpt: { text: 'x' }, params: { ...DEFAULT_SAMPLING, topP: 2 } })).toThrow(/Top p/);
  });
});

describe('basicChecks', () => {
  it('pass a dialogue of at least 50 tokens between two speakers, and say why otherwise', () => {
    const two = [{ speaker: 'Teacher', text: 'a' }, { speaker: 'Student', text: 'b' }];
    expect(basicChecks(two, stats(60))).toEqual({ pass: true, reasons: [], speakers: 2 });
    expect(basicChecks(two, stats(49)).reasons).toEqual(['Too short: 49 tokens (at least 50).']);
    expect(basicChecks([{ speaker: '', text: 'monologue' }], stats(80)).reasons).toEqual(['No speaker labels (at least 2 speakers).']);
    expect(basicChecks([{ speaker: 'A', text: 'x' }, { speaker: 'a', text: 'y' }], stats(80)).speakers).toBe(1);
  });
});

describe('refineFinish', () => {
  it('calls a length stop short of max tokens a full context, and leaves every other ending alone', () => {
    const length = { ...stats(300), finishReason: 'length' as const };
    expect(refineFinish(length, 512, 2048).finishReason).toBe('context');
    expect(refineFinish({ ...length, completionTokens: 512 }, 512, 2048).finishReason).toBe('length');
    expect(refineFinish(length, 512, null).finishReason).toBe('length');
    expect(refineFinish(stats(300), 512, 2048).finishReason).toBe('stop');
  });
});
