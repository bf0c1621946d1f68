/** mulberry32: a small, fast PRNG whose whole state is one 32-bit number, so a seed always gives the same draw. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** N distinct items drawn uniformly with a partial Fisher-Yates shuffle; same seed and input, same sample. */
export function seededSample<T>(items: readonly T[], size: number, seed: number): T[] {
  const pool = items.slice();
  const random = seededRandom(seed);
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}
