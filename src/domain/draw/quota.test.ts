import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidQuotaRule, quotaOf } from './quota.ts';

describe('quotaOf', () => {
  it('caps a count at n', () => {
    expect(quotaOf(4, { count: 2 })).toBe(2);
    expect(quotaOf(4, { count: 10 })).toBe(4);
    expect(quotaOf(0, { count: 3 })).toBe(0);
  });

  it('rounds a ratio up', () => {
    expect(quotaOf(4, { ratioBp: 5000 })).toBe(2);
    expect(quotaOf(50, { ratioBp: 100 })).toBe(1); // 0.5 → 1
    expect(quotaOf(50, { ratioBp: 300 })).toBe(2); // 1.5 → 2
    expect(quotaOf(100, { ratioBp: 300 })).toBe(3); // exact
    expect(quotaOf(101, { ratioBp: 300 })).toBe(4); // 3.03 → 4
    expect(quotaOf(1, { ratioBp: 1 })).toBe(1);
    expect(quotaOf(7, { ratioBp: 0 })).toBe(0);
    expect(quotaOf(7, { ratioBp: 10000 })).toBe(7);
  });

  it('stays within [0, n] and matches the BigInt formula', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10000 }), (n, r) => {
      const q = quotaOf(n, { ratioBp: r });
      expect(q).toBeGreaterThanOrEqual(0);
      expect(q).toBeLessThanOrEqual(n);
      const exact = (BigInt(n) * BigInt(r) + 9999n) / 10000n;
      expect(q).toBe(Number(exact < BigInt(n) ? exact : BigInt(n)));
      // q is the smallest count whose share reaches the ratio
      expect(q * 10000).toBeGreaterThanOrEqual(n * r);
      if (q > 0) expect((q - 1) * 10000).toBeLessThan(n * r);
    }));
    fc.assert(fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (n, c) => {
      expect(quotaOf(n, { count: c })).toBe(Math.min(n, c));
    }));
  });

  it('validates rules', () => {
    expect(isValidQuotaRule({ count: 0 })).toBe(true);
    expect(isValidQuotaRule({ count: -1 })).toBe(false);
    expect(isValidQuotaRule({ count: 1.5 })).toBe(false);
    expect(isValidQuotaRule({ ratioBp: 10000 })).toBe(true);
    expect(isValidQuotaRule({ ratioBp: 10001 })).toBe(false);
    expect(isValidQuotaRule({ ratioBp: Number.NaN })).toBe(false);
  });
});
