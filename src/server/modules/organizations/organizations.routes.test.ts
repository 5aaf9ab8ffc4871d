import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentListSchema, departmentSchema, departmentTreeSchema } from '../../../contracts/organizations.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';

let t: TestApp;
let admin: TestSession;
beforeAll(async () => {
  t = await createTestApp();
  admin = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['system_admin'] }), t.clock.now());
});
afterAll(async () => {
  await t.close();
});

async function create(payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin.headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return departmentSchema.parse(res.json());
}

describe('organizations', () => {
  it('creates a tree, lists it flat (parents first) and nested, audits, and refuses cycles and duplicate codes', async () => {
    const bureau = await create({ parentId: null, name: '示例局', kind: 'bureau', code: 'BUR', regionCode: '130227' });
    const b = await create({ parentId: bureau.id, name: '乙科', kind: 'section', code: 'B', regionCode: '130227', sortOrder: 2 });
    const a = await create({ parentId: bureau.id, name: '甲科', kind: 'section', code: 'A', regionCode: '130227', sortOrder: 1 });
    const list = departmentListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: admin.headers })).json());
    expect(list.items.map((d) => d.code)).toEqual(['BUR', 'A', 'B']);
    const tree = departmentTreeSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/organizations/tree', headers: admin.headers })).json());
    expect(tree.roots[0]?.children.map((d) => d.name)).toEqual(['甲科', '乙科']);

    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${a.id}`, headers: admin.headers, payload: { name: '甲科（改）' } });
    expect(patched.json()).toMatchObject({ name: '甲科（改）', sortOrder: 1 });
    const audit = await listAuditEvents(t.database.db, { action: 'department.updated', page: 1, pageSize: 5 });
    expect(audit.items[0]?.changes).toEqual({ name: { from: '甲科', to: '甲科（改）' } });

    const cycle = await t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${bureau.id}`, headers: admin.headers, payload: { parentId: b.id } });
    expect(cycle.statusCode).toBe(400);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin.headers, payload: { parentId: null, name: 'x', kind: 'section', code: 'A', regionCode: '130227' } });
    expect(dup.statusCode).toBe(409);
  });
});
