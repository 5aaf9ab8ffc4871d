import { compareCodePoints } from './compare-code-points.ts';

const AT_OR_ABOVE_D800 = /[\uD800-\uFFFF]/;

/**
 * A sorted copy of `keys` in code point order. When no key has a UTF-16 unit at or above
 * U+D800 the UTF-16 order of the built-in sort is already code point order, and it is faster.
 */
export function sortByCodePoint(keys: readonly string[]): string[] {
  const copy = [...keys];
  const needsCodePoints = copy.some((key) => AT_OR_ABOVE_D800.test(key));
  return needsCodePoints ? copy.sort(compareCodePoints) : copy.sort();
}
