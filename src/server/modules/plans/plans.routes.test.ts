import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../contracts/plans.ts';
import { auditEvents, settings } from '../../db/schema.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture } from '../draws/draw-fixtures.ts';

let t: TestApp;
let fx: DrawFixture;
let deptAdmin: TestSession;
let otherAdmin: TestSession;
let leader: TestSession;
let systemAdmin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  fx = await makeDrawFixture(t.database.db);
  const db = t.database.db;
  deptAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.transport.id }), t.clock.now());
  otherAdmin = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.brigade.id }), t.clock.now());
  leader = await makeSession(db, await makeUser(db, { roles: ['leader'], displayName: '局长' }), t.clock.now());
  systemAdmin = await makeSession(db, await makeUser(db, { roles: ['system_admin'] }), t.clock.now());
}, 60_000);
afterAll(async () => {
  await t.close();
});

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST' | 'PATCH', url: string, session: TestSession | null, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as Json }) });
  return { status: res.statusCode, body: res.body, raw: res.rawPayload, json: () => res.json() as Json, headers: res.headers };
}

const line = (name: string, over: Json = {}) => ({
  name, itemIds: [fx.itemIds.claimed], scope: { industries: ['道路货物运输'] }, ratioBp: 500, periodFrom: '2026-03-01', periodTo: '2026-06-30', ...over,
});

describe('annual plan: draft → submitted → approved → published, then a revision', () => {
  let plan: Plan;

  it('refuses another department and unusable items', async () => {
    const other = await call('POST', '/api/v1/plans', otherAdmin, { departmentId: fx.transport.id, year: 2026, title: '计划' });
    expect(other.status).toBe(403);
    const bad = await call('POST', '/api/v1/plans', deptAdmin, { departmentId: fx.transport.id, year: 2026, title: '计划', lines: [line('货运', { itemIds: [fx.itemIds.unclaimed] })] });
    expect(bad.status).toBe(400);
    expect(bad.json().detail).toContain('尚未认领');
  });

  it('creates a draft and shows coverage against the 3 % target', async () => {
    const res = await call('POST', '/api/v1/plans', deptAdmin, {
      departmentId: fx.transport.id, year: 2026, title: '运输管理科 2026 年度双随机抽查计划', lines: [line('道路货运企业抽查')],
    });
    expect(res.status, res.body).toBe(201);
    plan = res.json() as unknown as Plan;
    expect(plan.current).toMatchObject({ version: 1, status: 'draft' });
    // 2026-03-02: the 2026-01-31 deadline has passed and nothing is published.
    expect(plan.publication.kind).toBe('overdue');

    const coverage = (await call('GET', `/api/v1/plans/${plan.id}/coverage`, deptAdmin)).json();
    // 40 freight entities (i % 3 ≠ 0) of 60, 38 active (20 and 40 are deregistered): 5 % → 2 planned.
    expect(coverage.lines).toEqual([{ name: '道路货运企业抽查', inScope: 38, planned: 2, ratioBp: 500 }]);
    expect(coverage.overall).toMatchObject({ planned: 2, directory: 38, targetBp: 300, required: 2, meetsTarget: true });

    await t.database.db.insert(settings).values({ key: 'plans.coverageTargetBp', value: 1000 });
    const stricter = (await call('GET', `/api/v1/plans/${plan.id}/coverage`, deptAdmin)).json();
    expect(stricter.overall).toMatchObject({ targetBp: 1000, required: 4, meetsTarget: false, shortfall: 2 });
    await t.database.db.delete(settings).where(eq(settings.key, 'plans.coverageTargetBp'));
  });

  it('goes through submit → approve (leader only) → publish', async () => {
    expect((await call('POST', `/api/v1/plans/${plan.id}/approve`, leader)).status).toBe(409);
    expect((await call('POST', `/api/v1/plans/${plan.id}/submit`, deptAdmin)).status).toBe(200);
    expect((await call('POST', `/api/v1/plans/${plan.id}/approve`, deptAdmin)).status).toBe(403);
    const bySystemAdmin = await call('POST', `/api/v1/plans/${plan.id}/approve`, systemAdmin);
    expect(bySystemAdmin.status).toBe(403);
    expect(bySystemAdmin.json().detail).toBe('年度抽查计划须由领导批准');
    const approved = await call('POST', `/api/v1/plans/${plan.id}/approve`, leader);
    expect(approved.status, approved.body).toBe(200);
    const published = await call('POST', `/api/v1/plans/${plan.id}/publish`, deptAdmin);
    expect(published.status, published.body).toBe(200);
    plan = published.json() as unknown as Plan;
    expect(plan.current.status).toBe('published');
    expect(plan.publication).toMatchObject({ kind: 'published_late', deadline: '2026-01-31', publishedOn: '2026-03-02', daysLate: 30 });
    const actions = (await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, plan.id))).map((r) => r.action);
    expect(actions).toEqual(['plan.created', 'plan.submitted', 'plan.approved', 'plan.published']);
  });

  it('keeps a published plan immutable; a revision is a new version with a reason and a diff', async () => {
    const edit = await call('PATCH', `/api/v1/plans/${plan.id}`, deptAdmin, { title: '改标题' });
    expect(edit.status).toBe(409);
    expect(edit.json().detail).toContain('计划调整');

    const revised = await call('POST', `/api/v1/plans/${plan.id}/revisions`, deptAdmin, { reason: '增加客运企业抽查' });
    expect(revised.status, revised.body).toBe(201);
    const updated = await call('PATCH', `/api/v1/plans/${plan.id}`, deptAdmin, {
      lines: [line('道路货运企业抽查', { ratioBp: 800 }), line('客运企业抽查', { scope: { industries: ['道路旅客运输'] }, itemIds: [fx.itemIds.claimed2] })],
    });
    expect(updated.status, updated.body).toBe(200);
    const diff = (await call('GET', `/api/v1/plans/${plan.id}/diff?from=1&to=2`, deptAdmin)).json();
    expect(diff).toMatchObject({ reason: '增加客运企业抽查', added: ['客运企业抽查'], removed: [], changed: [{ name: '道路货运企业抽查', fields: [{ field: 'ratioBp', from: 500, to: 800 }] }] });

    // While v2 is being approved, the portal still shows v1.
    let portal = (await call('GET', '/api/v1/public/plans?year=2026', null)).json();
    expect((portal.items as Json[]).map((p) => [p.version, p.superseded])).toEqual([[1, false]]);

    for (const [step, session] of [['submit', deptAdmin], ['approve', leader], ['publish', deptAdmin]] as const) {
      expect((await call('POST', `/api/v1/plans/${plan.id}/${step}`, session)).status).toBe(200);
    }
    const v1 = (await call('GET', `/api/v1/plans/${plan.id}/versions/1`, deptAdmin)).json();
    expect(v1).toMatchObject({ version: 1, status: 'superseded' });
    portal = (await call('GET', '/api/v1/public/plans', null)).json();
    expect((portal.items as Json[]).map((p) => [p.version, p.superseded, p.reason])).toEqual([[2, false, '增加客运企业抽查'], [1, true, null]]);
    expect(JSON.stringify(portal)).not.toMatch(/createdBy|approvedBy|publishedBy/);
  });

  it('shows the bureau\'s combined view and exports the plan to xlsx', async () => {
    const overview = (await call('GET', '/api/v1/plans/overview?year=2026', leader)).json();
    expect((overview.departments as Json[]).map((d) => (d.department as Json).name)).toEqual([fx.transport.name]);
    // Freight 38 active at 8 % → 4; passenger 19 active at 5 % → 1; the union is all 57 active.
    expect(overview.overall).toMatchObject({ planned: 5, directory: 57, targetBp: 300, required: 2, meetsTarget: true });

    const res = await call('GET', `/api/v1/plans/${plan.id}/export.xlsx`, deptAdmin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe('抽查任务');
    expect(sheet?.getRow(3).getCell(2).value).toBe('客运企业抽查');
    expect(sheet?.rowCount).toBe(3);
  });

  it('creates tasks from a published plan only, and counts them on the plan', async () => {
    const body = (planId: string) => ({
      code: 'QXJT-2026-101', name: '道路货运企业抽查', planId, organizerDepartmentId: fx.transport.id, participatingDepartmentIds: [fx.transport.id],
      itemIds: [fx.itemIds.claimed], scope: { industries: ['道路货物运输'] }, strata: { kind: 'single', quota: { ratioBp: 800 } },
      team: { teamSize: 2 }, periodFrom: '2026-03-01', periodTo: '2026-06-30',
    });
    const draft = (await call('POST', '/api/v1/plans', otherAdmin, { departmentId: fx.brigade.id, year: 2026, title: '大队计划' })).json();
    const refused = await call('POST', '/api/v1/tasks', otherAdmin, { ...body(String(draft.id)), organizerDepartmentId: fx.brigade.id, participatingDepartmentIds: [fx.brigade.id] });
    expect(refused.status).toBe(409);
    expect(refused.json().detail).toContain('尚未批准公开');
    const created = await call('POST', '/api/v1/tasks', deptAdmin, body(plan.id));
    expect(created.status, created.body).toBe(201);
    expect(created.json()).toMatchObject({ source: 'plan', planId: plan.id, joint: false });
    expect(((await call('GET', `/api/v1/plans/${plan.id}`, deptAdmin)).json()).taskCount).toBe(1);
  });
});
