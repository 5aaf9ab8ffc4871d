const DIGITS = '0123456789abcdef';
const PAIRS = new Uint16Array(512);
for (let i = 0; i < 256; i++) {
  PAIRS[2 * i] = DIGITS.charCodeAt(i >> 4);
  PAIRS[2 * i + 1] = DIGITS.charCodeAt(i & 15);
}
let codes = new Uint16Array(64);

/**
 * Lowercase hex of `bytes` as one flat string. Concatenating two characters at a time (as a
 * generic bytesToHex does) builds a rope of 32 pieces per ticket: a million tickets then cost
 * a gigabyte and slow every comparison.
 */
export function toHex(bytes: Uint8Array): string {
  if (codes.length !== bytes.length * 2) codes = new Uint16Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const v = (bytes[i] ?? 0) * 2;
    codes[2 * i] = PAIRS[v] ?? 0;
    codes[2 * i + 1] = PAIRS[v + 1] ?? 0;
  }
  return String.fromCharCode.apply(null, codes as unknown as number[]);
}
