import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, normalQuantile, studentTCdf, studentTQuantile, wilsonInterval } from './dashboardIntervals';

describe("Student's t quantile", () => {
  // Critical values as printed in t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2), to 3 decimals.
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 3, 3.182],
    [0.975, 4, 2.776],
    [0.975, 5, 2.571],
    [0.975, 10, 2.228],
    [0.975, 20, 2.086],
    [0.975, 30, 2.042],
    [0.975, 60, 2.0],
    [0.975, 100, 1.984],
    [0.95, 1, 6.314],
    [0.95, 5, 2.015],
    [0.95, 10, 1.812],
    [0.995, 1, 63.657],
    [0.995, 10, 3.169],
    [0.9, 7, 1.415],
  ])('t(%s, %s df) = %s', (p, df, table) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(table, 3);
  });

  it('matches the closed forms for 1 df (Cauchy: tan π(p − ½)) and 2 df ((2p − 1) / √(2p(1 − p)))', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (p) => {
        expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 8);
        expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 8);
      }),
    );
  });

  it('inverts the CDF, is odd around ½ and approaches the normal quantile', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) => {
        const t = studentTQuantile(p, df);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 10);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 8);
      }),
    );
    expect(studentTQuantile(0.975, 100_000)).toBeCloseTo(1.959964, 4);
  });

  it('refuses p outside (0, 1) and df ≤ 0', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('normal quantile', () => {
  it.each([
    [0.975, 1.959964],
    [0.95, 1.644854],
    [0.995, 2.575829],
    [0.5, 0],
    [0.01, -2.326348],
  ])('z(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 6);
  });
});

describe('meanInterval', () => {
  it('is mean ± t · s/√n: 1, 2, 3, 4, 5 → 3 ± 2.776 · √2.5/√5', () => {
    const interval = meanInterval([1, 2, 3, 4, 5])!;
    const half = 2.7764451 * Math.sqrt(2.5 / 5);
    expect(interval.mean).toBe(3);
    expect(interval.low).toBeCloseTo(3 - half, 6);
    expect(interval.high).toBeCloseTo(3 + half, 6);
  });

  it('has no bounds for one value and is null for none', () => {
    expect(meanInterval([4])).toEqual({ mean: 4, low: null, high: null, n: 1 });
    expect(meanInterval([])).toBeNull();
  });
});

describe('wilsonInterval', () => {
  it("matches R's prop.test(8, 10, correct = FALSE): 0.4901625 to 0.9433178", () => {
    const interval = wilsonInterval(8, 10)!;
    expect(interval.share).toBe(0.8);
    expect(interval.low).toBeCloseTo(0.4901625, 6);
    expect(interval.high).toBeCloseTo(0.9433178, 6);
  });

  it('at 0 of n runs from 0 to z²/(n + z²), and mirrors at n of n', () => {
    const z2 = 1.959964 ** 2;
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(z2 / (10 + z2), 6);
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(10 / (10 + z2), 6);
    expect(wilsonInterval(10, 10)!.high).toBe(1);
  });

  it('always holds the share and stays inside 0..1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([successes, n]) => {
        const { share, low, high } = wilsonInterval(successes, n)!;
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(share + 1e-12);
        expect(high).toBeGreaterThanOrEqual(share - 1e-12);
      }),
    );
  });

  it('is null for no trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});
