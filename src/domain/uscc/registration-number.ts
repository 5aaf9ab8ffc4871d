/**
 * Legacy 15-digit 工商注册号 (GS 15-2006), check digit ISO 7064 MOD 11,10 (as in
 * GB/T 17710). Accepted as an alternate identifier of an entity, never as a USCC.
 */
import { normalizeIdentifier } from './normalize-identifier.ts';
import { describeRegion, type RegionInfo } from './uscc-codes.ts';

export type RegistrationNumberErrorCode = 'EMPTY' | 'IS_USCC' | 'CHARSET' | 'LENGTH' | 'CHECK_DIGIT';

export interface RegistrationNumberIssue {
  code: RegistrationNumberErrorCode;
  message: string;
}

export type RegistrationNumberResult =
  | {
    ok: true;
    registrationNumber: string;
    /** Positions 1–6: code of the first registering authority (its region code). */
    authorityCode: string;
    region: RegionInfo;
  }
  | { ok: false; normalized: string; errors: RegistrationNumberIssue[] };

/** MOD 11,10 check digit for the first 14 digits. Throws RangeError on other input. */
export function computeRegistrationCheckDigit(first14: string): string {
  if (!/^\d{14}$/u.test(first14)) throw new RangeError('需要14位数字');
  let product = 10;
  for (const char of first14) {
    let sum = (product + Number(char)) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  return String((11 - product) % 10);
}

export function checkRegistrationNumber(input: string): RegistrationNumberResult {
  const code = normalizeIdentifier(input);
  const errors: RegistrationNumberIssue[] = [];
  const invalid = (): RegistrationNumberResult => ({ ok: false, normalized: code, errors });
  if (code.length === 0) {
    errors.push({ code: 'EMPTY', message: '注册号为空' });
    return invalid();
  }
  if (code.length === 18) {
    errors.push({ code: 'IS_USCC', message: '这是18位代码，应按统一社会信用代码校验，而不是旧版注册号' });
    return invalid();
  }
  if (!/^\d+$/u.test(code)) errors.push({ code: 'CHARSET', message: '注册号只能由数字组成' });
  if (code.length !== 15) errors.push({ code: 'LENGTH', message: `注册号应为15位，实际为${[...code].length}位` });
  if (errors.length > 0) return invalid();
  const expected = computeRegistrationCheckDigit(code.slice(0, 14));
  if (expected !== code.charAt(14)) {
    errors.push({ code: 'CHECK_DIGIT', message: `注册号校验位错误：应为“${expected}”，实际为“${code.charAt(14)}”` });
    return invalid();
  }
  const authorityCode = code.slice(0, 6);
  return { ok: true, registrationNumber: code, authorityCode, region: describeRegion(authorityCode) };
}
