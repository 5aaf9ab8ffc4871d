import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userPageSchema, userSchema } from '../../../contracts/users.ts';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';

let t: TestApp;
let ownDept: string;
let otherDept: string;
let sysAdmin: TestSession;
let deptAdmin: TestSession;
let ownOfficerId: string;
let otherOfficerId: string;
let ownOversightId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ownDept = (await makeDepartment(db, { name: '运输管理科' })).id;
  otherDept = (await makeDepartment(db, { name: '综合执法大队', kind: 'brigade' })).id;
  sysAdmin = await makeSession(db, await makeUser(db, { username: 'root_admin', roles: ['system_admin'], departmentId: otherDept }), t.clock.now());
  deptAdmin = await makeSession(db, await makeUser(db, { username: 'dept_admin', roles: ['department_admin', 'officer'], departmentId: ownDept }), t.clock.now());
  ownOfficerId = (await makeUser(db, { username: 'own_officer', displayName: '张三', departmentId: ownDept })).id;
  otherOfficerId = (await makeUser(db, { username: 'other_officer', displayName: '李四', departmentId: otherDept })).id;
  ownOversightId = (await makeUser(db, { username: 'own_oversight', roles: ['oversight'], departmentId: ownDept })).id;
});
afterAll(async () => {
  await t.close();
});

const newUser = (departmentId: string, extra: Record<string, unknown> = {}) => ({
  username: `new_${Math.random().toString(36).slice(2, 8)}`, displayName: '新用户', roles: ['officer'], departmentId, password: 'Initial-Passw0rd', ...extra,
});

describe('users', () => {
  it('lists all users for a system admin, with q and department filters and paging', async () => {
    const all = userPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=2', headers: sysAdmin.headers })).json());
    expect(all.items).toHaveLength(2);
    expect(all.total).toBe(5);
    const byName = userPageSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('张')}`, headers: sysAdmin.headers })).json());
    expect(byName.items.map((u) => u.username)).toEqual(['own_officer']);
    const byDept = userPageSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/users?departmentId=${otherDept}`, headers: sysAdmin.headers })).json());
    expect(byDept.items.every((u) => u.departmentId === otherDept)).toBe(true);
    expect(byDept.items[0]?.departmentName).toBe('综合执法大队');
  });

  it('limits a department admin to their own department', async () => {
    const list = userPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: deptAdmin.headers })).json());
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((u) => u.departmentId === ownDept)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/users?departmentId=${otherDept}`, headers: deptAdmin.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: deptAdmin.headers, payload: newUser(otherDept) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${otherOfficerId}`, headers: deptAdmin.headers, payload: { displayName: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${otherOfficerId}/reset-password`, headers: deptAdmin.headers, payload: { newPassword: 'Reset-Passw0rd' } })).statusCode).toBe(403);
    // Cannot move one of their users to another department.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${ownOfficerId}`, headers: deptAdmin.headers, payload: { departmentId: otherDept } })).statusCode).toBe(403);
    // Cannot touch an oversight user even in their department.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${ownOversightId}`, headers: deptAdmin.headers, payload: { displayName: 'x' } })).statusCode).toBe(403);
  });

  it('does not let a department admin grant system_admin or oversight', async () => {
    for (const role of ['system_admin', 'oversight']) {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: deptAdmin.headers, payload: newUser(ownDept, { roles: ['officer', role] }) });
      expect(created.statusCode).toBe(403);
      const updated = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${ownOfficerId}`, headers: deptAdmin.headers, payload: { roles: [role] } });
      expect(updated.statusCode).toBe(403);
    }
  });

  it('creates a user in the own department, audited, who must change the password', async () => {
    const body = newUser(ownDept, { roles: ['officer', 'leader'] });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: deptAdmin.headers, payload: body });
    expect(res.statusCode).toBe(201);
    const user = userSchema.parse(res.json());
    expect(user).toMatchObject({ username: body.username, roles: ['officer', 'leader'], departmentId: ownDept, active: true });
    const audit = await listAuditEvents(t.database.db, { action: 'user.created', page: 1, pageSize: 50 });
    const event = audit.items.find((e) => e.subjectId === user.id);
    expect(event?.changes).toMatchObject({ username: body.username, roles: ['officer', 'leader'] });
    expect(JSON.stringify(event)).not.toContain('Initial-Passw0rd');
    // The new user signs in and must change the password before anything else.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: body.username, password: 'Initial-Passw0rd' } });
    expect(login.json().user.mustChangePassword).toBe(true);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toBe('urn:suiji:problem:password_change_required');
  });

  it('refuses a duplicate username with 409 and an unknown department with 400', async () => {
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: sysAdmin.headers, payload: newUser(ownDept, { username: 'own_officer' }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ path: 'body.username', message: '用户名已存在' }]);
    const noDept = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: sysAdmin.headers, payload: newUser('00000000-0000-4000-8000-000000000001') });
    expect(noDept.statusCode).toBe(400);
  });

  it('updates a user with an audited diff, and 404s an unknown one', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${ownOfficerId}`, headers: deptAdmin.headers, payload: { displayName: '张三丰', active: false } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '张三丰', active: false });
    const audit = await listAuditEvents(t.database.db, { action: 'user.updated', page: 1, pageSize: 10 });
    expect(audit.items[0]?.changes).toEqual({ displayName: { from: '张三', to: '张三丰' }, active: { from: true, to: false } });
    const missing = await t.app.inject({ method: 'PATCH', url: '/api/v1/users/00000000-0000-4000-8000-000000000002', headers: sysAdmin.headers, payload: { displayName: 'x' } });
    expect(missing.statusCode).toBe(404);
  });

  it('resets a password: old sessions end, the user must change it, and it is audited', async () => {
    const user = await makeUser(t.database.db, { username: 'forgetful', departmentId: ownDept });
    const theirSession = await makeSession(t.database.db, user, t.clock.now());
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/reset-password`, headers: deptAdmin.headers, payload: { newPassword: 'Reset-Passw0rd' } });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: theirSession.headers })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'forgetful', password: 'Reset-Passw0rd' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const audit = await listAuditEvents(t.database.db, { action: 'user.password_reset', page: 1, pageSize: 10 });
    expect(audit.items[0]?.subjectId).toBe(user.id);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
