import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { smallest } from './smallest.ts';

describe('smallest', () => {
  it('equals sort-then-slice', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 300 }), fc.integer({ min: -2, max: 320 }), (xs, k) => {
      const cmp = (a: number, b: number) => a - b;
      expect(smallest(xs, k, cmp)).toEqual([...xs].sort(cmp).slice(0, Math.max(0, k)));
    }), { numRuns: 1000 });
  });
});
