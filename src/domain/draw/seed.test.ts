import { describe, expect, it } from 'vitest';
import { normaliseSeed } from './seed.ts';

describe('normaliseSeed', () => {
  it('removes white space', () => {
    expect(normaliseSeed('1234 5678 9012 3456 7890')).toEqual({ ok: true, value: '12345678901234567890' });
    expect(normaliseSeed(' 12345\t67890\n1234567890\u3000 ')).toEqual({ ok: true, value: '12345678901234567890' });
  });

  it('needs at least 20 digits', () => {
    expect(normaliseSeed('1234567890123456789')).toEqual({ ok: false, error: { code: 'BAD_SEED', reason: 'too-short', digits: 19 } });
    expect(normaliseSeed('')).toMatchObject({ ok: false, error: { code: 'BAD_SEED' } });
    expect(normaliseSeed('123456789012345678901234567890')).toMatchObject({ ok: true });
  });

  it('accepts only ASCII digits', () => {
    expect(normaliseSeed('1234567890123456789a')).toMatchObject({ ok: false, error: { reason: 'not-digits' } });
    expect(normaliseSeed('１２３４５６７８９０１２３４５６７８９０')).toMatchObject({ ok: false, error: { reason: 'not-digits' } });
    expect(normaliseSeed('-12345678901234567890')).toMatchObject({ ok: false });
  });
});
