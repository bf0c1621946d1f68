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

/**
 * `size` distinct positions in [0, total), drawn uniformly with Floyd's algorithm: it never builds the whole
 * range, so sampling 20 excerpts from a corpus of millions costs 20 draws. Same seed and total, same positions.
 */
export function sampleIndices(total: number, size: number, seed: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`The pool size must be a whole number ≥ 0 (got ${total}).`);
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`The sample size must be a whole number ≥ 0 (got ${size}).`);
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  const order: number[] = [];
  for (let j = total - Math.min(size, total); j < total; j++) {
    const candidate = Math.floor(random() * (j + 1));
    const pick = chosen.has(candidate) ? j : candidate;
    chosen.add(pick);
    order.push(pick);
  }
  return order;
}
