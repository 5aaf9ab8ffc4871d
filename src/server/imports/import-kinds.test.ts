import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRegistrationCheckDigit } from '../../domain/uscc/registration-number.ts';
import { computeUsccCheckChar, makeUscc } from '../../domain/uscc/uscc.ts';
import { rowsOf, type Database } from '../db/database.ts';
import { auditEvents } from '../db/schema.ts';
import { entities, riskSnapshots } from '../db/schema-directory.ts';
import { createTestDatabase } from '../test/test-db.ts';
import { makeDepartment } from '../test/factories.ts';
import { createTestImportEnv, entitiesChecksum, runImport, type TestImportEnv } from './import-test-helpers.ts';
import { parseMonth } from './kinds/risk-classes.ts';

let database: Database;
let env: TestImportEnv;

beforeAll(async () => {
  database = await createTestDatabase();
  env = await createTestImportEnv(database.db);
});
afterAll(async () => {
  await env.cleanup();
  await database.close();
});

const bom = '\uFEFF';
const firm = (n: number) => makeUscc({ subject: 10_000_000 + n });
const legacy = (first14: string) => `${first14}${computeRegistrationCheckDigit(first14)}`;

/** A GBK encoder for tests, built from the platform's GBK decoder. */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}

async function csvFile(name: string, lines: readonly string[], prefix = bom): Promise<string> {
  const file = path.join(env.dir, name);
  await writeFile(file, prefix + lines.join('\r\n') + '\r\n');
  return file;
}

async function entityByKey(key: string) {
  const [row] = await database.db.select().from(entities).where(eq(entities.key, key));
  return row;
}

describe('entities import', () => {
  const header = '统一社会信用代码,注册号,名称,法定代表人,住所,行政区划代码,联系人,联系电话,行业类别,重点领域,状态,成立日期';
  // A code whose embedded organization code has a wrong check character but whose own check character is right.
  const orgFirst17 = '91130227MA0ABCDE1';
  const orgWarned = `${orgFirst17}${computeUsccCheckChar(orgFirst17)}`;
  const wrongCheck = `${firm(1).slice(0, 17)}${firm(1).endsWith('0') ? '1' : '0'}`;
  const rn = legacy('13022700001234');
  const rnInUsccColumn = legacy('13022700005678');
  const lines = [
    header,
    `${firm(1)},,示例运输有限公司,张三,示例县兴城镇1号,130227,李四,0315-5612345,道路货运,安全生产、两客一危,存续,2015-06-01`,
    `${wrongCheck},,校验码错误公司,王五,,,,,,,,`,
    `${orgWarned},,内嵌代码提示公司,赵六,,130227,,,机动车维修,,在业,2019/3/5`,
    `,${rn},老字号汽车修理厂,钱七,,130227,,,机动车维修,,吊销,1998年5月6日`,
    `${rnInUsccColumn},,旧注册号填错列公司,孙八,,,,,,,注销,`,
    `${firm(1)},,重复行公司,周九,,,,,,,,`,
    `${firm(2)},,未来公司,吴十,,,,,,,,2099-01-01`,
    `${firm(3)},,状态错误公司,郑一,,,,,,,营业中,`,
    `${firm(4)},,"带,逗号的""引号""公司",冯二,,13022,,,,,停业,45292`,
    ',,,,,,,,,,,',
    '',
  ];

  it('stages, reports each rejected row with its reasons, commits, and is idempotent', async () => {
    const file = await csvFile('entities.csv', lines);
    const { outcome, rejected } = await runImport(env, 'entities', file);
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(rejected.map((r) => [r.row, r.issues.map((i) => i.column)])).toEqual([
      [3, ['统一社会信用代码']],
      [7, ['统一社会信用代码']],
      [8, ['成立日期']],
      [9, ['状态']],
      [10, ['行政区划代码']],
    ]);
    expect(rejected[0]?.issues[0]?.reason).toMatch(/^校验码错误/);
    expect(rejected[1]?.issues[0]?.reason).toBe('与第 2 行重复：同一检查对象（主体类）在文件中出现多次，请保留一行');
    expect(rejected[3]?.issues[0]?.reason).toMatch(/“营业中”不是有效值/);
    expect(rejected[1]?.raw['名称']).toBe('重复行公司');
    expect(outcome.summary).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(outcome.job).toMatchObject({ status: 'done', totalRows: 9, acceptedRows: 4, rejectedRows: 5 });

    const first = await entityByKey(firm(1));
    expect(first).toMatchObject({
      kind: 'subject', uscc: firm(1), name: '示例运输有限公司', regionCode: '130227', contactPhone: '0315-5612345',
      focusAreas: ['安全生产', '两客一危'], status: 'active', foundedOn: '2015-06-01', claimedByDepartmentId: null,
    });
    expect(await entityByKey(orgWarned)).toMatchObject({ foundedOn: '2019-03-05', status: 'active' });
    expect(await entityByKey(rn)).toMatchObject({ uscc: null, registrationNumber: rn, status: 'revoked', foundedOn: '1998-05-06' });
    expect(await entityByKey(rnInUsccColumn)).toMatchObject({ uscc: null, registrationNumber: rnInUsccColumn, status: 'deregistered' });
    // A 5-digit region code in a csv (Excel dropped nothing here: it was typed so) is refused.
    expect(await entityByKey(firm(4))).toBeUndefined();

    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'import.committed'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subjectType: 'import_job', subjectId: outcome.job.id });
    expect(audit[0]?.summary).toContain('新增 4 条');

    const before = await entitiesChecksum(database.db);
    const again = await runImport(env, 'entities', file);
    expect(again.outcome.status === 'done' && again.outcome.summary).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await entitiesChecksum(database.db)).toEqual(before);
  });

  it('keeps warnings on accepted rows (embedded organization code, 注册号 in the USCC column)', async () => {
    const file = await csvFile('entities-warn.csv', lines);
    const { outcome } = await runImport(env, 'entities', file, { commit: false });
    expect(outcome.status).toBe('preview');
    const warned = rowsOf<{ row_no: number; issues: { column: string; reason: string; severity: string }[] }>(await database.db.execute(sql`
      select row_no, issues from import_rows where job_id = ${outcome.job?.id}::uuid and accepted and issues <> '[]'::jsonb order by row_no`));
    expect(warned.map((w) => [w.row_no, w.issues.map((i) => i.severity)])).toEqual([[4, ['warning']], [6, ['warning']]]);
    expect(warned[0]?.issues[0]?.reason).toMatch(/内嵌组织机构代码/);
    expect(warned[1]?.issues[0]?.reason).toMatch(/已按“注册号”登记/);
  });

  it('updates only what changed, never erases a value with an empty cell, and re-keys a legacy firm that got a USCC', async () => {
    const department = await makeDepartment(database.db);
    const newUscc = makeUscc({ subject: 'MA0QWERT' });
    const file = await csvFile('entities-update.csv', [
      header,
      `${firm(1)},,示例运输有限公司（更名）,,,,,,,,,`,
      `${newUscc},${rn},老字号汽车修理厂,,,,,,,,,`,
      `${firm(5)},,新增公司,,,,,,,,,`,
    ]);
    const { outcome } = await runImport(env, 'entities', file, { departmentId: department.id });
    expect(outcome.status === 'done' && outcome.summary).toEqual({ inserted: 1, updated: 2, unchanged: 0 });
    expect(await entityByKey(firm(1))).toMatchObject({ name: '示例运输有限公司（更名）', legalRepresentative: '张三', contactPhone: '0315-5612345' });
    expect(await entityByKey(rn)).toBeUndefined();
    expect(await entityByKey(newUscc)).toMatchObject({ uscc: newUscc, registrationNumber: rn, status: 'revoked' });
    expect(await entityByKey(firm(5))).toMatchObject({ claimedByDepartmentId: department.id });
  });

  it('reads an xlsx with a merged title row, numeric codes, Excel dates and trailing blank rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow(['示例县交通运输局检查对象名录（主体类）']);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['统一社会信用代码*', '名称*', '行政区划代码', '联系电话', '成立日期', '状态']);
    sheet.addRow([firm(10), '表格公司甲', 130227, 13800138000, 45292, '存续']);
    sheet.addRow([Number('911302271000001100'), '数字代码公司', '130227', '', new Date(Date.UTC(2020, 0, 2)), '']);
    sheet.addRow([firm(11), '表格公司乙', '130227', '', '2021-07-08', '']);
    sheet.addRow([]);
    sheet.addRow(['', '', '', '', '', '']);
    const file = path.join(env.dir, 'entities.xlsx');
    await workbook.xlsx.writeFile(file);
    const { outcome, rejected } = await runImport(env, 'entities', file);
    expect(outcome.status === 'done' && outcome.summary).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(rejected.map((r) => r.row)).toEqual([4]);
    expect(rejected[0]?.issues[0]?.reason).toMatch(/丢失精度/);
    expect(await entityByKey(firm(10))).toMatchObject({ regionCode: '130227', contactPhone: '13800138000', foundedOn: '2024-01-01' });
  });

  it('reads a GBK csv (WPS / Excel default) and refuses a file without an id column', async () => {
    const file = path.join(env.dir, 'gbk.csv');
    await writeFile(file, encodeGbk(`${header}\r\n${firm(20)},,国标编码公司,张三,,,,,,,,\r\n`));
    const { outcome } = await runImport(env, 'entities', file);
    expect(outcome.status === 'done' && outcome.summary).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await entityByKey(firm(20))).toMatchObject({ name: '国标编码公司', legalRepresentative: '张三' });

    const noId = await csvFile('no-id.csv', ['名称,住所', '某公司,某地']);
    const refused = await runImport(env, 'entities', noId);
    expect(refused.outcome).toMatchObject({ status: 'failed', fileLevel: true });
    expect(refused.outcome.status === 'failed' && refused.outcome.message).toMatch(/缺少“统一社会信用代码”列/);
    expect(refused.outcome.job).toMatchObject({ status: 'failed' });
  });

  it('refuses an old .xls and an empty file as a whole', async () => {
    const xls = path.join(env.dir, 'old.xls');
    await writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const a = await runImport(env, 'entities', xls);
    expect(a.outcome.status === 'failed' && a.outcome.message).toMatch(/不支持旧版 Excel/);
    const onlyHeader = await csvFile('only-header.csv', [header]);
    const b = await runImport(env, 'entities', onlyHeader);
    expect(b.outcome.status === 'failed' && b.outcome.message).toMatch(/没有数据行/);
  });
});

describe('registrations import', () => {
  it('inserts new firms unclaimed and leaves the claim of known firms alone', async () => {
    const department = await makeDepartment(database.db);
    await database.db.update(entities).set({ claimedByDepartmentId: department.id }).where(eq(entities.key, firm(10)));
    const file = await csvFile('registrations.csv', [
      '统一社会信用代码,企业名称,法定代表人,住所,成立日期,登记机关',
      `${firm(30)},新设运输有限公司,陈一,示例县兴城镇2号,2026-02-27,示例县市场监督管理局`,
      `${firm(10)},表格公司甲,林二,,,示例县市场监督管理局`,
    ]);
    const { outcome } = await runImport(env, 'registrations', file, { departmentId: department.id });
    expect(outcome.status === 'done' && outcome.summary).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await entityByKey(firm(30))).toMatchObject({ claimedByDepartmentId: null, claimedAt: null, status: 'active' });
    expect(await entityByKey(firm(10))).toMatchObject({ claimedByDepartmentId: department.id, legalRepresentative: '林二' });
  });
});

describe('objects import', () => {
  it('keeps unnamed columns as attributes and upserts by code', async () => {
    const file = await csvFile('objects.csv', [
      '对象编码,对象类别,名称,所属主体统一社会信用代码,行业类别,行政区划代码,车辆类型,核定载客',
      `冀B12345,车辆,冀B12345（大型客车）,${firm(1)},道路客运,130227,大型客车,45人`,
      'GL-2024-001,公路工程项目,示例县X401改建工程,,公路建设,130227,,',
      'KYZ-001,汽车客运站,示例县汽车客运站,,道路客运,130227,,',
      'X-1,飞机,未知类别,,,,,',
      `Y-1,车辆,主体代码错误,${firm(1).slice(0, 17)}Z,,,,`,
    ]);
    const { outcome, rejected } = await runImport(env, 'objects', file);
    expect(outcome.status === 'done' && outcome.summary).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(rejected.map((r) => [r.row, r.issues[0]?.column])).toEqual([[5, '对象类别'], [6, '所属主体统一社会信用代码']]);
    expect(await entityByKey('冀B12345')).toMatchObject({
      kind: 'object', objectKind: 'vehicle', ownerKey: firm(1), attributes: { 车辆类型: '大型客车', 核定载客: '45人' },
    });
    expect(await entityByKey('KYZ-001')).toMatchObject({ objectKind: 'station', attributes: {} });
    const before = await entitiesChecksum(database.db);
    const again = await runImport(env, 'objects', file);
    expect(again.outcome.status === 'done' && again.outcome.summary).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await entitiesChecksum(database.db)).toEqual(before);
  });

  it('refuses to turn a firm into an object', async () => {
    const file = await csvFile('objects-clash.csv', ['对象编码,对象类别,名称', `${firm(1)},车辆,冒名对象`]);
    const { outcome } = await runImport(env, 'objects', file);
    expect(outcome.status === 'failed' && outcome.message).toMatch(/已登记为主体/);
    expect(await entityByKey(firm(1))).toMatchObject({ kind: 'subject' });
  });
});

describe('risk-classes import', () => {
  it('parses months as typed in real files', () => {
    expect(['2024-03', '2024/3', '2024年3月', '202403', '2024-03-15', '45352', '２０２４－０３'].map(parseMonth))
      .toEqual(Array(7).fill('2024-03-01'));
    expect(parseMonth('2024-13')).toBeNull();
    expect(parseMonth('三月')).toBeNull();
  });

  it('writes monthly snapshots, moves entities.risk_class to the latest, and is idempotent', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('分类结果');
    sheet.addRow(['统一社会信用代码', '企业名称', '风险分类', '所属月份']);
    sheet.addRow([firm(1), '示例运输有限公司', 'B类', '2026-01']);
    sheet.addRow([firm(1), '示例运输有限公司', 'C', new Date(Date.UTC(2026, 1, 1))]);
    sheet.addRow([firm(10), '表格公司甲', '信用风险低', '2026年2月']);
    sheet.addRow([makeUscc({ subject: 99_999_999 }), '不在名录公司', 'A', '2026-02']);
    sheet.addRow([firm(10), '表格公司甲', 'A', '2026-02']);
    sheet.addRow([firm(11), '表格公司乙', 'E', '2026-02']);
    sheet.addRow([firm(11), '表格公司乙', 'A', '2027-01']);
    const file = path.join(env.dir, 'risk.xlsx');
    await workbook.xlsx.writeFile(file);
    const { outcome, rejected } = await runImport(env, 'risk-classes', file);
    expect(outcome.status === 'done' && outcome.summary).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(rejected.map((r) => [r.row, r.issues.map((i) => i.reason).join('；')])).toEqual([
      [5, '名录中没有该主体，请先导入检查对象（主体类）'],
      [6, '与第 4 行重复：同一企业信用风险分类结果在文件中出现多次，请保留一行'],
      [7, expect.stringMatching(/“E”不是有效值/)],
      [8, '所属月份 2027-01 还未到'],
    ]);
    const first = await entityByKey(firm(1));
    expect(first?.riskClass).toBe('C');
    expect((await entityByKey(firm(10)))?.riskClass).toBe('A');
    const snapshots = await database.db.select().from(riskSnapshots).where(eq(riskSnapshots.entityId, first?.id ?? ''));
    expect(snapshots.map((s) => [s.effectiveFrom, s.riskClass]).sort()).toEqual([['2026-01-01', 'B'], ['2026-02-01', 'C']]);

    const before = await entitiesChecksum(database.db);
    const again = await runImport(env, 'risk-classes', file);
    expect(again.outcome.status === 'done' && again.outcome.summary).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await entitiesChecksum(database.db)).toEqual(before);
  });
});
