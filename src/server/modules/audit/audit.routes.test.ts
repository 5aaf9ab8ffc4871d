import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChainStatusSchema, auditPageSchema } from '../../../contracts/audit.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let oversight: TestSession;
let actorId: string;
beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t.database.db, { roles: ['oversight'] });
  actorId = user.id;
  oversight = await makeSession(t.database.db, user, t.clock.now());
  const days = ['2026-03-01T23:59:59+08:00', '2026-03-02T00:00:00+08:00', '2026-03-02T23:59:59+08:00', '2026-03-03T00:00:00+08:00'];
  for (const [i, at] of days.entries()) {
    await t.database.db.transaction((tx) => appendAudit(tx, {
      actor: { id: i % 2 === 0 ? actorId : null, name: '测试' }, action: i < 2 ? 'user.created' : 'user.updated',
      subjectType: 'user', subjectId: `u${i}`, summary: `事件 ${i}`, changes: { i },
    }, new Date(at)));
  }
});
afterAll(async () => {
  await t.close();
});

async function list(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers: oversight.headers });
  expect(res.statusCode, res.body).toBe(200);
  return auditPageSchema.parse(res.json());
}

describe('audit routes', () => {
  it('lists newest first with action, actor and China-day filters', async () => {
    expect((await list('')).items.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect((await list('?action=user.created')).items.map((e) => e.seq)).toEqual([2, 1]);
    expect((await list(`?actorId=${actorId}`)).items.map((e) => e.seq)).toEqual([3, 1]);
    expect((await list('?from=2026-03-02&to=2026-03-02')).items.map((e) => e.seq)).toEqual([3, 2]);
    const page = await list('?page=2&pageSize=3');
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.items.map((e) => e.seq)).toEqual([1]);
  });

  it('verifies the chain and names the first broken row', async () => {
    const verify = async () => auditChainStatusSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: oversight.headers })).json());
    expect(await verify()).toEqual({ ok: true, rows: 4, firstBrokenSeq: null, reason: null });
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tx.execute(sql`update audit_events set summary = '篡改' where seq = 3`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    });
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health).toMatchObject({ status: 'degraded', auditChain: { ok: false, firstBrokenSeq: 3 } });
  });
});
