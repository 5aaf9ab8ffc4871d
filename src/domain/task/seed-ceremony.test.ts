import { describe, expect, it } from 'vitest';
import { normaliseSeed } from '../draw/seed.ts';
import { combineDepartmentDigits, digitsFromRandomBytes, sortContributions } from './seed-ceremony.ts';

describe('seed ceremony', () => {
  it('concatenates department digits in code point order of the department names', () => {
    // 综 U+7EFC sorts before 运 U+8FD0, 政 U+653F before both.
    const contributions = [
      { department: '运输管理科', digits: '3333 3333' },
      { department: '综合执法大队', digits: '2222222' },
      { department: '政策法规科', digits: '11111' },
    ];
    expect(sortContributions(contributions).map((c) => c.department)).toEqual(['政策法规科', '综合执法大队', '运输管理科']);
    expect(combineDepartmentDigits(contributions)).toBe('11111222222233333333');
    expect(normaliseSeed(combineDepartmentDigits(contributions)).ok).toBe(true);
  });

  it('makes unbiased digits from random bytes, skipping bytes of 250 and above', () => {
    expect(digitsFromRandomBytes(Uint8Array.from([0, 9, 10, 249, 250, 255, 123]), 5)).toBe('09093');
    expect(digitsFromRandomBytes(Uint8Array.from([250, 251]), 1)).toBeNull();
    const digits = digitsFromRandomBytes(Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 250));
    expect(digits).toMatch(/^[0-9]{24}$/);
  });
});
