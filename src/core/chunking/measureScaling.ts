/**
 * Test support for the scaling tests: how much longer an operation takes on an input 4 times larger. Linear
 * work gives about 4, quadratic about 16. Built not to be flaky on a loaded machine (2 cores shared with other
 * work): both inputs are built and warmed up first, each timing repeats the operation until the small input
 * takes at least `minMs`, small and large timings are interleaved so both see the same load, the best of `runs`
 * is kept for each, and a suspicious ratio is measured again before it is reported. Only the ratio is asserted.
 */
export interface ScalingMeasurement {
  size: number;
  repetitions: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

function timeOf(repetitions: number, work: () => void): number {
  const started = performance.now();
  for (let i = 0; i < repetitions; i += 1) work();
  return performance.now() - started;
}

/** `prepare(size)` builds the input (not timed); `operate(input)` is timed, on `size` and on `4 * size`. */
export function measureScaling<T>(
  prepare: (size: number) => T,
  operate: (input: T) => unknown,
  { size = 50_000, minMs = 10, runs = 4, suspiciousRatio = 6 } = {},
): ScalingMeasurement {
  const small = prepare(size);
  const large = prepare(size * 4);
  const runSmall = () => void operate(small);
  const runLarge = () => void operate(large);
  runSmall();
  runLarge();
  let repetitions = 1;
  while (repetitions < 4096 && timeOf(repetitions, runSmall) < minMs) repetitions *= 2;
  let best: ScalingMeasurement | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let smallMs = Number.POSITIVE_INFINITY;
    let largeMs = Number.POSITIVE_INFINITY;
    for (let run = 0; run < runs; run += 1) {
      smallMs = Math.min(smallMs, timeOf(repetitions, runSmall));
      largeMs = Math.min(largeMs, timeOf(repetitions, runLarge));
    }
    const ratio = largeMs / Math.max(smallMs, 0.01);
    if (!best || ratio < best.ratio) best = { size, repetitions, smallMs, largeMs, ratio };
    if (best.ratio < suspiciousRatio) break;
  }
  return best as ScalingMeasurement;
}
