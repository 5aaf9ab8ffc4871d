import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRegistrationNumber, computeRegistrationCheckDigit } from './registration-number.ts';
import { checkUscc } from './uscc.ts';

describe('checkRegistrationNumber (legacy 15-digit 工商注册号)', () => {
  it('accepts the GS 15-2006 example and decodes the registering authority', () => {
    expect(checkRegistrationNumber('110108000000016')).toEqual({
      ok: true,
      registrationNumber: '110108000000016',
      authorityCode: '110108',
      region: { code: '110108', provinceName: '北京市' },
    });
    expect(checkRegistrationNumber(' １１０１０８ ０００００００１６ ').ok).toBe(true);
  });

  it('rejects bad input with codes', () => {
    const codes = (input: string) => {
      const result = checkRegistrationNumber(input);
      return result.ok ? [] : result.errors.map((e) => e.code);
    };
    expect(codes('110108000000017')).toEqual(['CHECK_DIGIT']);
    expect(codes('11010800000001')).toEqual(['LENGTH']);
    expect(codes('11010800000001A')).toEqual(['CHARSET']);
    expect(codes('')).toEqual(['EMPTY']);
    expect(codes('914403001922038216')).toEqual(['IS_USCC']);
  });

  it('makes valid numbers and detects single-digit errors (property)', () => {
    const digits14 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }).map((d) => d.join(''));
    fc.assert(fc.property(digits14, fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 9 }), (body, index, delta) => {
      const valid = `${body}${computeRegistrationCheckDigit(body)}`;
      expect(checkRegistrationNumber(valid).ok).toBe(true);
      const changedDigit = String((Number(valid.charAt(index)) + delta) % 10);
      expect(checkRegistrationNumber(`${valid.slice(0, index)}${changedDigit}${valid.slice(index + 1)}`).ok).toBe(false);
      // Never a USCC.
      expect(checkUscc(valid).ok).toBe(false);
    }));
  });
});
