import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from './hex.ts';

describe('toHex', () => {
  it('equals bytesToHex for any bytes, of any length', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      expect(toHex(bytes)).toBe(bytesToHex(bytes));
    }));
    expect(toHex(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
  });
});
