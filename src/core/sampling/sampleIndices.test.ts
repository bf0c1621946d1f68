import { describe, expect, it } from 'vitest';
import { sampleIndices } from './seededSample';

describe('sampleIndices', () => {
  it('draws distinct positions inside the pool, the same for the same seed', () => {
    const a = sampleIndices(1000, 20, 7);
    expect(a).toHaveLength(20);
    expect(new Set(a).size).toBe(20);
    expect(a.every((i) => Number.isInteger(i) && i >= 0 && i < 1000)).toBe(true);
    expect(sampleIndices(1000, 20, 7)).toEqual(a);
    expect(sampleIndices(1000, 20, 8)).not.toEqual(a);
  });

  it('takes the whole pool when asked for more than it holds', () => {
    expect(sampleIndices(5, 20, 1).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(0, 3, 1)).toEqual([]);
  });

  it('is close to uniform', () => {
    const counts = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const i of sampleIndices(10, 3, seed)) counts[i]! += 1;
    // 6000 picks over 10 positions: 600 each expected.
    for (const count of counts) expect(Math.abs(count - 600)).toBeLessThan(90);
  });

  it('refuses sizes that are not whole numbers', () => {
    expect(() => sampleIndices(10, 1.5, 1)).toThrow(RangeError);
    expect(() => sampleIndices(-1, 1, 1)).toThrow(RangeError);
  });
});
