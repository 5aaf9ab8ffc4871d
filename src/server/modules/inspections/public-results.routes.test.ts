import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpList } from '../../../contracts/followups.ts';
import { publicEntityResultsSchema, publicResultFields, type InspectionList, type PublicResult } from '../../../contracts/inspections.ts';
import { entities } from '../../db/schema-directory.ts';
import { inspections } from '../../db/schema-inspections.ts';
import { planVersions, plans, tasks } from '../../db/schema-plans.ts';
import { createTestImportEnv, runImport } from '../../imports/import-test-helpers.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, seedAndRunDraw, type DrawFixture } from '../draws/draw-fixtures.ts';
import { publicResultsCacheLimits } from './public-results.cache.ts';

/**
 * The portal's per-object page is cached in the server (public-results.cache.ts). Each write
 * path that changes what it shows must show on the very next request: every test first reads
 * the page (so it is cached), changes something through the API, and reads again. The test
 * clock does not move, so without the invalidation the second read would be the cached one.
 */

let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
/** Department admin of the organising department: reviews, publishes, owns the follow-ups. */
let owner: TestSession;
let taskId: string;
/** Drawn objects with an inspection, not yet published. */
let objects: { key: string; inspectionId: string }[];

type Json = Record<string, unknown>;
async function call(method: 'GET' | 'POST' | 'PATCH', url: string, session: TestSession | null, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as Json }) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}
async function page(key: string): Promise<{ entity: { key: string; name: string }; results: PublicResult[] }> {
  return (await call('GET', `/api/v1/public/results/${encodeURIComponent(key)}`, null)).json();
}

/** Approved with codes and dates (the entry, signature and review steps are covered in inspections.routes.test.ts), then published through the API. */
async function publish(object: { inspectionId: string }, codes: string[]): Promise<void> {
  await t.database.db.update(inspections).set({ status: 'approved', codes, startedOn: '2026-02-23', endedOn: '2026-02-25', verificationMethods: ['on_site'] })
    .where(eq(inspections.id, object.inspectionId));
  await call('POST', `/api/v1/inspections/${object.inspectionId}/publish`, owner);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fx = await makeDrawFixture(db);
  const now = t.clock.now();
  admin = await makeSession(db, await makeUser(db, { roles: ['system_admin'] }), now);
  owner = await makeSession(db, await makeUser(db, { roles: ['department_admin'], departmentId: fx.transport.id }), now);
  const task = await call('POST', '/api/v1/tasks', admin, {
    code: 'QXJT-2026-301', name: '2026 年公示缓存测试', organizerDepartmentId: fx.transport.id,
    participatingDepartmentIds: [fx.transport.id, fx.brigade.id], itemIds: [fx.itemIds.claimed],
    scope: { industries: ['道路货物运输'] }, strata: { kind: 'single', quota: { count: 4 } },
    exclusions: { excludedStatuses: ['deregistered', 'revoked'] }, team: { teamSize: 2 }, periodFrom: '2026-02-01', periodTo: '2026-06-30',
  });
  taskId = String(task.json().id);
  const frozen = await call('POST', `/api/v1/tasks/${taskId}/freeze`, admin);
  await seedAndRunDraw(t.app, admin.headers, String(frozen.json().id), '16180339887498948482');
  const list = (await call('GET', '/api/v1/inspections?scope=review', owner)).json() as InspectionList;
  objects = list.items.map((i) => ({ key: i.object.key, inspectionId: i.id }));
  expect(objects.length).toBe(4);
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('public result page (cached in the server)', () => {
  it('answers JSON that matches the contract, field by field, and CSV from the same answer; 404 for an unknown object', async () => {
    const [a] = objects;
    if (!a) throw new Error('no object');
    await publish(a, ['1']);
    const res = await call('GET', `/api/v1/public/results/${a.key}`, null);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-ratelimit-limit']).toBe('120');
    const body = publicEntityResultsSchema.strict().parse(res.json());
    expect(body.results).toHaveLength(1);
    expect(Object.keys(body.results[0] ?? {})).toEqual([...publicResultFields]);
    expect(body.results[0]).toMatchObject({ entityKey: a.key, taskCode: 'QXJT-2026-301', result: '未发现问题', version: 1, followUpStatus: null });
    // Served again from the cache: the same bytes.
    expect((await call('GET', `/api/v1/public/results/${a.key}`, null)).body).toBe(res.body);
    const csv = await call('GET', `/api/v1/public/results/${a.key}?format=csv`, null);
    expect(csv.body).toContain('QXJT-2026-301');
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/public/results/911302270000009999X' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/u);
  });

  it('shows a publication and a correction on the next request', async () => {
    const [, b] = objects;
    if (!b) throw new Error('no object');
    expect((await page(b.key)).results).toEqual([]);
    await publish(b, ['A', 'D']);
    expect((await page(b.key)).results.map((r) => [r.version, r.resultCodes, r.followUpStatus])).toEqual([[1, ['A', 'D'], '后续处置中']]);
    await call('POST', `/api/v1/inspections/${b.inspectionId}/corrections`, owner, { reason: '结果代码填错', codes: ['E'] });
    const corrected = (await page(b.key)).results[0];
    expect(corrected).toMatchObject({ version: 2, resultCodes: ['E'], corrections: [{ version: 1, reason: '结果代码填错' }] });
  });

  it('shows each follow-up change on the next request', async () => {
    const [, b] = objects;
    if (!b) throw new Error('no object');
    const followUps = (await call('GET', '/api/v1/followups', owner)).json() as FollowUpList;
    const id = followUps.items.find((f) => f.inspectionId === b.inspectionId)?.id ?? '';
    const status = async () => (await page(b.key)).results[0]?.followUpStatus;
    expect(await status()).toBe('后续处置中');
    await call('POST', `/api/v1/followups/${id}/measure`, owner, { measure: 'other', note: '约谈' });
    await call('POST', `/api/v1/followups/${id}/close`, owner, { closedOn: '2026-03-02', outcome: '已约谈' });
    expect(await status()).toBe('后续处置已完结（已闭环）');
    // A second measure reopens the loop.
    await call('POST', `/api/v1/followups/${id}/measures`, owner, { measure: 'order_correction', dueOn: '2026-03-20', note: '责令改正' });
    expect(await status()).toBe('后续处置中');
    const added = ((await call('GET', '/api/v1/followups', owner)).json() as FollowUpList).items.find((f) => f.inspectionId === b.inspectionId && f.status !== 'closed');
    await call('POST', `/api/v1/followups/${added?.id ?? ''}/progress`, owner, { on: '2026-03-02', note: '已提交整改计划' });
    await call('POST', `/api/v1/followups/${added?.id ?? ''}/close`, owner, { closedOn: '2026-03-02', outcome: '已整改' });
    expect(await status()).toBe('后续处置已完结（已闭环）');
  });

  it('shows an entity rename, a department rename and a plan publication on the next request', async () => {
    const [a] = objects;
    if (!a) throw new Error('no object');
    const db = t.database.db;
    const [entity] = await db.select({ id: entities.id }).from(entities).where(eq(entities.key, a.key));
    expect((await page(a.key)).entity.name).not.toBe('迁西县改名运输有限公司');
    await call('PATCH', `/api/v1/entities/${entity?.id ?? ''}`, admin, { name: '迁西县改名运输有限公司' });
    const renamed = await page(a.key);
    expect([renamed.entity.name, renamed.results[0]?.entityName]).toEqual(['迁西县改名运输有限公司', '迁西县改名运输有限公司']);

    expect(renamed.results[0]?.inspectingBody).toBe(`${fx.transport.name}、${fx.brigade.name}`);
    await call('PATCH', `/api/v1/organizations/${fx.brigade.id}`, admin, { name: '交通运输综合执法大队' });
    expect((await page(a.key)).results[0]?.inspectingBody).toBe(`${fx.transport.name}、交通运输综合执法大队`);

    // The task belongs to a plan whose only version is approved, not yet published: no plan name on the portal.
    const [plan] = await db.insert(plans).values({ departmentId: fx.transport.id, year: 2026 }).returning({ id: plans.id });
    await db.insert(planVersions).values({ planId: plan?.id ?? '', version: 1, status: 'approved', title: '2026 年度运输管理科抽查计划', lines: [] });
    await db.update(tasks).set({ planId: plan?.id ?? '' }).where(eq(tasks.id, taskId));
    // (The direct write above reaches the page only after the TTL; the publication below through the API at once.)
    expect((await page(a.key)).results[0]?.planName).toBeNull();
    await call('POST', `/api/v1/plans/${plan?.id ?? ''}/publish`, admin);
    expect((await page(a.key)).results[0]).toMatchObject({ planName: '2026 年度运输管理科抽查计划', planYear: 2026 });
  });

  it('drops every answer when an import is committed (an import may rename or re-key objects)', async () => {
    const [a] = objects;
    if (!a) throw new Error('no object');
    const db = t.database.db;
    const before = (await page(a.key)).entity.name;
    // Stands for what an import changes: written directly, it stays hidden behind the cache …
    await db.update(entities).set({ name: '导入更新的名称' }).where(eq(entities.key, a.key));
    expect((await page(a.key)).entity.name).toBe(before);
    // … until any import commits.
    const env = await createTestImportEnv(db, t.clock.now);
    try {
      const file = path.join(env.dir, 'items.csv');
      await writeFile(file, '\uFEFF事项编码,抽查类别,抽查事项名称,事项类别,抽查依据,监管层级,抽查对象,抽查内容,抽查方式,抽查比例,抽查频次,检查人员要求,适用行业,责任部门,备注\r\n'
        + `QX-901,道路运输经营,缓存测试事项,一般检查事项,《道路运输条例》,县级,市场主体,经营资质,实地检查,≥5%,1次/年,道路运输,道路货运,${fx.transport.name},\r\n`);
      expect((await runImport(env, 'items', file)).outcome.status).toBe('done');
    } finally {
      await env.cleanup();
    }
    expect((await page(a.key)).entity.name).toBe('导入更新的名称');
  });

  it('keeps an answer for the TTL only: a change made elsewhere (another instance, the CLI) shows after it', async () => {
    const [a] = objects;
    if (!a) throw new Error('no object');
    const before = (await page(a.key)).entity.name;
    await t.database.db.update(entities).set({ name: '另一实例改的名称' }).where(eq(entities.key, a.key));
    t.clock.advance(publicResultsCacheLimits.ttlMs - 1000);
    expect((await page(a.key)).entity.name).toBe(before);
    t.clock.advance(1000);
    expect((await page(a.key)).entity.name).toBe('另一实例改的名称');
  });
});
