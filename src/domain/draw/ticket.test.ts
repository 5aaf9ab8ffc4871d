import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawTicket, drawTicketer, matchTicket, matchTicketer, sha256Hex } from './ticket.ts';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('tickets', () => {
  it('pins the DEMO-1 tickets (spec example)', () => {
    const seed = '12345678901234567890';
    expect(drawTicket(seed, 'DEMO-1', '91330100716105852F')).toBe('6e8cbfa224ffa256b034fe79b4dc7d3767a191ab44b4aaed28854567e4a9c7cb');
    expect(drawTicket(seed, 'DEMO-1', '914403001922038216')).toBe('290929081a03357c84ca615994646afdfb8deb34cf21b7acfeae4f56e00ea2e1');
    expect(drawTicket(seed, 'DEMO-1', '91110000600037341L')).toBe('a1d2050e0fc79d6f32146f034dc9b1c54f294935a5a9a8df51b21c0a917ff17f');
    expect(drawTicket(seed, 'DEMO-1', '9144030071526726XG')).toBe('f27e37fce744e7b58e1f472039f83c63272c0977a9efd508e4720dbdba31582d');
  });

  it('hashes the empty string', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the reused-buffer ticketers equal the plain formula and node:crypto, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (key, drawId, obj) => {
      const seed = '31415926535897932384';
      const t = drawTicketer(seed, drawId);
      expect(t(key)).toBe(drawTicket(seed, drawId, key));
      expect(t(key)).toBe(nodeSha(`suiji-draw-v1\n${seed}\n${drawId}\n${key}`));
      expect(matchTicketer(seed, drawId, obj)(key)).toBe(matchTicket(seed, drawId, obj, key));
      expect(matchTicket(seed, drawId, obj, key)).toBe(nodeSha(`suiji-match-v1\n${seed}\n${drawId}\n${obj}\n${key}`));
    }), { numRuns: 500 });
  });

  it('is exact whatever the prefix length, around the 64-byte block boundary too', () => {
    const seed = '12345678901234567890';
    for (let length = 0; length <= 140; length++) {
      const drawId = 'D'.repeat(length); // the prefix is 36 + length bytes
      const t = drawTicketer(seed, drawId);
      for (const key of ['', 'a', '冀B12345', 'K'.repeat(60), '𠀀'.repeat(30)]) {
        expect(t(key)).toBe(nodeSha(`suiji-draw-v1\n${seed}\n${drawId}\n${key}`));
      }
    }
  });

  it('grows its buffer for long keys', () => {
    const t = drawTicketer('12345678901234567890', 'X');
    const long = '冀'.repeat(5000);
    expect(t(long)).toBe(nodeSha(`suiji-draw-v1\n12345678901234567890\nX\n${long}`));
    expect(t('a')).toBe(nodeSha('suiji-draw-v1\n12345678901234567890\nX\na'));
  });
});
