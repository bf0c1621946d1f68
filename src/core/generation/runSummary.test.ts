import { describe, expect, it } from 'vitest';
import { coveredMs, runProgress, summarizeRun, type ProgressItem } from './runSummary';

const done = (updatedAt: number, totalMs: number, completionTokens: number): ProgressItem => ({ state: 'done', updatedAt, totalMs, completionTokens });
const pending: ProgressItem = { state: 'pending', updatedAt: 0, totalMs: null, completionTokens: null };
const failed: ProgressItem = { state: 'failed', updatedAt: 0, totalMs: null, completionTokens: null };

describe('coveredMs', () => {
  it('counts overlapping intervals once and gaps not at all', () => {
    expect(coveredMs([[0, 10], [5, 15], [30, 40], [32, 35]])).toBe(25);
  });
  it('joins touching intervals and ignores empty ones', () => {
    expect(coveredMs([[10, 20], [0, 10], [7, 7]])).toBe(20);
    expect(coveredMs([])).toBe(0);
  });
});

describe('runProgress', () => {
  it('has no pace before the first item is done, and no ETA to give', () => {
    expect(runProgress([pending, pending])).toMatchObject({ total: 2, pending: 2, done: 0, tokensPerSecond: null, etaSeconds: null });
  });

  it('measures a one-lane run by the sum of its items, ignoring the pause between them', () => {
    // Two items of 1 s each, an hour apart (the tab was closed in between).
    const progress = runProgress([done(1_000, 1_000, 50), done(3_601_000, 1_000, 30), pending, pending, failed]);
    expect(progress).toMatchObject({ done: 2, failed: 1, pending: 2, completionTokens: 80, busySeconds: 2 });
    expect(progress.tokensPerSecond).toBeCloseTo(40);
    expect(progress.etaSeconds).toBeCloseTo(2); // 2 pending at 1 s each
  });

  it('counts four items that ran side by side as the wall-clock time they shared', () => {
    const progress = runProgress([done(2_000, 2_000, 100), done(2_000, 2_000, 100), done(2_100, 2_000, 100), done(2_100, 2_000, 100), pending, pending, pending, pending]);
    expect(progress.busySeconds).toBeCloseTo(2.1);
    expect(progress.tokensPerSecond).toBeCloseTo(400 / 2.1);
    expect(progress.etaSeconds).toBeCloseTo(2.1);
  });

  it('says nothing is left when nothing is pending, even with failures', () => {
    expect(runProgress([done(10, 10, 5), failed]).etaSeconds).toBe(0);
  });
});

describe('summarizeRun', () => {
  const item = (id: string, state: 'pending' | 'done' | 'failed', templateVersionId: string, modelKey = 'wllama:m', presetId = 'a') => ({ id, state, templateVersionId, modelKey, presetId });
  const dialogue = (workItemId: string, style: string, completionTokens: number, promptTokens: number, totalMs: number, pass: boolean) => ({
    workItemId,
    style,
    stats: { promptTokens, completionTokens, timeToFirstTokenMs: null, decodeTokensPerSecond: null, totalMs, finishReason: 'stop' as const },
    checks: { pass, reasons: pass ? [] : ['Too short'], speakers: pass ? 2 : 1 },
  });

  it('groups by template version × model × preset in plan order, with means over done dialogues only', () => {
    const rows = summarizeRun(
      [item('1', 'done', 'ts@v1'), item('2', 'done', 'ts@v1'), item('3', 'failed', 'ts@v1'), item('4', 'done', 'debate@v2'), item('5', 'pending', 'debate@v2'), item('6', 'pending', 'ts@v1', 'openai:x')],
      [dialogue('1', 'TEACHER_STUDENT', 100, 200, 1_000, true), dialogue('2', 'TEACHER_STUDENT', 50, 100, 1_000, false), dialogue('4', 'DEBATE', 30, 300, 500, false)],
    );
    expect(rows.map((r) => [r.templateVersionId, r.modelKey])).toEqual([['ts@v1', 'wllama:m'], ['debate@v2', 'wllama:m'], ['ts@v1', 'openai:x']]);
    expect(rows[0]).toMatchObject({ style: 'TEACHER_STUDENT', items: 3, done: 2, failed: 1, pending: 0, meanCompletionTokens: 75, meanOutputInputRatio: 0.5, tokensPerSecond: 75, checkPassRate: 0.5 });
    expect(rows[1]).toMatchObject({ style: 'DEBATE', items: 2, done: 1, pending: 1, meanCompletionTokens: 30, tokensPerSecond: 60, checkPassRate: 0 });
    expect(rows[1]!.meanOutputInputRatio).toBeCloseTo(0.1);
    expect(rows[2]).toMatchObject({ style: null, items: 1, pending: 1, meanCompletionTokens: null, meanOutputInputRatio: null, tokensPerSecond: null, checkPassRate: null });
  });

  it('keeps presets apart and ignores dialogues of items not in the run', () => {
    const rows = summarizeRun([item('1', 'done', 'v', 'm', 'a'), item('2', 'done', 'v', 'm', 'b')], [dialogue('1', 'S', 10, 10, 100, true), dialogue('2', 'S', 20, 0, 100, true), dialogue('other', 'S', 999, 1, 1, false)]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ presetId: 'a', meanCompletionTokens: 10, meanOutputInputRatio: 1 });
    // A dialogue with no prompt tokens has no ratio; it still counts for length and checks.
    expect(rows[1]).toMatchObject({ presetId: 'b', meanCompletionTokens: 20, meanOutputInputRatio: null, checkPassRate: 1 });
  });
});
