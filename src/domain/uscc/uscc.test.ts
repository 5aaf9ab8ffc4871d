import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkUscc, computeOrgCodeCheckChar, computeUsccCheckChar, makeUscc, USCC_CHARSET, type UsccResult } from './uscc.ts';
import { REGISTRATION_AUTHORITIES } from './uscc-codes.ts';

function errorCodes(result: UsccResult): string[] {
  return result.ok ? [] : result.errors.map((e) => e.code);
}

const REAL_VALID = [
  '914403001922038216', // 中国平安
  '91110000600037341L',
  '9144030071526726XG',
  '91330100716105852F',
  // domain-rules §6
  '91350100M000100Y43', '91440300708461136T', '91110108551385082Q', '91110000802100433B',
  '91110105771583283D', '91110108740084270C', '911101077776591113', '91440300359143307G', '12440300MB2C92173E',
];

describe('checkUscc', () => {
  it.each(REAL_VALID)('accepts the real code %s', (code) => {
    const result = checkUscc(code);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings).toEqual([]);
  });

  it('decodes authority, entity type, region and organization code', () => {
    expect(checkUscc('914403001922038216')).toEqual({
      ok: true,
      uscc: '914403001922038216',
      authority: { code: '9', name: '市场监管（工商）' },
      entityType: { code: '1', name: '企业' },
      regionCode: '440300',
      region: { code: '440300', provinceName: '广东省' },
      organizationCode: '19220382-1',
      warnings: [],
    });
    const institution = checkUscc('12440300MB2C92173E');
    expect(institution.ok && [institution.authority.name, institution.entityType.name]).toEqual(['机构编制', '事业单位']);
  });

  it('rejects a wrong 18th character with a Chinese message and an English code', () => {
    const result = checkUscc('914403001922038217');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ code: 'CHECK_CHAR', position: 18 });
      expect(result.errors[0]?.message).toContain('校验码错误');
    }
    expect(errorCodes(checkUscc('91350200M000000510'))).toEqual(['CHECK_CHAR']);
    expect(errorCodes(checkUscc('91350128M00000019A'))).toEqual(['CHECK_CHAR']);
  });

  it('normalises case, spaces and full-width characters', () => {
    for (const input of [
      '  914403001922038216\n', '9144 0300 1922 0382 16', '９１４４０３００１９２２０３８２１６',
      '91110000600037341l', '９１１１００００６０００３７３４１ｌ', '\u3000914403001922038216\u3000',
    ]) {
      const result = checkUscc(input);
      expect(result.ok, input).toBe(true);
    }
    const lower = checkUscc('9144030071526726xg');
    expect(lower.ok && lower.uscc).toBe('9144030071526726XG');
  });

  it('rejects characters outside the charset, naming the position', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) {
      const result = checkUscc(`91440300192203821${bad}`);
      expect(errorCodes(result), bad).toEqual(['CHARSET']);
      expect(!result.ok && result.errors[0]?.position).toBe(18);
    }
    expect(errorCodes(checkUscc('9144030019220382-6'))).toEqual(['CHARSET']);
    expect(errorCodes(checkUscc('91440300192203821中'))).toEqual(['CHARSET']);
  });

  it('rejects a wrong length and an empty input', () => {
    expect(errorCodes(checkUscc('91440300192203821'))).toEqual(['LENGTH']);
    expect(errorCodes(checkUscc('9144030019220382166'))).toEqual(['LENGTH']);
    expect(errorCodes(checkUscc('9144O3'))).toEqual(['CHARSET', 'LENGTH']);
    expect(errorCodes(checkUscc('   '))).toEqual(['EMPTY']);
  });

  it('says a 15-digit code is a legacy 注册号 to be kept as an alternate id', () => {
    const result = checkUscc('110108000000016');
    expect(errorCodes(result)).toEqual(['LEGACY_REGISTRATION_NUMBER']);
    expect(!result.ok && result.errors[0]?.message).toMatch(/旧版工商注册号.*备用标识/);
  });

  it('only warns when the embedded organization code check is wrong', () => {
    // A 个体工商户 code whose embedded organization code does not follow GB 11714.
    const first16 = '92130227MA0ABCDE';
    const badOrgCheck = computeOrgCodeCheckChar('MA0ABCDE') === '1' ? '2' : '1';
    const code = `${first16}${badOrgCheck}${computeUsccCheckChar(`${first16}${badOrgCheck}`)}`;
    const result = checkUscc(code);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.entityType.name).toBe('个体工商户');
      expect(result.warnings.map((w) => w.code)).toEqual(['ORG_CODE_CHECK']);
      expect(result.warnings[0]?.message).toContain('仅作提示');
    }
  });

  it('warns on unknown authority / entity type / region, without rejecting', () => {
    const warningsOf = (first17: string) => {
      const result = checkUscc(`${first17}${computeUsccCheckChar(first17)}`);
      expect(result.ok).toBe(true);
      return result.ok ? result.warnings.map((w) => w.code) : [];
    };
    const org = (body: string) => `${body}${computeOrgCodeCheckChar(body)}`;
    expect(warningsOf(`B1130227${org('12345678')}`)).toEqual(['UNKNOWN_AUTHORITY']);
    expect(warningsOf(`94130227${org('12345678')}`)).toEqual(['UNKNOWN_ENTITY_TYPE']);
    expect(warningsOf(`91990227${org('12345678')}`)).toEqual(['UNKNOWN_REGION']);
    expect(warningsOf(`9113A227${org('12345678')}`)).toEqual(['REGION_FORMAT']);
    expect(warningsOf(`11100000${org('00001312')}`)).toEqual([]); // national level, 100000
  });

  it('has the authority table of GB 32100-2015', () => {
    expect(Object.keys(REGISTRATION_AUTHORITIES).filter((k) => REGISTRATION_AUTHORITIES[k]?.confirmed))
      .toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);
    expect(REGISTRATION_AUTHORITIES['5']?.entityTypes).toEqual({ '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' });
    expect(REGISTRATION_AUTHORITIES['3']?.entityTypes['1']).toBe('律师执业机构');
    expect(REGISTRATION_AUTHORITIES['N']?.entityTypes['2']).toBe('村级集体经济组织');
    for (const key of Object.keys(REGISTRATION_AUTHORITIES)) expect(USCC_CHARSET).toContain(key);
  });
});

describe('computeUsccCheckChar and makeUscc', () => {
  const charsetChar = fc.constantFrom(...USCC_CHARSET);
  const first17 = fc.array(charsetChar, { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));

  it('rejects input that is not 17 charset characters', () => {
    expect(() => computeUsccCheckChar('9144030019220382')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('9144030019220382I')).toThrow(RangeError);
  });

  it('makes codes that pass the check (property)', () => {
    fc.assert(fc.property(first17, (body) => {
      const result = checkUscc(`${body}${computeUsccCheckChar(body)}`);
      expect(result.ok).toBe(true);
    }));
  });

  it('detects every single-character substitution of a valid code (property)', () => {
    // Any character, in or out of the charset; MOD 31 with weights prime to 31 catches all.
    const replacement = fc.oneof(charsetChar, fc.constantFrom('I', 'O', 'S', 'V', 'Z', '-', 'a', '中'));
    fc.assert(fc.property(first17, fc.integer({ min: 0, max: 17 }), replacement, (body, index, char) => {
      const valid = `${body}${computeUsccCheckChar(body)}`;
      fc.pre(valid.charAt(index) !== char && valid.charAt(index) !== char.toUpperCase());
      const changed = `${valid.slice(0, index)}${char}${valid.slice(index + 1)}`;
      expect(checkUscc(changed).ok).toBe(false);
    }), { numRuns: 2000 });
  });

  it('detects every substitution of every position of a real code (exhaustive)', () => {
    const valid = '914403001922038216';
    for (let index = 0; index < 18; index += 1) {
      for (const char of USCC_CHARSET) {
        if (char === valid.charAt(index)) continue;
        expect(checkUscc(`${valid.slice(0, index)}${char}${valid.slice(index + 1)}`).ok).toBe(false);
      }
    }
  });

  it('makeUscc builds valid codes without warnings', () => {
    const code = makeUscc({ subject: 1 });
    expect(code).toHaveLength(18);
    expect(code.startsWith('91130227')).toBe(true);
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom('1', '2', '3'), (n, type) => {
      const result = checkUscc(makeUscc({ subject: n, entityType: type }));
      expect(result.ok && result.warnings).toEqual([]);
    }));
    expect(checkUscc(makeUscc({ authority: '5', entityType: '1', regionCode: '110000', subject: 'MJ000001' })).ok).toBe(true);
    expect(() => makeUscc({ subject: -1 })).toThrow(RangeError);
    expect(() => makeUscc({ subject: 100_000_000 })).toThrow(RangeError);
    expect(() => makeUscc({ subject: 'ABC' })).toThrow(RangeError);
    expect(() => makeUscc({ subject: 1, regionCode: '1302' })).toThrow(RangeError);
  });
});
