/**
 * Normalise an identifier as typed or pasted: full-width → half-width (Ａ→A, ０→0,
 * ideographic space → space), all whitespace removed (leading, trailing and grouping
 * spaces), upper case. Nothing else is changed: hyphens or letters like O stay, so they
 * are reported rather than silently "fixed".
 */
export function normalizeIdentifier(text: string): string {
  let halfWidth = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) halfWidth += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) halfWidth += ' ';
    else halfWidth += char;
  }
  return halfWidth.replace(/\s+/gu, '').toUpperCase();
}
