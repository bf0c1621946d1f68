import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededSample } from './seededSample';

describe('seeded sample', () => {
  it('is deterministic, distinct and drawn from the input', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer(), { maxLength: 200 }), fc.nat(250), fc.integer(), (items, size, seed) => {
      const a = seededSample(items, size, seed);
      expect(seededSample(items, size, seed)).toEqual(a);
      expect(a).toHaveLength(Math.min(size, items.length));
      expect(new Set(a).size).toBe(a.length);
      for (const x of a) expect(items).toContain(x);
    }));
  });

  it('differs with the seed', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(seededSample(items, 10, 1)).not.toEqual(seededSample(items, 10, 2));
  });
});
