import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDetail, EntityPage } from '../../../contracts/entities.ts';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { entities, officerConflicts, officers } from '../../db/schema-directory.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';
import { addRiskSnapshots, makeEntity } from './entity-fixtures.ts';
import type { EntityRow } from './entities.repository.ts';

let t: TestApp;
let admin: TestSession;
let deptAdmin: TestSession;
let otherDeptAdmin: TestSession;
let officer: TestSession;
let leader: TestSession;
let deptId: string;
let otherDeptId: string;
const made: Record<string, EntityRow> = {};

const USCC_A = '91130227MA0A1B2C3D';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const dept = await makeDepartment(db, { name: '运输管理科' });
  const other = await makeDepartment(db, { name: '工程质量监督站' });
  deptId = dept.id;
  otherDeptId = other.id;
  const now = t.clock.now();
  admin = await makeSession(db, await makeUser(db, { roles: ['system_admin'] }), now);
  deptAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: dept.id }), now);
  otherDeptAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: other.id }), now);
  officer = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: dept.id }), now);
  leader = await makeSession(db, await makeUser(db, { roles: ['leader'] }), now);

  made.freight = await makeEntity(db, {
    key: USCC_A, uscc: USCC_A, name: '示例县顺达物流有限公司', industry: '道路货运', focusAreas: ['安全生产', '超限超载'],
    tags: ['重点监管'], riskClass: 'D', claimedByDepartmentId: dept.id, legalRepresentative: '张三',
  });
  await addRiskSnapshots(db, made.freight.id, [
    { effectiveFrom: '2024-03-01', riskClass: 'B' }, { effectiveFrom: '2024-04-01', riskClass: 'C' }, { effectiveFrom: '2024-05-01', riskClass: 'D' },
  ]);
  made.repair = await makeEntity(db, {
    key: '91130227MA0A1B2C4E', uscc: '91130227MA0A1B2C4E', name: '示例县宏达汽车修理厂', industry: '机动车维修',
    focusAreas: ['消防安全'], riskClass: 'A', claimedByDepartmentId: dept.id,
  });
  made.legacy = await makeEntity(db, {
    key: '130227000012345', registrationNumber: '130227000012345', name: '顺风货运部', industry: '道路货运',
    status: 'revoked', statusSince: '2012-05-01', riskClass: 'U', regionCode: '130200',
  });
  made.newFirm = await makeEntity(db, {
    key: '91130227MA0NEW0001', uscc: '91130227MA0NEW0001', name: '新登记运输有限公司', industry: '道路货运', riskClass: 'B',
  });
  made.project = await makeEntity(db, {
    kind: 'object', objectKind: 'road_project', key: 'GL-2024-001', name: '县道改建工程', industry: '公路建设', ownerKey: USCC_A,
    attributes: { 合同金额: '1200 万元' }, claimedByDepartmentId: other.id, riskClass: 'U',
  });
  made.truck = await makeEntity(db, {
    kind: 'object', objectKind: 'vehicle', key: '冀B12345', name: '冀B12345 重型半挂牵引车', industry: '道路货运', ownerKey: USCC_A,
    claimedByDepartmentId: dept.id, riskClass: 'U',
  });
  const [off] = await db.insert(officers).values({ key: '13022700000001', certificateNo: '13022700000001', name: '李执法', departmentId: dept.id }).returning();
  if (!off) throw new Error('officer');
  await db.insert(officerConflicts).values({ officerId: off.id, entityId: made.freight.id, reason: '近亲属任职', validFrom: '2024-01-01' });
});
afterAll(async () => {
  await t.close();
});

async function list(query: string, session: TestSession = admin): Promise<EntityPage> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/entities${query}`, headers: session.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EntityPage;
}

const keysOf = (page: EntityPage) => page.items.map((e) => e.key).sort();

describe('GET /api/v1/entities', () => {
  it('filters on every tag', async () => {
    expect((await list('')).total).toBe(6);
    expect(keysOf(await list('?q=示例县'))).toEqual([USCC_A, '91130227MA0A1B2C4E'].sort());
    expect(keysOf(await list(`?q=${USCC_A.toLowerCase()}`))).toEqual([USCC_A]);
    expect(keysOf(await list('?q=130227000012345'))).toEqual(['130227000012345']);
    expect(keysOf(await list(`?q=${encodeURIComponent('冀b12345')}`))).toEqual(['冀B12345']);
    expect(keysOf(await list('?q=%25'))).toEqual([]);
    expect((await list('?kind=object')).total).toBe(2);
    expect(keysOf(await list('?objectKind=vehicle'))).toEqual(['冀B12345']);
    expect((await list(`?industry=${encodeURIComponent('道路货运')}`)).total).toBe(4);
    expect((await list(`?kind=subject&industry=${encodeURIComponent('道路货运')}`)).total).toBe(3);
    expect(keysOf(await list(`?focusArea=${encodeURIComponent('超限超载')}`))).toEqual([USCC_A]);
    expect(keysOf(await list(`?tag=${encodeURIComponent('重点监管')}`))).toEqual([USCC_A]);
    expect(keysOf(await list('?riskClass=D'))).toEqual([USCC_A]);
    expect(keysOf(await list('?status=revoked'))).toEqual(['130227000012345']);
    expect(keysOf(await list('?regionCode=130200'))).toEqual(['130227000012345']);
    expect(keysOf(await list('?claimed=no'))).toEqual(['130227000012345', '91130227MA0NEW0001']);
    expect((await list('?claimed=yes')).total).toBe(4);
    expect(keysOf(await list(`?claimedBy=${otherDeptId}`))).toEqual(['GL-2024-001']);
    expect(keysOf(await list(`?claimedBy=${deptId}&riskClass=A`))).toEqual(['91130227MA0A1B2C4E']);
  });

  it('pages and sorts on the server, with the claimed department named', async () => {
    const first = await list('?pageSize=4');
    expect(first).toMatchObject({ total: 6, totalExact: true, page: 1, pageSize: 4 });
    expect(first.items).toHaveLength(4);
    const second = await list('?pageSize=4&page=2');
    expect(second.items).toHaveLength(2);
    expect(second.total).toBe(6);
    const names = [...first.items, ...second.items].map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    const desc = await list('?sort=-name&pageSize=6');
    expect(desc.items.map((e) => e.name)).toEqual([...names].reverse());
    const byKey = await list('?sort=key&pageSize=6');
    expect(byKey.items.map((e) => e.key)).toEqual(byKey.items.map((e) => e.key).sort());
    const byRisk = await list('?sort=-riskClass&pageSize=6');
    expect(byRisk.items[0]?.riskClass).toBe('U');
    const freight = (await list('?riskClass=D')).items[0];
    expect(freight?.claimedByDepartmentName).toBe('运输管理科');
    const far = await t.app.inject({ method: 'GET', url: '/api/v1/entities?page=501&pageSize=20', headers: admin.headers });
    expect(far.statusCode).toBe(400);
  });

  it('is readable by officers and leaders', async () => {
    expect((await list('', officer)).total).toBe(6);
    expect((await list('', leader)).total).toBe(6);
  });

  it('offers the facets for the filter bar', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/entities/facets', headers: officer.headers });
    expect(res.json()).toMatchObject({
      industries: ['公路建设', '机动车维修', '道路货运'].sort(), objectKinds: ['road_project', 'vehicle'], tags: ['重点监管'],
    });
  });
});

describe('GET /api/v1/entities/:id', () => {
  it('shows the risk history, owned objects and declared conflicts; an object shows its owner', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entities/${made.freight?.id}`, headers: officer.headers });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json() as EntityDetail;
    expect(detail.riskHistory.map((h) => `${h.effectiveFrom}:${h.riskClass}`)).toEqual(['2024-05-01:D', '2024-04-01:C', '2024-03-01:B']);
    expect(detail.ownedObjects.map((o) => o.key).sort()).toEqual(['GL-2024-001', '冀B12345'].sort());
    expect(detail.conflicts).toEqual([expect.objectContaining({ officerName: '李执法', departmentName: '运输管理科', reason: '近亲属任职', validTo: null })]);
    const project = (await t.app.inject({ method: 'GET', url: `/api/v1/entities/${made.project?.id}`, headers: admin.headers })).json() as EntityDetail;
    expect(project.owner).toMatchObject({ key: USCC_A, name: '示例县顺达物流有限公司' });
    expect(project.attributes).toEqual({ 合同金额: '1200 万元' });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/entities/00000000-0000-4000-8000-000000000000', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/entities/:id', () => {
  it('updates editable fields and audits the diff', async () => {
    const id = made.repair?.id ?? '';
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/v1/entities/${id}`, headers: deptAdmin.headers,
      payload: { contactPhone: '0315-5550000', focusAreas: ['消防安全', '机动车排放'], legalRepresentative: '王五' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ contactPhone: '0315-5550000', focusAreas: ['消防安全', '机动车排放'], legalRepresentative: '王五' });
    const events = await listAuditEvents(t.database.db, { action: 'entity.updated', page: 1, pageSize: 5 });
    expect(events.items[0]).toMatchObject({ subjectType: 'entity', subjectId: id });
    expect(events.items[0]?.changes).toEqual({
      contactPhone: { from: null, to: '0315-5550000' },
      focusAreas: { from: ['消防安全'], to: ['消防安全', '机动车排放'] },
      legalRepresentative: { from: null, to: '王五' },
    });
    // Nothing changed: no new event.
    await t.app.inject({ method: 'PATCH', url: `/api/v1/entities/${id}`, headers: admin.headers, payload: { legalRepresentative: '王五' } });
    expect((await listAuditEvents(t.database.db, { action: 'entity.updated', page: 1, pageSize: 5 })).total).toBe(1);
  });

  it('refuses department admins outside their claimed entities, and officers', async () => {
    const project = made.project?.id ?? '';
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/entities/${project}`, headers: deptAdmin.headers, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/entities/${project}`, headers: officer.headers, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/entities/${project}`, headers: leader.headers, payload: { name: 'x' } })).statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/entities/${project}`, headers: otherDeptAdmin.headers, payload: { address: '示例县城关镇' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('POST /api/v1/entities/bulk-tags', () => {
  it('adds and removes tags on listed ids, in one audited event', async () => {
    const ids = [made.freight?.id ?? '', made.repair?.id ?? ''];
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/entities/bulk-tags', headers: deptAdmin.headers,
      payload: { ids, addTags: ['2024年重点'], removeTags: ['重点监管'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ matched: 2, updated: 2 });
    const rows = await t.database.db.select({ key: entities.key, tags: entities.tags }).from(entities).where(eq(entities.id, made.freight?.id ?? ''));
    expect(rows[0]?.tags).toEqual(['2024年重点']);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/entities/bulk-tags', headers: deptAdmin.headers, payload: { ids, addTags: ['2024年重点'] } });
    expect(again.json()).toEqual({ matched: 2, updated: 0 });
    const events = await listAuditEvents(t.database.db, { action: 'entity.tags_bulk_edited', page: 1, pageSize: 5 });
    expect(events.total).toBe(2);
    expect(events.items.find((e) => e.changes?.updated === 2)?.changes).toMatchObject({ matched: 2, updated: 2, ids, addTags: ['2024年重点'] });
  });

  it('edits everything matching a filter, within a department admin\'s claimed entities', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/entities/bulk-tags', headers: deptAdmin.headers,
      payload: { filter: { industry: '道路货运' }, addFocusAreas: ['动态监控'] },
    });
    expect(res.json()).toEqual({ matched: 2, updated: 2 }); // freight + truck (legacy and new firm are unclaimed)
    const all = await t.app.inject({
      method: 'POST', url: '/api/v1/entities/bulk-tags', headers: admin.headers,
      payload: { filter: { industry: '道路货运' }, addFocusAreas: ['动态监控'] },
    });
    expect(all.json()).toEqual({ matched: 4, updated: 2 });
    const page = await list(`?focusArea=${encodeURIComponent('动态监控')}`);
    expect(page.total).toBe(4);
    const event = (await listAuditEvents(t.database.db, { action: 'entity.tags_bulk_edited', page: 1, pageSize: 1 })).items[0];
    expect(event?.summary).toContain('匹配 4 个，变更 2 个');
    expect(event?.changes).toMatchObject({ filter: { industry: '道路货运' }, matched: 4, updated: 2 });
  });

  it('refuses ids outside the department, officers, and bodies without a target', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/entities/bulk-tags', headers: deptAdmin.headers, payload: { ids: [made.project?.id], addTags: ['x'] },
    });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/entities/bulk-tags', headers: officer.headers, payload: { ids: [made.freight?.id], addTags: ['x'] } })).statusCode).toBe(403);
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/entities/bulk-tags', headers: admin.headers, payload: { addTags: ['x'] } });
    expect(none.statusCode).toBe(400);
    const both = await t.app.inject({ method: 'POST', url: '/api/v1/entities/bulk-tags', headers: admin.headers, payload: { ids: [made.freight?.id], filter: {}, addTags: ['x'] } });
    expect(both.statusCode).toBe(400);
  });
});

describe('POST /api/v1/entities/claim', () => {
  it('lets a department admin claim unclaimed entities for their department, audited', async () => {
    const ids = [made.newFirm?.id ?? ''];
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/entities/claim', headers: deptAdmin.headers, payload: { ids } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ claimed: 1, alreadyOwn: 0 });
    expect((await list('?claimed=no')).items.map((e) => e.key)).toEqual(['130227000012345']);
    const event = (await listAuditEvents(t.database.db, { action: 'entity.claimed', page: 1, pageSize: 1 })).items[0];
    expect(event).toMatchObject({ subjectId: made.newFirm?.id, summary: '运输管理科认领检查对象 1 个' });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/entities/claim', headers: deptAdmin.headers, payload: { ids } });
    expect(again.json()).toEqual({ claimed: 0, alreadyOwn: 1 });
  });

  it('refuses entities another department claimed, and other departments for department admins', async () => {
    const taken = await t.app.inject({ method: 'POST', url: '/api/v1/entities/claim', headers: otherDeptAdmin.headers, payload: { ids: [made.newFirm?.id] } });
    expect(taken.statusCode).toBe(409);
    const foreign = await t.app.inject({
      method: 'POST', url: '/api/v1/entities/claim', headers: deptAdmin.headers, payload: { ids: [made.legacy?.id], departmentId: otherDeptId },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/entities/claim', headers: officer.headers, payload: { ids: [made.legacy?.id] } })).statusCode).toBe(403);
  });

  it('lets a system admin claim for any department (and asks which)', async () => {
    const noDept = await t.app.inject({ method: 'POST', url: '/api/v1/entities/claim', headers: admin.headers, payload: { ids: [made.legacy?.id] } });
    expect(noDept.statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/entities/claim', headers: admin.headers, payload: { ids: [made.legacy?.id], departmentId: otherDeptId } });
    expect(res.json()).toEqual({ claimed: 1, alreadyOwn: 0 });
    expect((await list('?claimed=no')).total).toBe(0);
  });
});

describe('GET /api/v1/entities/export.xlsx', () => {
  it('exports the filtered list as xlsx that reads back', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entities/export.xlsx?industry=${encodeURIComponent('道路货运')}`, headers: leader.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('检查对象名录');
    const values = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    expect(values(1).slice(0, 6)).toEqual(['类别', '标识（统一社会信用代码/注册号/编码）', '统一社会信用代码', '注册号', '对象类型', '名称']);
    expect(sheet?.rowCount).toBe(5);
    const rows = [2, 3, 4, 5].map(values);
    const freight = rows.find((r) => r[1] === USCC_A);
    expect(freight?.[5]).toBe('示例县顺达物流有限公司');
    expect(freight?.[14]).toBe('D 类（信用风险高）');
    expect(freight?.[20]).toBe('运输管理科');
    expect(rows.find((r) => r[1] === '冀B12345')?.[4]).toBe('车辆');
    const event = (await listAuditEvents(t.database.db, { action: 'entity.exported', page: 1, pageSize: 1 })).items[0];
    expect(event?.changes).toEqual({ filter: { industry: '道路货运' }, rows: 4 });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
