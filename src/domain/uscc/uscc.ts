/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 * Rules, sources and examples: docs/domain/uscc.md.
 */
import { normalizeIdentifier } from './normalize-identifier.ts';
import { computeRegistrationCheckDigit } from './registration-number.ts';
import { describeRegion, REGISTRATION_AUTHORITIES, type RegionInfo } from './uscc-codes.ts';

/** The 31 characters of GB 32100-2015, value = index (no I, O, S, V, Z). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17: 3^(i−1) mod 31 (ISO 7064 MOD 31-3). */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Weights of the 8 body characters of a GB 11714 organization code. */
export const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

export const USCC_LENGTH = 18;

export type UsccErrorCode = 'EMPTY' | 'LEGACY_REGISTRATION_NUMBER' | 'LENGTH' | 'CHARSET' | 'CHECK_CHAR';
export type UsccWarningCode = 'ORG_CODE_CHECK' | 'UNKNOWN_AUTHORITY' | 'UNKNOWN_ENTITY_TYPE' | 'REGION_FORMAT' | 'UNKNOWN_REGION';

export interface UsccIssue<Code extends string> {
  code: Code;
  /** Chinese, for people. */
  message: string;
  /** 1-based character position, when the issue is about one character. */
  position?: number;
}

export interface CodeName {
  code: string;
  /** null when the code is not in the table. */
  name: string | null;
}

export interface UsccValid {
  ok: true;
  /** The normalised code (18 characters). */
  uscc: string;
  /** 登记管理部门 (position 1). */
  authority: CodeName;
  /** 机构类别 (position 2). */
  entityType: CodeName;
  /** 登记管理机关行政区划码 (positions 3–8). */
  regionCode: string;
  region: RegionInfo;
  /** 主体标识码 / embedded organization code (positions 9–17), e.g. '19220382-1'. */
  organizationCode: string;
  warnings: UsccIssue<UsccWarningCode>[];
}

export interface UsccInvalid {
  ok: false;
  /** The input after normalisation, for display. */
  normalized: string;
  errors: UsccIssue<UsccErrorCode>[];
}

export type UsccResult = UsccValid | UsccInvalid;

function charValue(char: string): number {
  return USCC_CHARSET.indexOf(char);
}

/**
 * The 18th character for 17 characters from the charset. Throws RangeError on anything
 * else (no normalisation here: it is for building codes, not checking input).
 */
export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`需要17个字符，实际 ${first17.length} 个`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = charValue(first17.charAt(i));
    if (value < 0) throw new RangeError(`第${i + 1}位“${first17.charAt(i)}”不在统一社会信用代码字符集内`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 value of a character: 0–9, A–Z = 10–35; -1 otherwise. */
function orgCodeValue(char: string): number {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  if (char >= 'A' && char <= 'Z') return char.charCodeAt(0) - 55;
  return -1;
}

/** Check character of a GB 11714 organization code from its 8 body characters. */
export function computeOrgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new RangeError(`需要8个字符，实际 ${body8.length} 个`);
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const value = orgCodeValue(body8.charAt(i));
    if (value < 0) throw new RangeError(`第${i + 1}位“${body8.charAt(i)}”不是组织机构代码字符`);
    sum += value * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function describeChar(char: string): string {
  return /^[\x21-\x7e]$/u.test(char) ? `“${char}”` : `“${char}”(U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Check a 统一社会信用代码; the input is normalised first (see normalizeIdentifier). */
export function checkUscc(input: string): UsccResult {
  const code = normalizeIdentifier(input);
  const errors: UsccIssue<UsccErrorCode>[] = [];
  const invalid = (): UsccInvalid => ({ ok: false, normalized: code, errors });

  if (code.length === 0) {
    errors.push({ code: 'EMPTY', message: '统一社会信用代码为空' });
    return invalid();
  }
  if (/^\d{15}$/u.test(code)) {
    const checkOk = computeRegistrationCheckDigit(code.slice(0, 14)) === code.charAt(14);
    errors.push({
      code: 'LEGACY_REGISTRATION_NUMBER',
      message: `这是15位旧版工商注册号（${checkOk ? '校验位正确' : '校验位也不正确'}），不是统一社会信用代码；可作为备用标识（注册号）登记，统一社会信用代码需另行取得`,
    });
    return invalid();
  }

  const chars = [...code];
  chars.forEach((char, index) => {
    if (charValue(char) < 0) {
      errors.push({
        code: 'CHARSET', position: index + 1,
        message: `第${index + 1}位${describeChar(char)}不是统一社会信用代码允许的字符（数字及除 I、O、S、V、Z 以外的大写字母）`,
      });
    }
  });
  if (chars.length !== USCC_LENGTH) {
    errors.push({ code: 'LENGTH', message: `统一社会信用代码应为18位，实际为${chars.length}位` });
  }
  if (errors.length > 0) return invalid();

  const expected = computeUsccCheckChar(code.slice(0, 17));
  const actual = code.charAt(17);
  if (expected !== actual) {
    errors.push({
      code: 'CHECK_CHAR', position: 18,
      message: `校验码错误：按前17位应为“${expected}”，实际为“${actual}”（任一位录入错误都会导致不符，请核对原件）`,
    });
    return invalid();
  }

  const warnings: UsccIssue<UsccWarningCode>[] = [];
  const authorityCode = code.charAt(0);
  const typeCode = code.charAt(1);
  const authorityEntry = REGISTRATION_AUTHORITIES[authorityCode];
  const typeName = authorityEntry?.entityTypes[typeCode] ?? null;
  if (!authorityEntry) {
    warnings.push({ code: 'UNKNOWN_AUTHORITY', position: 1, message: `登记管理部门代码“${authorityCode}”不在 GB 32100-2015 代码表中` });
  } else if (typeName === null) {
    warnings.push({
      code: 'UNKNOWN_ENTITY_TYPE', position: 2,
      message: `机构类别代码“${typeCode}”不在登记管理部门“${authorityEntry.name}”的类别表中`,
    });
  }

  const regionCode = code.slice(2, 8);
  const region = describeRegion(regionCode);
  if (!/^\d{6}$/u.test(regionCode)) {
    warnings.push({ code: 'REGION_FORMAT', position: 3, message: `第3–8位行政区划码“${regionCode}”应为6位数字（GB/T 2260）` });
  } else if (region.provinceName === null) {
    warnings.push({ code: 'UNKNOWN_REGION', position: 3, message: `第3–8位行政区划码“${regionCode}”的省级代码“${regionCode.slice(0, 2)}”不存在` });
  }

  const orgBody = code.slice(8, 16);
  const orgCheck = code.charAt(16);
  const orgExpected = computeOrgCodeCheckChar(orgBody);
  if (orgExpected !== orgCheck) {
    warnings.push({
      code: 'ORG_CODE_CHECK', position: 17,
      message: `内嵌组织机构代码（第9–17位）校验位按 GB 11714 应为“${orgExpected}”，实际为“${orgCheck}”；个体工商户等部分真实代码如此，仅作提示`,
    });
  }

  return {
    ok: true,
    uscc: code,
    authority: { code: authorityCode, name: authorityEntry?.name ?? null },
    entityType: { code: typeCode, name: typeName },
    regionCode,
    region,
    organizationCode: `${orgBody}-${orgCheck}`,
    warnings,
  };
}

export interface MakeUsccOptions {
  /** 登记管理部门代码, default '9' (市场监管). */
  authority?: string;
  /** 机构类别代码, default '1' (企业). */
  entityType?: string;
  /** 6-digit region code, default '130227' (河北省唐山市迁西县). */
  regionCode?: string;
  /** The 8 body characters of the organization code, or a number (zero-padded). */
  subject: string | number;
}

/**
 * Build a valid code for tests and demo data: the embedded organization code gets its
 * GB 11714 check character and the whole code its GB 32100 check character.
 */
export function makeUscc(options: MakeUsccOptions): string {
  const authority = options.authority ?? '9';
  const entityType = options.entityType ?? '1';
  const regionCode = options.regionCode ?? '130227';
  const subject = typeof options.subject === 'number'
    ? String(options.subject).padStart(8, '0')
    : options.subject;
  if (typeof options.subject === 'number' && (!Number.isSafeInteger(options.subject) || options.subject < 0 || subject.length !== 8)) {
    throw new RangeError(`主体序号应为 0–99999999 的整数：${options.subject}`);
  }
  if (!/^\d{6}$/u.test(regionCode)) throw new RangeError(`行政区划码应为6位数字：${regionCode}`);
  if (authority.length !== 1 || entityType.length !== 1) throw new RangeError('登记管理部门代码和机构类别代码各为1个字符');
  const first16 = `${authority}${entityType}${regionCode}${subject}`;
  const first17 = `${first16}${computeOrgCodeCheckChar(subject)}`;
  return `${first17}${computeUsccCheckChar(first17)}`;
}
