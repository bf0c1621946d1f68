/**
 * Test support for the scaling tests: how much longer an operation takes on an input 4 times larger. Linear
 * work gives about 4, quadratic about 16. Timings are best-of-k after a warm-up, on sizes grown until one run
 * takes a few milliseconds, and a suspicious ratio is measured again before it is reported, so that a loaded
 * machine (2 cores shared with other work) does not make the test flaky. Only the ratio is ever asserted.
 */
export interface ScalingMeasurement {
  size: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

function bestOf(runs: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * `prepare(size)` builds the input (not timed); `operate(input)` is timed. Sizes start at `startSize` and double
 * (up to `maxSize`) until one run takes at least `minMs`.
 */
export function measureScaling<T>(
  prepare: (size: number) => T,
  operate: (input: T) => unknown,
  { startSize = 16_000, maxSize = 1_000_000, minMs = 4, runs = 5, suspiciousRatio = 6 } = {},
): ScalingMeasurement {
  let size = startSize;
  let small = prepare(size);
  operate(small);
  while (size * 2 <= maxSize && bestOf(1, () => operate(small)) < minMs) {
    size *= 2;
    small = prepare(size);
  }
  const large = prepare(size * 4);
  operate(large);
  let best: ScalingMeasurement | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const smallMs = bestOf(runs, () => operate(small));
    const largeMs = bestOf(runs, () => operate(large));
    const ratio = largeMs / Math.max(smallMs, 0.05);
    if (!best || ratio < best.ratio) best = { size, smallMs, largeMs, ratio };
    if (best.ratio < suspiciousRatio) break;
  }
  return best as ScalingMeasurement;
}
