import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareCodePoints, isWellFormed } from './compare-code-points.ts';

const utf8 = new TextEncoder();
function compareBytes(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
}

describe('compareCodePoints', () => {
  it('puts a character outside the BMP after U+FF5A, unlike the UTF-16 order', () => {
    expect(compareCodePoints('𠀀', 'ｚ')).toBeGreaterThan(0);
    expect(['𠀀', 'ｚ'].sort()).toEqual(['𠀀', 'ｚ']); // the default sort is wrong here
    expect(['𠀀', 'ｚ', 'a', '冀'].sort(compareCodePoints)).toEqual(['a', '冀', 'ｚ', '𠀀']);
  });

  it('orders prefixes first and equal strings as equal', () => {
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('abc', 'abc')).toBe(0);
    expect(compareCodePoints('', 'a')).toBeLessThan(0);
  });

  it('agrees with UTF-8 byte order on any strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
      expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(compareBytes(a, b)));
    }), { numRuns: 2000 });
  });

  it('detects lone surrogates', () => {
    expect(isWellFormed('冀B12345𠀀')).toBe(true);
    expect(isWellFormed('a\uD800b')).toBe(false);
    expect(isWellFormed('\uDC00')).toBe(false);
  });
});
