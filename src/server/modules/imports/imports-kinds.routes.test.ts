import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../../contracts/common.ts';
import { importJobSchema, type ImportJob } from '../../../contracts/imports.ts';
import { guidelineVersions, items, officers } from '../../db/schema-directory.ts';
import { insertOfficer } from '../officers/officers.repository.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

/**
 * POST /api/v1/imports/:kind for the items, officers and guidelines kinds: preview, commit,
 * idempotent re-import, rejected rows, the department scoping of a department admin, and
 * who may import at all.
 */

let t: TestApp;
let system: TestSession;
let ysglAdmin: TestSession;
let noDepartmentAdmin: TestSession;
let officer: TestSession;
let leader: TestSession;
let ysgl: string;
let gczj: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ysgl = (await makeDepartment(db, { name: '运输管理科', code: 'YSGL' })).id;
  gczj = (await makeDepartment(db, { name: '工程质量监督站', code: 'GCZJ', kind: 'station' })).id;
  const now = t.clock.now();
  system = await makeSession(db, await makeUser(db, { roles: ['system_admin'] }), now);
  ysglAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: ysgl }), now);
  noDepartmentAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: null }), now);
  officer = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: ysgl }), now);
  leader = await makeSession(db, await makeUser(db, { roles: ['leader'], departmentId: ysgl }), now);
});
afterAll(async () => {
  await t.close();
});

function csv(lines: readonly string[]): Buffer {
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

function upload(session: TestSession | null, kind: string, payload: Buffer, fileName = `${kind}.csv`) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}`,
    headers: { ...(session?.headers ?? {}), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
    payload,
  });
}

async function waitFor(session: TestSession, id: string, statuses: readonly ImportJob['status'][]): Promise<ImportJob> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    const job = importJobSchema.parse(res.json());
    if (statuses.includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${id} did not reach ${statuses.join('/')}`);
}

/** Upload and wait for the preview. */
async function preview(session: TestSession, kind: string, lines: readonly string[]): Promise<ImportJob> {
  const res = await upload(session, kind, csv(lines));
  expect(res.statusCode, res.body).toBe(202);
  const job = importJobSchema.parse(res.json());
  expect(job.kind).toBe(kind);
  return waitFor(session, job.id, ['preview', 'failed']);
}

async function commit(session: TestSession, job: ImportJob): Promise<ImportJob> {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: session.headers });
  expect(res.statusCode, res.body).toBe(202);
  return waitFor(session, job.id, ['done', 'failed']);
}

/** Upload, preview, commit: the summary. */
async function importAll(session: TestSession, kind: string, lines: readonly string[]) {
  const job = await preview(session, kind, lines);
  expect(job.rejected, JSON.stringify(job.rejected)).toEqual([]);
  const done = await commit(session, job);
  expect(done.status, done.error ?? '').toBe('done');
  return done.summary;
}

function reasonsOf(job: ImportJob): [number, string, string][] {
  return job.rejected.flatMap((r) => r.issues.filter((i) => i.severity === 'error').map((i): [number, string, string] => [r.row, i.column, i.reason]));
}

function expectProblem(res: Awaited<ReturnType<typeof upload>>, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return problemSchema.parse(res.json());
}

const officerHeader = '姓名,执法证号,名录编号,执法证件类型,证件有效期起,证件有效期止,所属部门,性别,职务,执法资质及业务专长,人员类别,状态,休假开始,休假结束';
const itemHeader = '事项编码,抽查类别,抽查事项名称,事项类别,抽查依据,监管层级,抽查对象,抽查内容,抽查方式,抽查比例,抽查频次,检查人员要求,适用行业,责任部门,备注';
const item = (code: string, department: string, ratio = '5%') =>
  `${code},道路运输经营,事项${code},一般检查事项,《道路运输条例》,县级,市场主体,经营资质,实地检查,${ratio},1次/年,,,${department},`;
const guidelineHeader = '事项编码,检查内容,检查方法,检查依据,检查要点编号,检查要点,修订说明';

describe('officers import over HTTP (POST /api/v1/imports/officers)', () => {
  it('lets a department admin import only their own department’s officers', async () => {
    // Another department's officer holding certificate 13022700000103.
    await insertOfficer(t.database.db, {
      key: '13022700000103', certificateNo: '13022700000103', name: '站里的人', departmentId: gczj,
      createdAt: t.clock.now(), updatedAt: t.clock.now(),
    });
    const lines = [
      officerHeader,
      '本科甲,13022700000101,,交通运输行政执法证,2022-03-01,2027-02-28,运输管理科,男,科员,道路运输,执法人员,在岗,,',
      '站里乙,13022700000102,,交通运输行政执法证,2022-03-01,2027-02-28,工程质量监督站,女,站长,工程质量,执法人员,在岗,,',
      '冒名丙,13022700000103,,交通运输行政执法证,2022-03-01,2027-02-28,YSGL,男,科员,道路运输,执法人员,在岗,,',
    ];
    const job = await preview(ysglAdmin, 'officers', lines);
    expect(job).toMatchObject({ status: 'preview', totalRows: 3, acceptedRows: 1, rejectedRows: 2 });
    expect(reasonsOf(job)).toEqual([
      [3, '所属部门', '机构管理员只能导入本机构的人员：“站里乙”的所属部门“工程质量监督站”不是本机构'],
      [4, '执法证号', '该执法证号（名录编号）已登记在其他机构的人员名下，机构管理员不能修改其他机构的人员'],
    ]);

    const rejected = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}/rejected.xlsx`, headers: ysglAdmin.headers });
    expect(rejected.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(rejected.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).getCell(1).value).toBe(3);
    expect(sheet?.getRow(3).getCell(1).value).toBe(4);
    expect(String(sheet?.getRow(3).getCell(sheet.columnCount).value)).toMatch(/其他机构的人员名下/);

    const done = await commit(ysglAdmin, job);
    expect(done).toMatchObject({ status: 'done', summary: { inserted: 1, updated: 0, unchanged: 0 } });
    const rows = await t.database.db.select().from(officers).orderBy(asc(officers.key));
    expect(rows.map((r) => [r.key, r.name, r.departmentId])).toEqual([
      ['13022700000101', '本科甲', ysgl],
      ['13022700000103', '站里的人', gczj],
    ]);

    // The same file again: the accepted row is unchanged, the same two rows rejected.
    const again = await preview(ysglAdmin, 'officers', lines);
    expect(again.rejectedRows).toBe(2);
    expect((await commit(ysglAdmin, again)).summary).toEqual({ inserted: 0, updated: 0, unchanged: 1 });

    // A system admin is not restricted: the row for the other department goes in.
    expect(await importAll(system, 'officers', [officerHeader, lines[2] ?? ''])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('fails the whole commit when an officer was moved to another department after the preview', async () => {
    const line = '移走丁,13022700000121,,交通运输行政执法证,2022-03-01,2027-02-28,运输管理科,男,科员,道路运输,执法人员,在岗,,';
    expect(await importAll(ysglAdmin, 'officers', [officerHeader, line])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const job = await preview(ysglAdmin, 'officers', [officerHeader, line.replace('科员', '副科长')]);
    expect(job.acceptedRows).toBe(1);
    await t.database.db.update(officers).set({ departmentId: gczj }).where(eq(officers.key, '13022700000121'));
    const failed = await commit(ysglAdmin, job);
    expect(failed).toMatchObject({ status: 'failed', error: '人员“移走丁”（13022700000121）已属于其他机构，机构管理员不能修改。导入未提交，名录未作任何修改' });
    const [row] = await t.database.db.select().from(officers).where(eq(officers.key, '13022700000121'));
    expect(row).toMatchObject({ title: '科员', departmentId: gczj });
  });

  it('rejects every row of a department admin without a department', async () => {
    const job = await preview(noDepartmentAdmin, 'officers', [officerHeader, '无科室,13022700000111,,,,,运输管理科,,,,,,,']);
    expect(job.acceptedRows).toBe(0);
    expect(reasonsOf(job).map((r) => r[1])).toEqual(['所属部门']);
  });
});

describe('items import over HTTP (POST /api/v1/imports/items)', () => {
  it('imports items of the own department only, idempotently, and versions a changed row', async () => {
    expect(await importAll(system, 'items', [itemHeader, item('GC-001', 'GCZJ')])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const lines = [itemHeader, item('YS-001', '运输管理科'), item('YS-002', ''), item('YS-003', 'GCZJ'), item('GC-001', '')];
    const job = await preview(ysglAdmin, 'items', lines);
    expect(job).toMatchObject({ acceptedRows: 2, rejectedRows: 2 });
    expect(reasonsOf(job)).toEqual([
      [4, '责任部门', '机构管理员只能导入本机构负责的事项：事项“YS-003”的责任部门“GCZJ”不是本机构'],
      [5, '事项编码', '该事项编码已属于其他机构负责的事项，机构管理员只能修改本机构负责或认领的事项'],
    ]);
    expect((await commit(ysglAdmin, job)).summary).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const rows = await t.database.db.select().from(items).orderBy(asc(items.code));
    expect(rows.map((r) => [r.code, r.responsibleDepartmentId])).toEqual([['GC-001', gczj], ['YS-001', ysgl], ['YS-002', ysgl]]);

    const again = await preview(ysglAdmin, 'items', [itemHeader, item('YS-001', '运输管理科'), item('YS-002', '')]);
    expect((await commit(ysglAdmin, again)).summary).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = await preview(ysglAdmin, 'items', [itemHeader, item('YS-001', '运输管理科', '8%'), item('YS-002', '')]);
    expect((await commit(ysglAdmin, changed)).summary).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const [ys1] = await t.database.db.select().from(items).where(eq(items.code, 'YS-001'));
    expect(ys1).toMatchObject({ version: 2, defaultRatioBp: 800 });
  });

  it('refuses roles that may not change the directories (403) and anonymous uploads (401)', async () => {
    for (const kind of ['items', 'officers', 'guidelines']) {
      expectProblem(await upload(officer, kind, csv([itemHeader])), 403);
      expectProblem(await upload(leader, kind, csv([itemHeader])), 403);
      expectProblem(await upload(null, kind, csv([itemHeader])), 401);
    }
    expectProblem(await upload(system, 'nothing', csv([itemHeader])), 400);
  });

  it('keeps POST /api/v1/entities/import working as before', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/entities/import?kind=entities',
      headers: { ...system.headers, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('名录.csv') },
      payload: csv(['统一社会信用代码,名称', '91130227MA0000000X,甲公司']),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(importJobSchema.parse(res.json()).kind).toBe('entities');
  });
});

describe('guidelines import over HTTP (POST /api/v1/imports/guidelines)', () => {
  const guideA = [
    'ZY-001,检查经营资质,实地查看与调阅资料,《道路运输条例》第二十二条,1,查验道路运输经营许可证,首次导入',
    'ZY-001,,,,2,查验车辆道路运输证,',
    'ZY-001,,,,3,查验驾驶员从业资格证,',
  ];

  it('previews, commits a first version, re-imports without a new version, and versions a changed checklist', async () => {
    expect(await importAll(system, 'items', [itemHeader, item('ZY-001', '运输管理科'), item('ZY-002', '运输管理科'), item('ZY-003', '运输管理科')]))
      .toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const lines = [
      guidelineHeader,
      ...guideA,
      'ZY-002,检查内容甲,方法,依据,1,要点一,',
      'ZY-002,检查内容乙,,,2,要点二,',
      'ZY-003,内容,方法,依据,1,要点一,',
      'ZY-003,,,,1,要点一重复,',
      'NO-SUCH,内容,方法,依据,1,要点,',
      'ZY-009,,,,1,要点,',
    ];
    const job = await preview(ysglAdmin, 'guidelines', lines);
    expect(job).toMatchObject({ status: 'preview', totalRows: 9, acceptedRows: 3, rejectedRows: 6, kindLabel: '抽查工作指引' });
    expect(reasonsOf(job)).toEqual([
      [5, '检查内容', '第 6 行的检查内容与该事项首行（第 5 行）不一致：同一事项的检查内容只在首行填写，或各行完全相同'],
      [6, '检查内容', '第 6 行的检查内容与该事项首行（第 5 行）不一致：同一事项的检查内容只在首行填写，或各行完全相同'],
      [7, '事项编码', '同一事项的第 8 行未通过校验，该事项的工作指引整体未导入（改正后请一并重新导入）'],
      [8, '事项编码', '与第 7 行重复：同一抽查工作指引在文件中出现多次，请保留一行'],
      [9, '事项编码', '找不到事项编码“NO-SUCH”的抽查事项，请先导入或新建该事项'],
      [10, '事项编码', '找不到事项编码“ZY-009”的抽查事项，请先导入或新建该事项'],
    ]);
    const done = await commit(ysglAdmin, job);
    expect(done).toMatchObject({ status: 'done', summary: { inserted: 1, updated: 0, unchanged: 0 } });
    const [zy1] = await t.database.db.select().from(items).where(eq(items.code, 'ZY-001'));
    const versions = () => t.database.db.select().from(guidelineVersions).where(eq(guidelineVersions.itemId, zy1?.id ?? '')).orderBy(asc(guidelineVersions.version));
    expect((await versions()).map((v) => [v.version, v.content, v.method, v.basis, v.reason, v.checkpoints])).toEqual([[
      1, '检查经营资质', '实地查看与调阅资料', '《道路运输条例》第二十二条', '首次导入',
      [{ code: '1', text: '查验道路运输经营许可证' }, { code: '2', text: '查验车辆道路运输证' }, { code: '3', text: '查验驾驶员从业资格证' }],
    ]]);

    // The guideline as the staff app shows it.
    const shown = await t.app.inject({ method: 'GET', url: `/api/v1/items/${zy1?.id ?? ''}/guideline`, headers: officer.headers });
    expect(shown.json()).toMatchObject({ version: 1, checkpoints: [{ code: '1' }, { code: '2' }, { code: '3' }] });

    // The same file again: nothing changes.
    expect(await importAll(ysglAdmin, 'guidelines', [guidelineHeader, ...guideA])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await versions()).toHaveLength(1);

    // A changed checklist (one point reworded, one removed): a new version.
    const changed = [guidelineHeader, guideA[0] ?? '', 'ZY-001,,,,2,查验车辆道路运输证及年审记录,'];
    expect(await importAll(ysglAdmin, 'guidelines', changed)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const after = await versions();
    expect(after.map((v) => [v.version, v.checkpoints.length])).toEqual([[1, 3], [2, 2]]);
    expect(after[1]?.checkpoints[1]?.text).toBe('查验车辆道路运输证及年审记录');
  });

  it('lets a department admin import guidelines only for items of their department', async () => {
    expect(await importAll(system, 'items', [itemHeader, item('GZ-100', 'GCZJ')])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const job = await preview(ysglAdmin, 'guidelines', [guidelineHeader, 'GZ-100,内容,方法,依据,1,要点,']);
    expect(job.acceptedRows).toBe(0);
    expect(reasonsOf(job)).toEqual([[2, '事项编码', '机构管理员只能导入本机构负责或认领的事项的工作指引：事项“事项GZ-100”（GZ-100）不属于本机构']]);
    const conflict = expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: ysglAdmin.headers }), 409);
    expect(conflict.detail).toBe('没有可导入的行');
    // The system admin may.
    expect(await importAll(system, 'guidelines', [guidelineHeader, 'GZ-100,内容,方法,依据,1,要点,'])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('exports guidelines with the list filters in the import layout, and the export imports back unchanged', async () => {
    expect(await importAll(system, 'items', [itemHeader, item('EX-001', '运输管理科'), item('EX-002', '运输管理科')]))
      .toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await importAll(ysglAdmin, 'guidelines', [guidelineHeader, 'EX-001,内容,方法,依据,A,要点甲,', 'EX-001,,,,B,要点乙,']))
      .toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/guidelines/export.xlsx?q=EX-00', headers: officer.headers });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const cells = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1);
    expect(sheet?.rowCount).toBe(4);
    expect(cells(2)).toEqual(['EX-001', '内容', '方法', '依据', 'A', '要点甲', undefined, '事项EX-001', 1]);
    expect(cells(3)).toEqual(['EX-001', undefined, undefined, undefined, 'B', '要点乙']);
    expect(cells(4)).toEqual(['EX-002', undefined, undefined, undefined, undefined, undefined, undefined, '事项EX-002']);

    // Only the items still without a guideline.
    const without = await t.app.inject({ method: 'GET', url: '/api/v1/guidelines/export.xlsx?q=EX-00&has=without', headers: officer.headers });
    const withoutBook = new ExcelJS.Workbook();
    await withoutBook.xlsx.load(without.rawPayload as unknown as ArrayBuffer);
    expect(withoutBook.worksheets[0]?.getColumn(1).values.slice(2)).toEqual(['EX-002']);

    // The exported guideline of EX-001 imported back: nothing changes.
    sheet?.spliceRows(4, 1);
    const back = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(ysglAdmin, 'guidelines', back, 'guidelines.xlsx');
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitFor(ysglAdmin, importJobSchema.parse(res.json()).id, ['preview', 'failed']);
    expect(job).toMatchObject({ status: 'preview', acceptedRows: 2, rejectedRows: 0 });
    expect((await commit(ysglAdmin, job)).summary).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('serves the guideline template with the layout in its headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/guidelines', headers: ysglAdmin.headers });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.name).toBe('抽查工作指引');
    expect(book.worksheets[0]?.getRow(1).values).toEqual([
      undefined, '事项编码*', '检查内容（每个事项首行填写）', '检查方法（每个事项首行填写）', '检查依据（每个事项首行填写）',
      '检查要点编号', '检查要点', '修订说明（每个事项首行填写，可空）',
    ]);
  });
});
