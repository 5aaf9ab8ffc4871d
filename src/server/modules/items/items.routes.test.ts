import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  itemDetailSchema, itemDiffSchema, itemPageSchema, itemSchema, itemVersionListSchema, publicItemPageSchema, publicItemSchema, type Item,
} from '../../../contracts/items.ts';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';

let t: TestApp;
let ownDept: string;
let otherDept: string;
let cityDept: string;
let sysAdmin: TestSession;
let deptAdmin: TestSession;
let otherAdmin: TestSession;
let officer: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ownDept = (await makeDepartment(db, { name: '运输管理科' })).id;
  otherDept = (await makeDepartment(db, { name: '综合执法大队', kind: 'brigade' })).id;
  cityDept = (await makeDepartment(db, { name: '市交通运输局', kind: 'bureau', regionCode: '130200' })).id;
  sysAdmin = await makeSession(db, await makeUser(db, { roles: ['system_admin'] }), t.clock.now());
  deptAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: ownDept, displayName: '运管管理员' }), t.clock.now());
  otherAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: otherDept }), t.clock.now());
  officer = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: otherDept }), t.clock.now());
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
function newItem(extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    code: `T-SX-${String(seq).padStart(3, '0')}`, category: 'general', groupName: '道路运输经营',
    name: `道路普通货物运输经营许可的监督检查 ${seq}`, legalBasis: '《中华人民共和国道路运输条例》', responsibleDepartmentId: ownDept,
    supervisionLevel: 'county', objectType: 'entity', content: '经营资质、车辆和驾驶员条件', methods: ['on_site', 'documents'],
    defaultRatioBp: 500, frequency: '1次/年', requiredTags: ['道路运输'], industries: ['道路货运'], remarks: '属地负责',
    ...extra,
  };
}

async function create(session: TestSession, extra: Record<string, unknown> = {}): Promise<Item> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/items', headers: session.headers, payload: newItem(extra) });
  expect(res.statusCode, res.body).toBe(201);
  return itemSchema.parse(res.json());
}

describe('items: create, version, diff', () => {
  it('creates version 1, unclaimed and so not usable in a task, audited', async () => {
    const item = await create(deptAdmin);
    expect(item).toMatchObject({
      version: 1, status: 'active', claimedByDepartmentId: null, usableInTask: false, unusableReason: 'unclaimed',
      unusableReasonLabel: '尚未认领', responsibleDepartmentName: '运输管理科', currentGuidelineVersionId: null,
    });
    const detail = itemDetailSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items/${item.id}`, headers: officer.headers })).json());
    expect(detail.versions).toHaveLength(1);
    expect(detail.versions[0]).toMatchObject({ version: 1, reason: '新建事项', changedByName: '运管管理员' });
    expect(detail.versions[0]?.snapshot).toMatchObject({ code: item.code, name: item.name, methods: ['on_site', 'documents'] });
    const audit = await listAuditEvents(t.database.db, { action: 'item.created', page: 1, pageSize: 10 });
    expect(audit.items.find((e) => e.subjectId === item.id)?.changes).toMatchObject({ code: item.code });
  });

  it('refuses a duplicate code (409) and another department (403) for a department admin', async () => {
    const item = await create(sysAdmin);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/items', headers: sysAdmin.headers, payload: newItem({ code: item.code }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ path: 'body.code', message: '事项编码已存在' }]);
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/items', headers: deptAdmin.headers, payload: newItem({ responsibleDepartmentId: otherDept }) });
    expect(foreign.statusCode).toBe(403);
  });

  it('makes every change a new whole version with its reason, and diffs two versions', async () => {
    const item = await create(deptAdmin);
    const noReason = await t.app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: deptAdmin.headers, payload: { name: '新名称' } });
    expect(noReason.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: deptAdmin.headers,
      payload: { name: '道路货运经营的监督检查', defaultRatioBp: 1000, reason: '按 2025 年清单调整' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(itemSchema.parse(res.json())).toMatchObject({ version: 2, name: '道路货运经营的监督检查', defaultRatioBp: 1000 });
    // Nothing changed: no new version.
    const same = await t.app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: deptAdmin.headers, payload: { defaultRatioBp: 1000, reason: '重复提交' } });
    expect(itemSchema.parse(same.json()).version).toBe(2);
    const versions = itemVersionListSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items/${item.id}/versions`, headers: officer.headers })).json());
    expect(versions.items.map((v) => [v.version, v.reason])).toEqual([[2, '按 2025 年清单调整'], [1, '新建事项']]);
    expect(versions.items[0]?.snapshot).toMatchObject({ name: '道路货运经营的监督检查', legalBasis: item.legalBasis, requiredTags: ['道路运输'] });
    const diff = itemDiffSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items/${item.id}/diff?from=1&to=2`, headers: officer.headers })).json());
    expect(diff.changes).toEqual({ name: [item.name, '道路货运经营的监督检查'], defaultRatioBp: [500, 1000] });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/items/${item.id}/diff?from=1&to=9`, headers: officer.headers })).statusCode).toBe(404);
    const audit = await listAuditEvents(t.database.db, { action: 'item.updated', page: 1, pageSize: 10 });
    expect(audit.items[0]?.changes).toEqual({ name: { from: item.name, to: '道路货运经营的监督检查' }, defaultRatioBp: { from: 500, to: 1000 }, reason: '按 2025 年清单调整' });
  });

  it('lets a department admin change only their own department\'s items', async () => {
    const item = await create(deptAdmin);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: otherAdmin.headers, payload: { name: 'x', reason: 'y' } });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/retire`, headers: otherAdmin.headers, payload: { reason: 'y' } })).statusCode).toBe(403);
    const move = await t.app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: deptAdmin.headers, payload: { responsibleDepartmentId: otherDept, reason: '移交' } });
    expect(move.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/items', headers: officer.headers, payload: newItem() })).statusCode).toBe(403);
  });
});

describe('items: claim and retire', () => {
  it('claims an item for the own department at its level, then it is usable and public', async () => {
    const item = await create(sysAdmin, { responsibleDepartmentId: null, source: 'upper' });
    const wrongDept = await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/claim`, headers: deptAdmin.headers, payload: { departmentId: otherDept } });
    expect(wrongDept.statusCode).toBe(403);
    const claimed = await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/claim`, headers: deptAdmin.headers, payload: {} });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(itemSchema.parse(claimed.json())).toMatchObject({
      version: 2, claimedByDepartmentId: ownDept, claimedByDepartmentName: '运输管理科', usableInTask: true, unusableReason: null,
    });
    // Once claimed, the claimer manages it.
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: deptAdmin.headers, payload: { frequency: '2次/年', reason: '加密频次' } });
    expect(edit.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/claim`, headers: otherAdmin.headers, payload: {} });
    expect(again.statusCode).toBe(409);
    const audit = await listAuditEvents(t.database.db, { action: 'item.claimed', page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({ subjectId: item.id });
    const versions = itemVersionListSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items/${item.id}/versions`, headers: officer.headers })).json());
    expect(versions.items.find((v) => v.version === 2)?.snapshot).toMatchObject({ claimedByDepartmentId: ownDept });
  });

  it('refuses a claim at another supervision level', async () => {
    const item = await create(sysAdmin, { responsibleDepartmentId: null, supervisionLevel: 'county' });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/claim`, headers: sysAdmin.headers, payload: { departmentId: cityDept } });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('县级');
    const cityItem = await create(sysAdmin, { responsibleDepartmentId: null, supervisionLevel: 'city' });
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/items/${cityItem.id}/claim`, headers: sysAdmin.headers, payload: { departmentId: cityDept } });
    expect(ok.statusCode).toBe(200);
  });

  it('retires with a required reason: a new version, not usable, refused afterwards', async () => {
    const item = await create(deptAdmin);
    await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/claim`, headers: deptAdmin.headers, payload: {} });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/retire`, headers: deptAdmin.headers, payload: { reason: '' } })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/retire`, headers: deptAdmin.headers, payload: { reason: '法规废止' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(itemSchema.parse(res.json())).toMatchObject({ status: 'retired', retiredReason: '法规废止', usableInTask: false, unusableReason: 'retired', version: 3 });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/retire`, headers: deptAdmin.headers, payload: { reason: '再次' } })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: deptAdmin.headers, payload: { name: 'x', reason: 'y' } })).statusCode).toBe(409);
    const audit = await listAuditEvents(t.database.db, { action: 'item.retired', page: 1, pageSize: 10 });
    expect(audit.items[0]?.changes).toMatchObject({ reason: '法规废止' });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});

describe('items: list, export, public', () => {
  it('filters by q, category, status, claimed, department and level, with paging', async () => {
    const key = await create(deptAdmin, { category: 'key', name: '筛选用重点事项' });
    await t.app.inject({ method: 'POST', url: `/api/v1/items/${key.id}/claim`, headers: deptAdmin.headers, payload: {} });
    const get = async (query: string) => itemPageSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/items?${query}`, headers: officer.headers })).json());
    expect((await get(`q=${encodeURIComponent('筛选用')}`)).items.map((i) => i.id)).toEqual([key.id]);
    expect((await get('category=key')).items.every((i) => i.category === 'key')).toBe(true);
    expect((await get('claimed=unclaimed')).items.every((i) => i.claimedByDepartmentId === null)).toBe(true);
    expect((await get('claimed=claimed')).items.every((i) => i.claimedByDepartmentId !== null)).toBe(true);
    expect((await get('status=retired')).items.every((i) => i.status === 'retired')).toBe(true);
    expect((await get(`departmentId=${ownDept}`)).items.every((i) => i.responsibleDepartmentId === ownDept || i.claimedByDepartmentId === ownDept)).toBe(true);
    expect((await get('level=city')).items.every((i) => i.supervisionLevel === 'city')).toBe(true);
    const page = await get('pageSize=2&page=1');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });

  it('exports the filtered list to xlsx with Chinese headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/items/export.xlsx?category=key', headers: officer.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('事项编码');
    expect(sheet?.getRow(1).getCell(4).value).toBe('事项类别');
    const categories = new Set<unknown>();
    sheet?.eachRow((row, n) => { if (n > 1) categories.add(row.getCell(4).value); });
    expect([...categories]).toEqual(['重点检查事项']);
  });

  it('publishes active claimed items through the public presenter only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/items?pageSize=100' });
    expect(res.statusCode).toBe(200);
    const page = publicItemPageSchema.parse(res.json());
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(Object.keys(item).sort()).toEqual(Object.keys(publicItemSchema.shape).sort());
    }
    expect(res.body).not.toMatch(/"id"|DepartmentId|changedBy|remarks/);
    const all = itemPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/items?pageSize=500', headers: sysAdmin.headers })).json());
    const usable = all.items.filter((i) => i.usableInTask).map((i) => i.code).sort();
    expect(page.items.map((i) => i.code).sort()).toEqual(usable);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/items' })).statusCode).toBe(401);
  });
});
