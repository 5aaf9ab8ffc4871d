import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerConflictListSchema, officerConflictSchema, officerPageSchema, officerSchema, type Officer } from '../../../contracts/officers.ts';
import { entities } from '../../db/schema-directory.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';

// The test clock stands at 2026-03-02 09:00 in Shanghai.
let t: TestApp;
let ownDept: string;
let otherDept: string;
let sysAdmin: TestSession;
let deptAdmin: TestSession;
let leader: TestSession;
let officerUserId: string;
let officerSession: TestSession;
let ownOfficer: Officer;
let otherOfficer: Officer;
let entityKey: string;

let certSeq = 0;
function newOfficer(departmentId: string, extra: Record<string, unknown> = {}) {
  certSeq += 1;
  return {
    name: `张${certSeq}`, certificateNo: `13022700${String(certSeq).padStart(6, '0')}`, certificateType: '交通运输行政执法证',
    validFrom: '2022-03-01', validTo: '2027-02-28', departmentId, tags: ['道路运输', '工程质量'], ...extra,
  };
}

async function create(session: TestSession, departmentId: string, extra: Record<string, unknown> = {}): Promise<Officer> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/officers', headers: session.headers, payload: newOfficer(departmentId, extra) });
  expect(res.statusCode, res.body).toBe(201);
  return officerSchema.parse(res.json());
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ownDept = (await makeDepartment(db, { name: '工程质量监督站', kind: 'station' })).id;
  otherDept = (await makeDepartment(db, { name: '综合执法大队', kind: 'brigade' })).id;
  sysAdmin = await makeSession(db, await makeUser(db, { roles: ['system_admin'] }), t.clock.now());
  deptAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: ownDept }), t.clock.now());
  leader = await makeSession(db, await makeUser(db, { roles: ['leader'] }), t.clock.now());
  const officerUser = await makeUser(db, { roles: ['officer'], departmentId: otherDept, displayName: '执法员甲' });
  officerUserId = officerUser.id;
  officerSession = await makeSession(db, officerUser, t.clock.now());
  ownOfficer = await create(deptAdmin, ownDept);
  otherOfficer = await create(sysAdmin, otherDept, { userId: officerUserId });
  entityKey = '91350100M000100Y43';
  await db.insert(entities).values({ kind: 'subject', key: entityKey, uscc: entityKey, name: '示例货运有限公司' });
});
afterAll(async () => {
  await t.close();
});

describe('officers: department scope', () => {
  it('lists only the own department\'s officers for a department admin', async () => {
    const list = officerPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/officers?pageSize=500', headers: deptAdmin.headers })).json());
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((o) => o.departmentId === ownDept)).toBe(true);
    expect(list.items.map((o) => o.id)).not.toContain(otherOfficer.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/officers?departmentId=${otherDept}`, headers: deptAdmin.headers })).statusCode).toBe(403);
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/officers/export.xlsx', headers: deptAdmin.headers });
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const names: unknown[] = [];
    workbook.worksheets[0]?.eachRow((row, n) => { if (n > 1) names.push(row.getCell(1).value); });
    expect(names).toContain(ownOfficer.name);
    expect(names).not.toContain(otherOfficer.name);
  });

  it('answers 404 for another department\'s officer: read, edit, conflicts', async () => {
    const id = otherOfficer.id;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${id}`, headers: deptAdmin.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/officers/${id}`, headers: deptAdmin.headers, payload: { name: '改名' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${id}/conflicts`, headers: deptAdmin.headers })).statusCode).toBe(404);
    const conflict = { entityKey, reason: '配偶在该企业任职', validFrom: '2025-01-01' };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/officers/${id}/conflicts`, headers: deptAdmin.headers, payload: conflict })).statusCode).toBe(404);
    // Creating in, or moving to, another department is refused.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/officers', headers: deptAdmin.headers, payload: newOfficer(otherDept) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/officers/${ownOfficer.id}`, headers: deptAdmin.headers, payload: { departmentId: otherDept } })).statusCode).toBe(403);
  });

  it('lets system admins and leaders read everyone, and an officer only their own record', async () => {
    const all = officerPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/officers?pageSize=500', headers: leader.headers })).json());
    expect(all.items.map((o) => o.id)).toEqual(expect.arrayContaining([ownOfficer.id, otherOfficer.id]));
    const own = officerPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/officers', headers: officerSession.headers })).json());
    expect(own.items.map((o) => o.id)).toEqual([otherOfficer.id]);
    expect(own.items[0]?.userDisplayName).toBe('执法员甲');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${otherOfficer.id}`, headers: officerSession.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${ownOfficer.id}`, headers: officerSession.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${ownOfficer.id}`, headers: leader.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/officers/${ownOfficer.id}`, headers: leader.headers, payload: { name: 'x' } })).statusCode).toBe(403);
  });
});

describe('officers: records and eligibility', () => {
  it('shows eligibility today with the reason in Chinese', async () => {
    const expired = await create(deptAdmin, ownDept, { validFrom: '2018-07-01', validTo: '2023-06-30' });
    expect(expired).toMatchObject({ eligible: false, ineligibleReason: 'certificate_expired', ineligibleReasonLabel: '执法证件已过期', eligibilityDate: '2026-03-02' });
    const leave = await create(deptAdmin, ownDept, { status: 'on_leave', leaveFrom: '2026-03-01', leaveTo: '2026-03-10' });
    expect(leave).toMatchObject({ eligible: false, ineligibleReasonLabel: '休假中' });
    const expert = await create(deptAdmin, ownDept, { certificateNo: null, key: 'EXP-T1', category: 'expert', certificateType: null, validFrom: null, validTo: null });
    expect(expert).toMatchObject({ key: 'EXP-T1', eligible: false, ineligibleReasonLabel: '专家不计入检查人员' });
    expect(ownOfficer).toMatchObject({ eligible: true, ineligibleReason: null, ineligibleReasonLabel: null });
    const eligibleToday = officerPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/officers?eligibleOn=2026-03-02&pageSize=500', headers: deptAdmin.headers })).json());
    expect(eligibleToday.items.every((o) => o.eligible)).toBe(true);
    expect(eligibleToday.items.map((o) => o.id)).toContain(ownOfficer.id);
    expect(eligibleToday.items.map((o) => o.id)).not.toContain(leave.id);
    // After the leave, the officer is eligible again.
    const later = officerPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/officers?eligibleOn=2026-03-11&pageSize=500', headers: deptAdmin.headers })).json());
    expect(later.items.map((o) => o.id)).toContain(leave.id);
    expect(later.total).toBe(later.items.length);
  });

  it('filters by q, tag, status and category', async () => {
    const get = async (query: string) => officerPageSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/officers?${query}`, headers: sysAdmin.headers })).json());
    expect((await get(`q=${ownOfficer.certificateNo ?? ''}`)).items.map((o) => o.id)).toEqual([ownOfficer.id]);
    expect((await get(`tag=${encodeURIComponent('工程质量')}`)).items.every((o) => o.tags.includes('工程质量'))).toBe(true);
    expect((await get('status=on_leave')).items.every((o) => o.status === 'on_leave')).toBe(true);
    expect((await get('category=expert')).items.map((o) => o.key)).toEqual(['EXP-T1']);
  });

  it('updates with an audited diff and refuses duplicate certificates and a second link to a user', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/officers/${ownOfficer.id}`, headers: deptAdmin.headers, payload: { status: 'suspended', tags: ['工程质量'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(officerSchema.parse(res.json())).toMatchObject({ status: 'suspended', eligible: false, ineligibleReasonLabel: '已停用', tags: ['工程质量'] });
    const audit = await listAuditEvents(t.database.db, { action: 'officer.updated', page: 1, pageSize: 5 });
    expect(audit.items[0]?.changes).toEqual({ status: { from: 'active', to: 'suspended' }, tags: { from: ['道路运输', '工程质量'], to: ['工程质量'] } });
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/officers', headers: sysAdmin.headers, payload: newOfficer(otherDept, { certificateNo: ownOfficer.certificateNo }) });
    expect(dup.statusCode).toBe(409);
    const linked = await t.app.inject({ method: 'POST', url: '/api/v1/officers', headers: sysAdmin.headers, payload: newOfficer(otherDept, { userId: officerUserId }) });
    expect(linked.statusCode).toBe(409);
    const noKey = await t.app.inject({ method: 'POST', url: '/api/v1/officers', headers: sysAdmin.headers, payload: newOfficer(otherDept, { certificateNo: null }) });
    expect(noKey.statusCode).toBe(400);
    const badDates = await t.app.inject({ method: 'POST', url: '/api/v1/officers', headers: sysAdmin.headers, payload: newOfficer(otherDept, { validFrom: '2025-01-01', validTo: '2024-01-01' }) });
    expect(badDates.statusCode).toBe(400);
  });
});

describe('officers: conflicts of interest (回避)', () => {
  it('declares, lists and ends a recusal, audited', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: `/api/v1/officers/${ownOfficer.id}/conflicts`, headers: deptAdmin.headers, payload: { entityKey: 'NOPE', reason: 'x', validFrom: '2025-01-01' } });
    expect(unknown.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/officers/${ownOfficer.id}/conflicts`, headers: deptAdmin.headers,
      payload: { entityKey, reason: '配偶在该企业任职', validFrom: '2025-01-01' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const conflict = officerConflictSchema.parse(res.json());
    expect(conflict).toMatchObject({ entityName: '示例货运有限公司', active: true, validTo: null });
    const officer = officerSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${ownOfficer.id}`, headers: deptAdmin.headers })).json());
    expect(officer.activeConflictCount).toBe(1);
    const ended = await t.app.inject({ method: 'POST', url: `/api/v1/officers/${ownOfficer.id}/conflicts/${conflict.id}/end`, headers: deptAdmin.headers, payload: {} });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(officerConflictSchema.parse(ended.json())).toMatchObject({ validTo: '2026-03-02', active: true });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/officers/${ownOfficer.id}/conflicts/${conflict.id}/end`, headers: deptAdmin.headers, payload: {} });
    expect(again.statusCode).toBe(409);
    const list = officerConflictListSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/officers/${ownOfficer.id}/conflicts`, headers: leader.headers })).json());
    expect(list.items.map((c) => c.id)).toEqual([conflict.id]);
    const created = await listAuditEvents(t.database.db, { action: 'officer_conflict.created', page: 1, pageSize: 5 });
    expect(created.items[0]?.subjectId).toBe(conflict.id);
    const endedAudit = await listAuditEvents(t.database.db, { action: 'officer_conflict.ended', page: 1, pageSize: 5 });
    expect(endedAudit.items[0]?.changes).toEqual({ validTo: { from: null, to: '2026-03-02' } });
  });
});
