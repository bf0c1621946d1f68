import { describe, expect, it } from 'vitest';
import { toLoadProgress } from './progress';

describe('toLoadProgress', () => {
  it('derives bytes, total and ETA from a download report', () => {
    const progress = toLoadProgress({
      progress: 0.25,
      timeElapsed: 10,
      text: 'Fetching param cache[3/20]: 100MB fetched. 25% completed, 10 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.',
    });
    expect(progress.fraction).toBe(0.25);
    expect(progress.loadedBytes).toBe(100 * 2 ** 20);
    expect(progress.totalBytes).toBe(400 * 2 ** 20);
    expect(progress.etaSeconds).toBeCloseTo(30);
    expect(progress.text).toBe('Fetching param cache');
  });

  it('has no byte total in the shader phase and no ETA at the start', () => {
    const shaders = toLoadProgress({ progress: 0.5, timeElapsed: 4, text: 'Loading GPU shader modules[10/20]: 50% completed, 4 secs elapsed.' });
    expect(shaders.totalBytes).toBeNull();
    expect(shaders.loadedBytes).toBe(0);
    expect(shaders.text).toBe('Loading GPU shader modules');
    const start = toLoadProgress({ progress: 0, timeElapsed: 0, text: 'Start to fetch params' });
    expect(start).toMatchObject({ fraction: 0, etaSeconds: null, totalBytes: null, text: 'Start to fetch params' });
  });

  it('clamps odd fractions', () => {
    expect(toLoadProgress({ progress: Number.NaN, timeElapsed: 1, text: 'x' }).fraction).toBeNull();
    expect(toLoadProgress({ progress: 1.5, timeElapsed: 1, text: 'x' }).fraction).toBe(1);
  });
});
