import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatsClock } from './stats';

describe('StatsClock', () => {
  afterEach(() => vi.restoreAllMocks());

  const clockAt = (times: number[]) => {
    const now = vi.spyOn(performance, 'now');
    for (const t of times) now.mockReturnValueOnce(t);
  };

  it('measures time to first token from the request and decode speed after the first token', () => {
    // created at 0, tokens at 100, 150, 200, 300, finished at 310
    clockAt([0, 100, 150, 200, 300, 310]);
    const clock = new StatsClock();
    for (let i = 0; i < 4; i += 1) clock.markToken();
    expect(clock.finish(12, 4, 'stop')).toEqual({
      promptTokens: 12,
      completionTokens: 4,
      timeToFirstTokenMs: 100,
      decodeTokensPerSecond: 15, // 3 tokens after the first in 200 ms
      totalMs: 310,
      finishReason: 'stop',
    });
  });

  it('has no first-token time or speed when nothing was generated', () => {
    clockAt([0, 50]);
    const stats = new StatsClock().finish(7, 0, 'abort');
    expect(stats).toMatchObject({ timeToFirstTokenMs: null, decodeTokensPerSecond: null, totalMs: 50, finishReason: 'abort' });
  });

  it('has no decode speed from a single token', () => {
    clockAt([0, 20, 30]);
    const clock = new StatsClock();
    clock.markToken();
    expect(clock.finish(3, 1, 'length')).toMatchObject({ timeToFirstTokenMs: 20, decodeTokensPerSecond: null });
  });
});
