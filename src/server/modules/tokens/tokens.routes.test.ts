import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenListSchema, createdTokenSchema } from '../../../contracts/tokens.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: TestSession;
let adminId: string;
let other: TestSession;
beforeAll(async () => {
  t = await createTestApp();
  const dept = await makeDepartment(t.database.db);
  const adminUser = await makeUser(t.database.db, { roles: ['system_admin'], departmentId: dept.id });
  adminId = adminUser.id;
  admin = await makeSession(t.database.db, adminUser, t.clock.now());
  other = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['officer'], departmentId: dept.id }), t.clock.now());
});
afterAll(async () => {
  await t.close();
});

async function create(session: TestSession, scopes: string[], expiresInDays?: number) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.headers, payload: { name: `t-${scopes.join('-')}`, scopes, ...(expiresInDays ? { expiresInDays } : {}) } });
  expect(res.statusCode).toBe(201);
  return createdTokenSchema.parse(res.json());
}

describe('API tokens', () => {
  it('shows the secret once, lists own tokens only, and authenticates with Bearer', async () => {
    const token = await create(admin, ['read']);
    expect(token.token).toMatch(/^sjt_/);
    const list = apiTokenListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers })).json());
    expect(list.items.map((i) => i.id)).toContain(token.id);
    expect(JSON.stringify(list)).not.toContain(token.token);
    const othersList = apiTokenListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: other.headers })).json());
    expect(othersList.items.map((i) => i.id)).not.toContain(token.id);
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(200);
  });

  it('a read token cannot mutate; a write token can, without CSRF', async () => {
    const read = await create(admin, ['read']);
    const write = await create(admin, ['read', 'write']);
    const payload = { name: '新科室', kind: 'section', code: 'NEW1', regionCode: '130227', parentId: null };
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { authorization: `Bearer ${read.token}` }, payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('urn:suiji:problem:insufficient_scope');
    const allowed = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { authorization: `Bearer ${write.token}` }, payload });
    expect(allowed.statusCode).toBe(201);
  });

  it('revoked, expired, unknown and malformed tokens get 401; others cannot revoke my token', async () => {
    const token = await create(admin, ['read'], 1);
    const headers = { authorization: `Bearer ${token.token}` };
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers })).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers })).statusCode).toBe(401);
    admin = await makeSession(t.database.db, { id: adminId }, t.clock.now()); // the old session idled out
    const fresh = await create(admin, ['read']);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${fresh.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { authorization: `Bearer ${fresh.token}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { authorization: 'Bearer sjt_nope' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });
});
