import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../../contracts/common.ts';
import { importJobSchema, type ImportJob } from '../../../contracts/imports.ts';
import { makeUscc } from '../../../domain/uscc/uscc.ts';
import { auditEvents } from '../../db/schema.ts';
import { entities, importJobs } from '../../db/schema-directory.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: TestSession;
let otherAdmin: TestSession;
let officer: TestSession;
let departmentId: string;

beforeAll(async () => {
  t = await createTestApp();
  const department = await makeDepartment(t.database.db);
  const other = await makeDepartment(t.database.db);
  departmentId = department.id;
  admin = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['department_admin'], departmentId }), t.clock.now());
  otherAdmin = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['department_admin'], departmentId: other.id }), t.clock.now());
  officer = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['officer'], departmentId }), t.clock.now());
});
afterAll(async () => {
  await t.close();
});

const firm = (n: number) => makeUscc({ subject: 20_000_000 + n });

function csv(rows: readonly string[]): Buffer {
  return Buffer.from(`\uFEFF${['统一社会信用代码,名称,行政区划代码,成立日期', ...rows].join('\r\n')}\r\n`);
}

function upload(session: TestSession | null, payload: Buffer, options: { kind?: string; fileName?: string; type?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/entities/import?kind=${options.kind ?? 'entities'}`,
    headers: {
      ...(session?.headers ?? {}),
      'content-type': options.type ?? 'application/octet-stream',
      'x-file-name': encodeURIComponent(options.fileName ?? '名录.csv'),
    },
    payload,
  });
}

async function waitFor(id: string, statuses: readonly ImportJob['status'][]): Promise<ImportJob> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const job = importJobSchema.parse(res.json());
    if (statuses.includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${id} did not reach ${statuses.join('/')}`);
}

function expectProblem(res: Awaited<ReturnType<typeof upload>>, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return problemSchema.parse(res.json());
}

describe('entities import over HTTP', () => {
  it('uploads (202), validates to a preview with rejected rows, commits (202) with an audit event', async () => {
    const res = await upload(admin, csv([`${firm(1)},甲公司,130227,2020-01-01`, `${firm(1)},重复公司,,`, `${firm(2).slice(0, 17)}0,错码公司,,`, `${firm(3)},乙公司,130227,`]));
    expect(res.statusCode, res.body).toBe(202);
    const started = importJobSchema.parse(res.json());
    expect(started).toMatchObject({ kind: 'entities', fileName: '名录.csv', kindLabel: '检查对象（主体类）' });
    const preview = await waitFor(started.id, ['preview']);
    expect(preview).toMatchObject({ totalRows: 4, acceptedRows: 2, rejectedRows: 2, progress: 4, progressTotal: 4 });
    expect(preview.rejected.map((r) => [r.row, r.issues[0]?.column])).toEqual([[3, '统一社会信用代码'], [4, '统一社会信用代码']]);
    expect(preview.rejected[0]?.values['名称']).toBe('重复公司');
    expect(preview.sample.map((r) => r.values['名称'])).toEqual(['甲公司', '乙公司']);
    expect(await t.database.db.select().from(entities)).toHaveLength(0);

    const rejected = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${started.id}/rejected.xlsx`, headers: admin.headers });
    expect(rejected.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(rejected.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '原行号', '统一社会信用代码', '注册号', '名称', '法定代表人', '住所', '行政区划代码', '联系人', '联系电话', '行业类别', '重点领域', '状态', '成立日期', '错误原因']);
    expect(sheet?.getRow(2).getCell(1).value).toBe(3);
    expect(String(sheet?.getRow(2).getCell(14).value)).toMatch(/与第 2 行重复/);

    const commit = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${started.id}/commit`, headers: admin.headers });
    expect(commit.statusCode, commit.body).toBe(202);
    const done = await waitFor(started.id, ['done', 'failed']);
    expect(done).toMatchObject({ status: 'done', summary: { inserted: 2, updated: 0, unchanged: 0 }, progress: 2 });
    const rows = await t.database.db.select().from(entities);
    expect(rows.map((r) => r.claimedByDepartmentId)).toEqual([departmentId, departmentId]);
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'import.committed'));
    expect(event).toMatchObject({ subjectType: 'import_job', subjectId: started.id });
    expect(event?.summary).toContain('新增 2 条');

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${started.id}/commit`, headers: admin.headers });
    expectProblem(again, 409);
    // Another department's admin does not see the job.
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/imports/${started.id}`, headers: otherAdmin.headers }), 404);
  });

  it('refuses anonymous (401) and non-admin (403) uploads', async () => {
    expectProblem(await upload(null, csv([`${firm(9)},丙公司,,`])), 401);
    expectProblem(await upload(officer, csv([`${firm(9)},丙公司,,`])), 403);
  });

  it('answers an .xls, a PDF, an empty file and a file without the columns with a 400 problem and a failed job', async () => {
    const xls = expectProblem(await upload(admin, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2]), { fileName: 'old.xls' }), 400);
    expect(xls.detail).toMatch(/不支持旧版 Excel/);
    const pdf = expectProblem(await upload(admin, Buffer.from('%PDF-1.7\n...'), { fileName: 'a.pdf' }), 400);
    expect(pdf.detail).toMatch(/PDF/);
    const empty = expectProblem(await upload(admin, Buffer.alloc(0), { fileName: 'empty.csv' }), 400);
    expect(empty.detail).toMatch(/空/);
    const columns = expectProblem(await upload(admin, Buffer.from('名称,住所\r\n甲,乙\r\n'), { fileName: 'no-columns.csv' }), 400);
    expect(columns.detail).toMatch(/缺少“统一社会信用代码”列/);
    const failed = await t.database.db.select().from(importJobs).where(eq(importJobs.fileName, 'no-columns.csv'));
    expect(failed).toMatchObject([{ status: 'failed', error: columns.detail }]);
  });

  it('refuses a JSON body (415) and an unknown kind (400)', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/entities/import?kind=entities', headers: admin.headers, payload: { a: 1 } });
    expectProblem(json, 415);
    expectProblem(await upload(admin, csv([]), { kind: 'items' }), 400);
  });

  it('cancels a preview; the directory stays untouched', async () => {
    const res = await upload(admin, csv([`${firm(20)},丁公司,,`]));
    const job = importJobSchema.parse(res.json());
    await waitFor(job.id, ['preview']);
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/cancel`, headers: admin.headers });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(importJobSchema.parse(cancel.json()).status).toBe('cancelled');
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: admin.headers }), 409);
    expect(await t.database.db.select().from(entities).where(eq(entities.key, firm(20)))).toHaveLength(0);
  });

  it('keeps /api/health answering while a file is validated', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${firm(1000 + i)},公司${i},130227,`);
    const res = await upload(admin, csv(rows));
    expect(res.statusCode, res.body).toBe(202);
    const job = importJobSchema.parse(res.json());
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const during = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}`, headers: admin.headers });
    expect(importJobSchema.parse(during.json()).status).toBe('validating');
    const preview = await waitFor(job.id, ['preview']);
    expect(preview.acceptedRows).toBe(20_000);
  });

  it('serves templates with Chinese headers and text-formatted code columns', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/objects', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '对象编码*', '对象类别*', '名称*', '所属主体统一社会信用代码', '行业类别', '行政区划代码']);
    expect(sheet?.getColumn(1).numFmt).toBe('@');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/nothing', headers: admin.headers }), 400);
  });
});
