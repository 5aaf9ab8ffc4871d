import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '../../../contracts/common.ts';
import { sessionResponseSchema } from '../../../contracts/session.ts';
import { listAuditEvents } from '../audit/audit.repository.ts';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { makeDepartment, makeUser, testPassword } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const value = header?.split(';')[0];
  if (!value) throw new Error('no cookie');
  return value;
}

async function loginAs(username: string, password = testPassword) {
  return t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
}

describe('session', () => {
  it('logs in, sets an HttpOnly SameSite=Lax cookie, returns the session and audits it', async () => {
    const department = await makeDepartment(t.database.db, { name: '运输管理科' });
    const user = await makeUser(t.database.db, { username: 'alice', roles: ['officer'], departmentId: department.id });
    const res = await loginAs('alice');
    expect(res.statusCode).toBe(200);
    const body = sessionResponseSchema.parse(res.json());
    expect(body.user).toMatchObject({ id: user.id, username: 'alice', roles: ['officer'], departmentName: '运输管理科', mustChangePassword: false });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^suiji_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const audit = await listAuditEvents(t.database.db, { action: 'session.login', page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({ actorId: user.id, action: 'session.login', subjectType: 'session' });

    const cookie = cookieOf(res.headers['set-cookie']);
    const current = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ csrfToken: body.csrfToken, user: { username: 'alice' } });

    // Logout needs the CSRF header.
    const noCsrf = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemSchema.parse(noCsrf.json()).type).toBe('urn:suiji:problem:csrf');
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': body.csrfToken } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('answers unknown user and wrong password alike', async () => {
    await makeUser(t.database.db, { username: 'bob' });
    const unknown = await loginAs('nobody');
    const wrong = await loginAs('bob', 'wrong-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe('用户名或密码错误');
    expect(wrong.json().detail).toBe('用户名或密码错误');
    expect(unknown.json().title).toBe(wrong.json().title);
  });

  it('locks an account for 15 minutes after 5 consecutive failures, and audits it', async () => {
    const user = await makeUser(t.database.db, { username: 'carol' });
    for (let i = 1; i <= 4; i += 1) expect((await loginAs('carol', 'bad')).statusCode).toBe(401);
    const fifth = await loginAs('carol', 'bad');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().detail).toMatch(/临时锁定/);
    // Even the right password is refused while locked.
    expect((await loginAs('carol')).statusCode).toBe(423);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await loginAs('carol')).statusCode).toBe(200);
    const locked = await listAuditEvents(t.database.db, { action: 'session.account_locked', page: 1, pageSize: 10 });
    expect(locked.items.map((e) => e.subjectId)).toContain(user.id);
    const failed = await listAuditEvents(t.database.db, { action: 'session.login_failed', actorId: user.id, page: 1, pageSize: 10 });
    expect(failed.total).toBe(5);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('expires idle sessions, slides the idle expiry, and enforces the absolute expiry', async () => {
    await makeUser(t.database.db, { username: 'dave' });
    const res = await loginAs('dave');
    const cookie = cookieOf(res.headers['set-cookie']);
    const get = () => t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    // Activity every 20 minutes keeps the session alive past the 30-minute idle limit…
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(20 * 60_000);
      expect((await get()).statusCode).toBe(200);
    }
    // …until 31 idle minutes pass.
    t.clock.advance(31 * 60_000);
    expect((await get()).statusCode).toBe(401);

    const res2 = await loginAs('dave');
    const cookie2 = cookieOf(res2.headers['set-cookie']);
    for (let i = 0; i < 36; i += 1) {
      t.clock.advance(20 * 60_000);
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: cookie2 } });
      if (i < 35) expect(r.statusCode).toBe(200); // 12 h = 36 × 20 min
      else expect(r.statusCode).toBe(401);
    }
  });

  it('changes the own password with the current one, and rejects a wrong current password', async () => {
    await makeUser(t.database.db, { username: 'erin' });
    const res = await loginAs('erin');
    const { csrfToken } = res.json();
    const headers = { cookie: cookieOf(res.headers['set-cookie']), 'x-csrf-token': csrfToken };
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/session/password', headers, payload: { currentPassword: 'nope', newPassword: 'Another-Passw0rd' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'body.currentPassword', message: '当前密码不正确' }]);
    const good = await t.app.inject({ method: 'POST', url: '/api/v1/session/password', headers, payload: { currentPassword: testPassword, newPassword: 'Another-Passw0rd' } });
    expect(good.statusCode).toBe(204);
    expect((await loginAs('erin')).statusCode).toBe(401);
    expect((await loginAs('erin', 'Another-Passw0rd')).statusCode).toBe(200);
  });

  it('rate-limits logins per IP with a problem response', async () => {
    const limited = await createTestApp({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const r = await limited.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'x', password: 'y' } });
        codes.push(r.statusCode);
        if (r.statusCode === 429) {
          expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(r.json().detail).toMatch(/请求过于频繁/);
        }
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
