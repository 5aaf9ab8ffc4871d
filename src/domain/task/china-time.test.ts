import { describe, expect, it } from 'vitest';
import { chinaDate, chinaIso } from './china-time.ts';

describe('China time', () => {
  it('gives the civil date in China and an ISO time with +08:00 for the same instant', () => {
    const instant = new Date('2024-02-29T17:30:00Z');
    expect(chinaDate(instant)).toBe('2024-03-01');
    expect(chinaIso(instant)).toBe('2024-03-01T01:30:00.000+08:00');
    expect(Date.parse(chinaIso(instant))).toBe(instant.getTime());
  });
});
