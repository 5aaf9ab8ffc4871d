/**
 * Orders strings by Unicode code point (= UTF-8 byte order), as spec/draw.md requires.
 * JavaScript's default comparison uses UTF-16 code units, which puts characters outside
 * the Basic Multilingual Plane (surrogate pairs, 0xD800–0xDFFF) before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/**
 * At the first differing UTF-16 unit of two well-formed strings, moving surrogates above
 * U+E000–U+FFFF gives the code point order: a surrogate starts a code point ≥ U+10000.
 */
function rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

const ANY_SURROGATE = /[\uD800-\uDFFF]/; // sees UTF-16 units: any surrogate, paired or not
const LONE_SURROGATE = /[\uD800-\uDFFF]/u; // sees code points: only unpaired surrogates

/** True when the string has no lone surrogate (it can be encoded as UTF-8 exactly). */
export function isWellFormed(text: string): boolean {
  return !ANY_SURROGATE.test(text) || !LONE_SURROGATE.test(text);
}
