import { describe, expect, it } from 'vitest';
import { excelSerialToIsoDate, normaliseCell, parseDateText, toHalfWidth } from './cells.ts';

describe('cells', () => {
  it('turns Excel serial numbers into dates (1900 system, as Excel and LibreOffice write them)', () => {
    expect(excelSerialToIsoDate(45292)).toBe('2024-01-01');
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(0)).toBeNull();
  });

  it('reads the date spellings found in bureau files', () => {
    expect(parseDateText('2024/1/5')).toBe('2024-01-05');
    expect(parseDateText('2024年1月5日')).toBe('2024-01-05');
    expect(parseDateText('20240105')).toBe('2024-01-05');
    expect(parseDateText('２０２４-０１-０５')).toBe('2024-01-05');
    expect(parseDateText('2024-02-30')).toBeNull();
    expect(parseDateText('明天')).toBeNull();
  });

  it('restores codes that Excel typed as numbers, and refuses those it rounded', () => {
    expect(normaliseCell(130227, { type: 'code', length: 6 })).toEqual({ ok: true, value: '130227' });
    expect(normaliseCell(1234, { type: 'code', length: 6 })).toEqual({ ok: true, value: '001234' });
    const rounded = normaliseCell(914403001922038216, { type: 'code' });
    expect(rounded.ok).toBe(false);
    expect(!rounded.ok && rounded.reason).toContain('文本');
    expect(normaliseCell(' 9144 0300 1922 03821ｘ ', { type: 'code' })).toEqual({ ok: true, value: '91440300192203821X' });
  });

  it('maps Chinese labels of a fixed set and says which values are allowed', () => {
    const kind = { type: 'enum', values: { 重点: 'key', 一般: 'general' } } as const;
    expect(normaliseCell('重点', kind)).toEqual({ ok: true, value: 'key' });
    expect(normaliseCell('general', kind)).toEqual({ ok: true, value: 'general' });
    const bad = normaliseCell('特别', kind);
    expect(!bad.ok && bad.reason).toBe('“特别”不是有效值，可选：重点、一般');
  });

  it('splits lists on the separators people type, dropping duplicates', () => {
    expect(normaliseCell('道路货运、危货运输，道路货运;客运', { type: 'list' })).toEqual({ ok: true, value: '道路货运、危货运输、客运' });
  });

  it('checks whole numbers and text length', () => {
    expect(normaliseCell('12', { type: 'integer', min: 0, max: 10 })).toEqual({ ok: false, reason: '不能大于 10' });
    expect(normaliseCell('1.5', { type: 'integer' }).ok).toBe(false);
    expect(normaliseCell('一二三', { type: 'text', maxLength: 2 }).ok).toBe(false);
    expect(normaliseCell('  a   b ', { type: 'text' })).toEqual({ ok: true, value: 'a b' });
    expect(normaliseCell('示例运输（集团）有限公司\u3000', { type: 'text' })).toEqual({ ok: true, value: '示例运输（集团）有限公司' });
    expect(normaliseCell('   ', { type: 'text' })).toEqual({ ok: true, value: null });
  });

  it('converts full-width characters', () => {
    expect(toHalfWidth('ＡＢＣ　１２３')).toBe('ABC 123');
  });
});
