import { describe, expect, it } from 'vitest';
import { defaultThreadCount } from './threads';

describe('defaultThreadCount', () => {
  it('uses one thread without cross-origin isolation, whatever the cores', () => {
    expect(defaultThreadCount(16, false)).toBe(1);
  });

  it('uses one thread on small machines, where it measured fastest', () => {
    expect(defaultThreadCount(2, true)).toBe(1);
    expect(defaultThreadCount(3, true)).toBe(1);
    expect(defaultThreadCount(undefined, true)).toBe(1);
  });

  it('uses half the cores, at most 8, on larger machines', () => {
    expect(defaultThreadCount(4, true)).toBe(2);
    expect(defaultThreadCount(8, true)).toBe(4);
    expect(defaultThreadCount(64, true)).toBe(8);
  });
});
