import type { QuotaRule } from './types.ts';

/** The largest ratio, 100 % in basis points. */
export const MAX_RATIO_BP = 10_000;

/** True when the rule is `{count: c}` with c a non-negative integer or `{ratioBp: r}` with 0 ≤ r ≤ 10000. */
export function isValidQuotaRule(rule: QuotaRule): boolean {
  if ('count' in rule) return Number.isSafeInteger(rule.count) && rule.count >= 0;
  return Number.isSafeInteger(rule.ratioBp) && rule.ratioBp >= 0 && rule.ratioBp <= MAX_RATIO_BP;
}

/**
 * The quota of a stratum of `n` candidates: min(n, c) for a count, min(n, ⌈n·r/10000⌉) for a
 * ratio, computed with integers as (n·r + 9999) div 10000. The rule must be valid.
 */
export function quotaOf(n: number, rule: QuotaRule): number {
  if ('count' in rule) return Math.min(n, rule.count);
  // n·r ≤ n·10000 stays exact in a double for any n below 9·10^11.
  return Math.min(n, Math.floor((n * rule.ratioBp + 9999) / 10000));
}
