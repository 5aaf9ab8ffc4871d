import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OneIndustryTemplate, Task } from '../../../contracts/tasks.ts';
import { items } from '../../db/schema-directory.ts';
import { makeDepartment, makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture } from '../draws/draw-fixtures.ts';

/** The 一业一查 template endpoint, and a task created from it. */

let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
let transportAdmin: TestSession;
let officer: TestSession;
let safety: { id: string; name: string };

const url = (industry: string, objectType?: string) =>
  `/api/v1/tasks/one-industry-template?industry=${encodeURIComponent(industry)}${objectType ? `&objectType=${objectType}` : ''}`;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fx = await makeDrawFixture(db);
  safety = await makeDepartment(db, { name: '安全监督科' });
  // The fixture's items name no industry; tag some, and add items of a third department.
  const item = async (code: string, values: Partial<typeof items.$inferInsert>) => {
    await db.insert(items).values({
      code, category: 'general', groupName: '道路运输', name: `事项 ${code}`, legalBasis: '《道路运输条例》', supervisionLevel: 'county',
      objectType: 'entity', content: '检查', claimedAt: new Date(), ...values,
    });
  };
  await item('YY-1', { industries: ['道路货运', '危险货物运输'], claimedByDepartmentId: fx.transport.id, name: '货运经营行为检查' });
  await item('YY-2', { industries: ['道路　货运'], claimedByDepartmentId: safety.id, name: '货运企业安全生产检查' });
  await item('YY-3', { industries: ['道路货运'], claimedByDepartmentId: fx.brigade.id, name: '货运车辆检查', objectType: 'vehicle' });
  await item('YY-4', { industries: ['道路货运'], claimedByDepartmentId: null, claimedAt: null, name: '未认领货运事项' });
  await item('YY-5', { industries: ['道路货运'], claimedByDepartmentId: fx.transport.id, status: 'retired', retiredReason: '废止', name: '已退役货运事项' });
  await item('YY-6', { industries: ['道路客运'], claimedByDepartmentId: fx.brigade.id, name: '客运检查' });
  await item('YY-7', { industries: [], claimedByDepartmentId: fx.brigade.id, name: '通用事项' });
  admin = await makeSession(db, await makeUser(db, { roles: ['system_admin'] }), t.clock.now());
  transportAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.transport.id }), t.clock.now());
  officer = await makeSession(db, await makeUser(db, { roles: ['officer'], departmentId: fx.brigade.id }), t.clock.now());
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function get(path: string, session: TestSession) {
  const res = await t.app.inject({ method: 'GET', url: path, headers: session.headers });
  return { status: res.statusCode, json: () => res.json() as unknown };
}

describe('GET /api/v1/tasks/one-industry-template', () => {
  it('returns the claimed, in-use items of the industry grouped by department, and a joint task prefill', async () => {
    const res = await get(url('道路货运'), admin);
    expect(res.status).toBe(200);
    const tpl = res.json() as OneIndustryTemplate;
    expect(tpl.industry).toBe('道路货运');
    const byDept = Object.fromEntries(tpl.departments.map((g) => [g.department.name, g.items.map((i) => i.code).sort()]));
    expect(byDept).toEqual({ 运输管理科: ['YY-1'], 安全监督科: ['YY-2'], 综合执法大队: ['YY-3'] });
    expect(tpl.body.itemIds).toHaveLength(3);
    expect(new Set(tpl.body.participatingDepartmentIds)).toEqual(new Set([fx.transport.id, safety.id, fx.brigade.id]));
    expect(new Set(tpl.body.team.requiredDepartmentIds)).toEqual(new Set([fx.transport.id, safety.id, fx.brigade.id]));
    expect(tpl.body.team.teamSize).toBe(3);
    expect(tpl.body.scope.industries).toEqual(['道路货运']);
  });

  it('narrows by object type and makes a department admin the organiser', async () => {
    const res = await get(url('道路货运', 'entity'), transportAdmin);
    expect(res.status).toBe(200);
    const tpl = res.json() as OneIndustryTemplate;
    expect(tpl.departments.flatMap((g) => g.items.map((i) => i.code)).sort()).toEqual(['YY-1', 'YY-2']);
    expect(tpl.body.organizerDepartmentId).toBe(fx.transport.id);
    expect(tpl.body.participatingDepartmentIds[0]).toBe(fx.transport.id);
  });

  it('builds a body the task endpoint accepts as a joint task', async () => {
    const tpl = (await get(url('道路货运'), transportAdmin)).json() as OneIndustryTemplate;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/tasks', headers: transportAdmin.headers,
      payload: {
        ...tpl.body, organizerDepartmentId: tpl.body.organizerDepartmentId, code: 'YYYC-2026-001',
        strata: { kind: 'single', quota: { ratioBp: 500 } }, periodFrom: '2026-04-01', periodTo: '2026-06-30',
      },
    });
    expect(res.statusCode).toBe(201);
    const task = res.json() as Task;
    expect(task.joint).toBe(true);
    expect(task.items.map((i) => i.code).sort()).toEqual(['YY-1', 'YY-2', 'YY-3']);
    expect(task.participatingDepartments).toHaveLength(3);
  });

  it('returns an empty template for an industry without items, refuses a missing industry and non-admins', async () => {
    const none = (await get(url('水路运输'), admin)).json() as OneIndustryTemplate;
    expect(none.departments).toEqual([]);
    expect(none.body.itemIds).toEqual([]);
    const missing = await get('/api/v1/tasks/one-industry-template', admin);
    expect(missing.status).toBe(400);
    expect((await get(url('道路货运'), officer)).status).toBe(403);
  });
});
