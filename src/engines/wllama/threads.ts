/**
 * How many threads wllama should use. Threads need SharedArrayBuffer, so only a cross-origin-isolated page gets more
 * than one. On small machines one thread wins by far: on a 2-core machine with stories260K, 2 threads decoded about
 * ten times slower than 1 (docs/engines-wllama.md has the figures). From 4 cores on, half the cores (wllama's own
 * default) is used, capped at 8; the Models tab lets a person override it.
 */
export const MIN_CORES_FOR_THREADS = 4;

export function defaultThreadCount(hardwareConcurrency: number | undefined, crossOriginIsolated: boolean): number {
  const cores = hardwareConcurrency && hardwareConcurrency > 0 ? hardwareConcurrency : 1;
  if (!crossOriginIsolated || cores < MIN_CORES_FOR_THREADS) return 1;
  return Math.min(8, Math.floor(cores / 2));
}
