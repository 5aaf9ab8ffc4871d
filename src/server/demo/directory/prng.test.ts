import { describe, expect, it } from 'vitest';
import { createRng, mulberry32 } from './prng.ts';

describe('prng', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i += 1) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('draws integers in range and roughly uniformly', () => {
    const rng = createRng(7);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 5000; i += 1) {
      const v = rng.int(0, 4);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('shuffles to a permutation, samples distinct elements, rejects empty input', () => {
    const rng = createRng(3);
    const list = Array.from({ length: 20 }, (_, i) => i);
    expect([...rng.shuffle(list)].sort((x, y) => x - y)).toEqual(list);
    expect(new Set(rng.sample(list, 5)).size).toBe(5);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weighted([['a', 0]])).toThrow(RangeError);
    expect(rng.weighted([['a', 0], ['b', 1]])).toBe('b');
  });
});
