/**
 * Test support for the scaling tests: how much longer an operation takes on an input 4 times larger. Linear
 * work gives about 4, quadratic about 16. Built not to be flaky on a loaded machine (2 cores shared with other
 * work): it times CPU, not wall time (in Node), both inputs are built and warmed up first, each timing repeats the operation until the small input
 * takes at least `minMs`, small and large timings are interleaved so both see the same load, the best of `runs`
 * is kept for each, and a suspicious ratio is measured again before it is reported. Only the ratio is asserted.
 *
 * A 4x larger input can also be slower per byte for reasons that are not the algorithm's: it no longer fits in a
 * cache, the collector works harder. An optional `baseline` (a plain linear pass over the same inputs) measures
 * that; growth beyond 4x of the baseline is forgiven in the ratio.
 */
export interface ScalingMeasurement {
  size: number;
  repetitions: number;
  smallMs: number;
  largeMs: number;
  /** largeMs / smallMs, divided by how much more than 4x the baseline grew (caches, memory), if at all. */
  ratio: number;
  /** The same ratio for the baseline (a plain pass over the input), when one was given. */
  baselineRatio: number | null;
}

/**
 * Milliseconds of CPU used by this process where Node can say (process.cpuUsage), else of wall time. CPU time is
 * what a 2-core machine shared with other work cannot inflate: a run preempted by another process is charged
 * only for what it ran.
 */
const clock: () => number =
  typeof process !== 'undefined' && typeof process.cpuUsage === 'function'
    ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
    : () => performance.now();

function timeOf(repetitions: number, work: () => void): number {
  const started = clock();
  for (let i = 0; i < repetitions; i += 1) work();
  return clock() - started;
}

/** `prepare(size)` builds the input (not timed); `operate(input)` is timed, on `size` and on `4 * size`. */
export function measureScaling<T>(
  prepare: (size: number) => T,
  operate: (input: T) => unknown,
  {
    size = 50_000,
    minMs = 6,
    runs = 3,
    suspiciousRatio = 6,
    baseline,
  }: { size?: number; minMs?: number; runs?: number; suspiciousRatio?: number; baseline?: (input: T) => unknown } = {},
): ScalingMeasurement {
  const small = prepare(size);
  const large = prepare(size * 4);
  const runSmall = () => void operate(small);
  const runLarge = () => void operate(large);
  runSmall();
  runLarge();
  // Calibrated on the best of 3, so one run slowed by other work cannot leave the timings too short to trust.
  const bestOf3 = (repetitions: number, work: () => void) =>
    Math.min(timeOf(repetitions, work), timeOf(repetitions, work), timeOf(repetitions, work));
  let repetitions = 1;
  while (repetitions < 4096 && bestOf3(repetitions, runSmall) < minMs) repetitions *= 2;
  let baselineRepetitions = 1;
  if (baseline) {
    while (baselineRepetitions < 1 << 16 && bestOf3(baselineRepetitions, () => void baseline(small)) < minMs) baselineRepetitions *= 2;
  }
  let best: ScalingMeasurement | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let smallMs = Number.POSITIVE_INFINITY;
    let largeMs = Number.POSITIVE_INFINITY;
    let baselineSmall = Number.POSITIVE_INFINITY;
    let baselineLarge = Number.POSITIVE_INFINITY;
    for (let run = 0; run < runs; run += 1) {
      smallMs = Math.min(smallMs, timeOf(repetitions, runSmall));
      largeMs = Math.min(largeMs, timeOf(repetitions, runLarge));
      if (baseline) {
        baselineSmall = Math.min(baselineSmall, timeOf(baselineRepetitions, () => void baseline(small)));
        baselineLarge = Math.min(baselineLarge, timeOf(baselineRepetitions, () => void baseline(large)));
      }
    }
    const baselineRatio = baseline ? baselineLarge / Math.max(baselineSmall, 0.01) : null;
    const allowance = baselineRatio === null ? 1 : Math.max(1, baselineRatio / 4);
    const ratio = largeMs / Math.max(smallMs, 0.01) / allowance;
    if (!best || ratio < best.ratio) best = { size, repetitions, smallMs, largeMs, ratio, baselineRatio };
    if (best.ratio < suspiciousRatio) break;
  }
  return best as ScalingMeasurement;
}

/** A plain pass over every character: the baseline for text operations. */
export function scanCharacters(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i += 1) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

async function timeOfAsync(repetitions: number, work: () => Promise<void>): Promise<number> {
  const started = clock();
  for (let i = 0; i < repetitions; i += 1) await work();
  return clock() - started;
}

/** measureScaling for asynchronous operations (stream readers), with the same safeguards against noise. */
export async function measureScalingAsync<T>(
  prepare: (size: number) => T,
  operate: (input: T) => Promise<unknown>,
  { size = 50_000, minMs = 6, runs = 3, suspiciousRatio = 6 } = {},
): Promise<ScalingMeasurement> {
  const small = prepare(size);
  const large = prepare(size * 4);
  const runSmall = async () => void (await operate(small));
  const runLarge = async () => void (await operate(large));
  await runSmall();
  await runLarge();
  let repetitions = 1;
  const bestOf3 = async (count: number) =>
    Math.min(await timeOfAsync(count, runSmall), await timeOfAsync(count, runSmall), await timeOfAsync(count, runSmall));
  while (repetitions < 4096 && (await bestOf3(repetitions)) < minMs) repetitions *= 2;
  let best: ScalingMeasurement | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let smallMs = Number.POSITIVE_INFINITY;
    let largeMs = Number.POSITIVE_INFINITY;
    for (let run = 0; run < runs; run += 1) {
      smallMs = Math.min(smallMs, await timeOfAsync(repetitions, runSmall));
      largeMs = Math.min(largeMs, await timeOfAsync(repetitions, runLarge));
    }
    const ratio = largeMs / Math.max(smallMs, 0.01);
    if (!best || ratio < best.ratio) best = { size, repetitions, smallMs, largeMs, ratio, baselineRatio: null };
    if (best.ratio < suspiciousRatio) break;
  }
  return best as ScalingMeasurement;
}

/** A plain pass over every byte: the baseline for binary parsers. */
export function scanBytes(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 1) sum = (sum + (bytes[i] as number)) | 0;
  return sum;
}
