import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackPageSchema, callbackSchema, callbackSummarySchema } from '../../../contracts/callbacks.ts';
import { problemSchema } from '../../../contracts/common.ts';
import { auditEvents } from '../../db/schema.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeEntity } from '../entities/entity-fixtures.ts';

let t: TestApp;
let oversight: TestSession;
let leader: TestSession;
let entityId: string;
beforeAll(async () => {
  t = await createTestApp();
  const dept = await makeDepartment(t.database.db);
  oversight = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['oversight'], departmentId: dept.id }), t.clock.now());
  leader = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['leader'], departmentId: dept.id }), t.clock.now());
  entityId = (await makeEntity(t.database.db, { name: '迁西县顺达物流有限公司', uscc: '91130227MA0A1B2C3D' })).id;
});
afterAll(async () => {
  await t.close();
});

const base = {
  calledOn: '2026-02-10', channel: 'phone', contactPerson: '张经理', announcedInAdvance: false,
  certificatesShown: true, improperRequests: false, satisfaction: 'satisfied', summary: '检查规范，未发现不当要求',
};

async function record(session: TestSession, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/callbacks', headers: session.headers, payload: body });
}

describe('callbacks (回访)', () => {
  it('records a callback with an audit event and lists it with the entity', async () => {
    const res = await record(oversight, { ...base, entityId });
    expect(res.statusCode).toBe(201);
    const created = callbackSchema.parse(res.json());
    expect(created).toMatchObject({ entity: { id: entityId, name: '迁西县顺达物流有限公司' }, needsAttention: false, task: null });
    const audit = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.action, 'callback.recorded'), eq(auditEvents.subjectId, created.id)));
    expect(audit).toHaveLength(1);

    const page = callbackPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/callbacks?year=2026', headers: leader.headers })).json());
    expect(page.items.map((c) => c.id)).toContain(created.id);
  });

  it('summarises the year and filters the callbacks that need attention', async () => {
    const concern = callbackSchema.parse((await record(oversight, {
      ...base, entityId, calledOn: '2026-02-20', announcedInAdvance: true, satisfaction: 'dissatisfied',
    })).json());
    expect(concern.needsAttention).toBe(true);
    const summary = callbackSummarySchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/callbacks/summary?year=2026', headers: oversight.headers })).json());
    expect(summary).toMatchObject({ year: 2026, total: 2, announcedInAdvance: 1, concerns: 1, satisfactionRate: 0.5 });
    const concerns = callbackPageSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/callbacks?concernsOnly=true', headers: oversight.headers })).json());
    expect(concerns.items.map((c) => c.id)).toEqual([concern.id]);
    const otherYear = callbackSummarySchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/callbacks/summary?year=2025', headers: oversight.headers })).json());
    expect(otherYear).toMatchObject({ total: 0, satisfactionRate: null });
  });

  it('refuses a date in the future, an unknown entity and a leader writing', async () => {
    const future = await record(oversight, { ...base, entityId, calledOn: '2026-03-03' });
    expect(future.statusCode).toBe(400);
    expect(problemSchema.parse(future.json()).errors).toEqual([{ path: 'calledOn', message: '回访日期不能晚于今天' }]);
    const unknown = await record(oversight, { ...base, entityId: '00000000-0000-4000-8000-000000000000' });
    expect(problemSchema.parse(unknown.json()).errors?.[0]?.path).toBe('entityId');
    expect((await record(leader, { ...base, entityId })).statusCode).toBe(403);
  });
});
