import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareCodePoints } from './compare-code-points.ts';
import { sortByCodePoint } from './sort-keys.ts';

describe('sortByCodePoint', () => {
  it('sorts by code point with and without characters at or above U+D800', () => {
    expect(sortByCodePoint(['𠀀', 'ｚ', 'b', 'a'])).toEqual(['a', 'b', 'ｚ', '𠀀']);
    expect(sortByCodePoint(['冀B2', '9113', '冀B1'])).toEqual(['9113', '冀B1', '冀B2']);
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme' })), (keys) => {
      expect(sortByCodePoint(keys)).toEqual([...keys].sort(compareCodePoints));
    }));
  });

  it('leaves its input unchanged', () => {
    const keys = ['b', 'a'];
    sortByCodePoint(keys);
    expect(keys).toEqual(['b', 'a']);
  });
});
