import { describe, expect, it } from 'vitest';
import { publicResultFields, publicResultSchema } from '../../../contracts/inspections.ts';
import { presentPublicResult, publicResultsCsv, type PublicResultSource } from './public-results.presenter.ts';

const source: PublicResultSource = {
  entity: { key: '911302270000000001X', name: '迁西县测试运输有限公司', uscc: '911302270000000001X' },
  plan: { title: '2026 年度双随机抽查计划', year: 2026 },
  task: { code: 'QXJT-2026-001', name: '道路运输联合抽查', targeted: false },
  inspectingBody: '运输管理科、综合执法大队',
  versions: [
    { version: 2, codes: ['E'], itemResults: [{ code: 'JT-001', name: '经营行为检查', result: '发现问题' }], remarks: '=HYPERLINK("x")', endedOn: '2024-09-27', publishedOn: '2024-11-05', reason: '结果代码填错' },
    { version: 1, codes: ['1'], itemResults: [{ code: 'JT-001', name: '经营行为检查', result: '未发现问题' }], remarks: '', endedOn: '2024-09-27', publishedOn: '2024-10-30', reason: null },
  ],
  followUpStatus: null,
};

describe('public result presenter', () => {
  it('outputs exactly the listed fields, the current version, and earlier versions with the correction reason', () => {
    const result = presentPublicResult(source);
    expect(Object.keys(result ?? {})).toEqual([...publicResultFields]);
    expect(Object.keys(publicResultSchema.shape)).toEqual([...publicResultFields]);
    expect(result).toMatchObject({
      version: 2, result: '发现问题已责令改正', inspectionType: '不定向抽查', publishedOn: '2024-11-05', completedOn: '2024-09-27',
      corrections: [{ version: 1, publishedOn: '2024-10-30', result: '未发现问题', reason: '结果代码填错' }],
    });
    expect(presentPublicResult({ ...source, versions: [] })).toBeNull();
  });

  it('writes CSV with a BOM, a heading per field, quoting, and no spreadsheet formulas', () => {
    const result = presentPublicResult(source);
    if (!result) throw new Error('no result');
    const csv = publicResultsCsv([result]);
    expect(csv.startsWith('\uFEFF企业名称,统一社会信用代码,')).toBe(true);
    const [, row] = csv.slice(1).trim().split('\r\n');
    expect(row).toContain('运输管理科、综合执法大队');
    // The remark starting with "=" is neutralised with a quote, then CSV-quoted for its inner quotes.
    expect(row).toContain('"\'=HYPERLINK(""x"")"');
    expect(row).toContain('第1版（2024-10-30）未发现问题，更正原因：结果代码填错');
  });
});
