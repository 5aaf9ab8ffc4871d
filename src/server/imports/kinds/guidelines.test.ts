import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../audit/audit-events.ts';
import type { Database } from '../../db/database.ts';
import { guidelineVersions, items } from '../../db/schema-directory.ts';
import { makeDepartment } from '../../test/factories.ts';
import { createTestDatabase } from '../../test/test-db.ts';
import { importLocalFile } from '../import-runner.ts';
import { createTestImportEnv, runImport, type TestImportEnv } from '../import-test-helpers.ts';
import { checkGuidelineRows, guidelineExportRows, guidelineFromRows, guidelinesImport, validateGuidelineRow } from './guidelines.ts';

const ctx = { departmentId: null, userId: null, now: new Date('2026-03-02T09:00:00+08:00') };
const row = (values: Record<string, string | null>) => ({
  itemCode: null, content: null, method: null, basis: null, checkpointCode: null, checkpointText: null, reason: null, ...values,
});

describe('guideline rows', () => {
  it('checks one row: item code, checkpoint code and text together, a department admin without a department', () => {
    expect(validateGuidelineRow(row({ itemCode: 'QX-001', checkpointCode: '1', checkpointText: '查验许可证' }), ctx)).toEqual([]);
    expect(validateGuidelineRow(row({ itemCode: 'QX-001' }), ctx)).toEqual([]);
    expect(validateGuidelineRow(row({ itemCode: 'QX 001' }), ctx).map((i) => i.column)).toEqual(['事项编码']);
    expect(validateGuidelineRow(row({ itemCode: 'QX-001', checkpointCode: '1' }), ctx)).toEqual([
      { column: '检查要点', reason: '填写了检查要点编号“1”，但检查要点为空', severity: 'error' },
    ]);
    expect(validateGuidelineRow(row({ itemCode: 'QX-001', checkpointText: '查验' }), ctx).map((i) => i.column)).toEqual(['检查要点编号']);
    expect(validateGuidelineRow(row({ itemCode: 'QX-001' }), { ...ctx, restrictedTo: { departmentId: null } }).map((i) => i.reason))
      .toEqual(['您的账号未关联机构，不能导入工作指引']);
    expect(validateGuidelineRow(row({ itemCode: 'QX-001' }), { ...ctx, restrictedTo: { departmentId: 'd1' } })).toEqual([]);
  });

  it('keys a row by item code and checkpoint code', () => {
    expect(guidelinesImport.keyOf(row({ itemCode: 'QX-001', checkpointCode: '2' }))).toBe('QX-001#2');
    expect(guidelinesImport.keyOf(row({ itemCode: 'QX-001' }))).toBe('QX-001#');
    expect(guidelinesImport.keyOf(row({}))).toBeNull();
  });

  it('builds the guideline from the first row and the checkpoints in file order', () => {
    const draft = guidelineFromRows('QX-001', [
      row({ itemCode: 'QX-001', content: '内容', method: '方法', basis: '依据', reason: '修订' }),
      row({ itemCode: 'QX-001', checkpointCode: 'B', checkpointText: '第二' }),
      row({ itemCode: 'QX-001', checkpointCode: 'A', checkpointText: '第一' }),
    ]);
    expect(draft).toEqual({
      itemCode: 'QX-001', content: '内容', method: '方法', basis: '依据', reason: '修订',
      checkpoints: [{ code: 'B', text: '第二' }, { code: 'A', text: '第一' }],
    });
  });

  it('requires the guideline-level columns on the first row and allows only repeats later', () => {
    const first = { row: 2, values: row({ content: '内容', method: '方法', basis: '依据', checkpointCode: '1', checkpointText: 'x' }) };
    expect(checkGuidelineRows([first, { row: 3, values: row({ content: '内容' }) }])).toBeNull();
    expect(checkGuidelineRows([{ row: 2, values: row({ content: '内容' }) }])).toEqual({
      column: '检查方法', reason: '该事项的首行（第 2 行）须填写检查方法、检查依据（同一事项的其他行可留空）',
    });
    expect(checkGuidelineRows([first, { row: 5, values: row({ basis: '别的依据' }) }])).toEqual({
      column: '检查依据', reason: '第 5 行的检查依据与该事项首行（第 2 行）不一致：同一事项的检查依据只在首行填写，或各行完全相同',
    });
  });

  it('exports one row per checkpoint in the import layout', () => {
    expect(guidelineExportRows({ itemCode: 'QX-001', content: '内容', method: '方法', basis: '依据', checkpoints: [{ code: '1', text: '甲' }, { code: '2', text: '乙' }] }))
      .toEqual([['QX-001', '内容', '方法', '依据', '1', '甲', null], ['QX-001', null, null, null, '2', '乙', null]]);
    expect(guidelineExportRows({ itemCode: 'QX-002', content: '内容', method: '方法', basis: '依据', checkpoints: [] }))
      .toEqual([['QX-002', '内容', '方法', '依据', null, null, null]]);
  });
});

describe('guidelines import across commit slices', () => {
  let database: Database;
  let env: TestImportEnv;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = await createTestImportEnv(database.db);
    await makeDepartment(database.db, { name: '运输管理科', code: 'YSGL' });
  });
  afterAll(async () => {
    await env.cleanup();
    await database.close();
  });

  async function csv(name: string, lines: readonly string[]): Promise<string> {
    const file = path.join(env.dir, name);
    await writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`);
    return file;
  }

  it('writes each guideline whole even when its rows are interleaved and span slices', async () => {
    const itemHeader = '事项编码,抽查类别,抽查事项名称,事项类别,抽查依据,监管层级,抽查对象,抽查内容,抽查方式,责任部门';
    const items2 = await runImport(env, 'items', await csv('items.csv', [
      itemHeader, 'A-1,类别,事项甲,一般检查事项,依据,县级,市场主体,内容,实地检查,YSGL', 'B-1,类别,事项乙,一般检查事项,依据,县级,市场主体,内容,实地检查,YSGL',
    ]));
    expect(items2.outcome.status).toBe('done');
    const file = await csv('guidelines.csv', [
      '事项编码,检查内容,检查方法,检查依据,检查要点编号,检查要点',
      'A-1,内容甲,方法甲,依据甲,1,甲一', 'B-1,内容乙,方法乙,依据乙,1,乙一', 'A-1,,,,2,甲二', 'B-1,,,,2,乙二', 'A-1,,,,3,甲三',
    ]);
    const outcome = await importLocalFile(env, {
      kind: guidelinesImport, filePath: file, actor: systemActor, ctx, sliceRows: 2,
    });
    expect(outcome.status === 'done' && outcome.summary).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const rows = await database.db.select({ code: items.code, checkpoints: guidelineVersions.checkpoints, version: guidelineVersions.version })
      .from(guidelineVersions).innerJoin(items, eq(items.id, guidelineVersions.itemId)).orderBy(asc(items.code));
    expect(rows.map((r) => [r.code, r.version, r.checkpoints.map((c) => c.text)])).toEqual([
      ['A-1', 1, ['甲一', '甲二', '甲三']],
      ['B-1', 1, ['乙一', '乙二']],
    ]);
  });
});
