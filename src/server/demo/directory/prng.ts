/**
 * A small seeded PRNG (mulberry32) for demo data: the same seed always gives the same
 * sequence, on every platform. Not for draws or anything that must be unpredictable.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly; throws on an empty list. */
  pick<T>(list: readonly T[]): T;
  /** One element by weight; throws when the weights sum to 0. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A new array with the elements in random order (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[];
  /** `count` distinct elements (fewer when the list is shorter), in random order. */
  sample<T>(list: readonly T[], count: number): T[];
}

/** mulberry32: 32-bit state, period 2^32; good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`索引越界：${index}/${list.length}`);
  return value;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = int(0, i);
      const tmp = at(out, i);
      out[i] = at(out, j);
      out[j] = tmp;
    }
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => {
      if (list.length === 0) throw new RangeError('不能从空列表中抽取');
      return at(list, int(0, list.length - 1));
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      if (!(total > 0)) throw new RangeError('权重之和必须大于0');
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return at(entries, entries.length - 1)[0];
    },
    shuffle,
    sample: (list, count) => shuffle(list).slice(0, Math.max(0, count)),
  };
}
