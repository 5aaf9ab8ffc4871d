import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { listAuditEvents } from '../modules/audit/audit.repository.ts';
import { parseDrawRecord } from '../../contracts/draw.ts';
import { verifyRecord } from '../../domain/draw/verify-record.ts';
import { demoPassword, demoUsers } from './demo-data.ts';
import { demoAbandonReason, demoPlanRevisionReason, demoWitnesses } from './seed-plans.ts';
import { seedDemo } from './seed-demo.ts';
import { demoStoryYear } from './demo-story.ts';
import { evidenceFiles, evidenceThumbnails, inspections, inspectionResults } from '../db/schema-inspections.ts';
import { officers } from '../db/schema-directory.ts';
import { eq, isNotNull } from 'drizzle-orm';
import { findUserByUsername } from '../modules/users/users.repository.ts';
import { makeSession } from '../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo data', () => {
  it('loads the bureau and users once, audited, and every demo account signs in', async () => {
    expect(await seedDemo(t.database.db, t.clock.now())).toBe(true);
    expect(await seedDemo(t.database.db, t.clock.now())).toBe(false);
    const home = (await t.app.inject({ method: 'GET', url: '/api/v1/public/home' })).json();
    expect(home.bureauName).toBe('示例县交通运输局');
    expect(home.regionCode).toBe('130227');
    expect(home.departments.map((d: { name: string }) => d.name)).toEqual(['办公室', '政策法规科', '运输管理科', '综合执法大队', '工程质量监督站', '公路养护中心', '安全监督科']);
    for (const user of demoUsers) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password: demoPassword } });
      expect(res.statusCode, user.username).toBe(200);
      expect(res.json().user).toMatchObject({ roles: user.roles, mustChangePassword: false });
    }
    const yunguan = (await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'yunguan', password: demoPassword } })).json();
    expect(yunguan.user.departmentName).toBe('运输管理科');
    const seeded = await listAuditEvents(t.database.db, { action: 'system.demo_seeded', page: 1, pageSize: 5 });
    expect(seeded.total).toBe(1);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('publishes a revised plan, a completed draw that verifies, an abandoned and redrawn draw, and a frozen task', async () => {
    const year = demoStoryYear(t.clock.now());
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json();
    };
    // The portal shows both versions of the plan: the first (superseded) and the revision with its reason.
    const plans = (await get(`/api/v1/public/plans?year=${year}`)).items as { version: number; reason: string | null; superseded: boolean; lines: unknown[] }[];
    expect(plans.map((p) => [p.version, p.superseded]).sort()).toEqual([[1, true], [2, false]]);
    const revision = plans.find((p) => p.version === 2);
    expect(revision?.reason).toBe(demoPlanRevisionReason);
    expect(revision?.lines.length).toBe((plans.find((p) => p.version === 1)?.lines.length ?? 0) + 1);

    const tasks = (await get('/api/v1/public/tasks')).items as { code: string; status: string; latestDrawId: string | null }[];
    expect(tasks.map((x) => [x.code, x.status]).sort()).toEqual([[`QXJT-${year}-001`, 'drawn'], [`QXJT-${year}-002`, 'drawn'], [`QXJT-${year}-003`, 'frozen']]);

    const first = await get(`/api/v1/public/tasks/QXJT-${year}-001`);
    expect(first.draws).toHaveLength(1);
    expect(first.draws[0]).toMatchObject({ status: 'completed', seedMethod: 'dice' });
    expect(first.draws[0].replacements).toHaveLength(1);
    const record = parseDrawRecord(await get(`/api/v1/public/draws/QXJT-${year}-001`));
    if (!record.ok) throw new Error(record.issues.join('\n'));
    expect(record.value.witnesses).toEqual(demoWitnesses);
    expect(record.value.output.assignments?.length).toBe(record.value.output.order.length);
    expect(record.value.output.order.length).toBeGreaterThan(0);
    expect(verifyRecord(record.value)).toEqual({ ok: true, differences: [], notes: [] });

    const second = await get(`/api/v1/public/tasks/QXJT-${year}-002`);
    expect(second.draws.map((d: { drawId: string; status: string }) => [d.drawId, d.status]).sort()).toEqual([[`QXJT-${year}-002`, 'abandoned'], [`QXJT-${year}-002-2`, 'completed']]);
    expect(second.draws.find((d: { status: string }) => d.status === 'abandoned').abandonReason).toBe(demoAbandonReason);
    const redrawn = parseDrawRecord(await get(`/api/v1/public/draws/QXJT-${year}-002-2`));
    if (!redrawn.ok) throw new Error(redrawn.issues.join('\n'));
    expect(redrawn.value.seedMethod).toBe('departments');
    expect(verifyRecord(redrawn.value).ok).toBe(true);
    // The abandoned draw has no record: it was never computed.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/draws/QXJT-${year}-002` })).statusCode).toBe(404);

    const third = await get(`/api/v1/public/tasks/QXJT-${year}-003`);
    expect(third.draws).toHaveLength(1);
    expect(third.draws[0]).toMatchObject({ status: 'frozen', seedMethod: null });
    expect(third.draws[0].strata.every((s: { listHash: string }) => /^[0-9a-f]{64}$/.test(s.listHash))).toBe(true);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('has inspections of the drawn task in every state, for officers who can log in', async () => {
    const rows = await t.database.db.select({ status: inspections.status, endedOn: inspections.endedOn, version: inspections.publishedVersion }).from(inspections);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'returned', 'published']));
    expect(rows.some((r) => r.status === 'published' && r.version === 2)).toBe(true);
    // The open draft has no end date yet; everything else ended within the story year.
    const year = demoStoryYear(t.clock.now());
    expect(rows.filter((r) => r.status !== 'draft').every((r) => r.endedOn?.startsWith(`${year}-`))).toBe(true);
    const versions = await t.database.db.select({ reason: inspectionResults.reason, version: inspectionResults.version }).from(inspectionResults);
    expect(versions.filter((v) => v.version === 2).map((v) => v.reason)).toEqual([expect.stringContaining('更正')]);
    // Every demo photo has its thumbnail.
    const photos = (await t.database.db.select({ kind: evidenceFiles.kind, width: evidenceThumbnails.width }).from(evidenceFiles)
      .leftJoin(evidenceThumbnails, eq(evidenceThumbnails.evidenceId, evidenceFiles.id))).filter((p) => p.kind !== 'pdf');
    expect(photos.length).toBeGreaterThan(0);
    expect(photos.every((p) => p.width !== null)).toBe(true);
    const linked = await t.database.db.select({ key: officers.key }).from(officers).where(isNotNull(officers.userId));
    expect(linked.length).toBeGreaterThanOrEqual(2);

    // The portal home counts what the public listings hold.
    const home = (await t.app.inject({ method: 'GET', url: '/api/v1/public/home' })).json();
    const itemsTotal = (await t.app.inject({ method: 'GET', url: '/api/v1/public/items?pageSize=1' })).json().total;
    expect(home.counts).toEqual({ items: itemsTotal, plans: 1, tasks: 3, results: 3 });
    expect(itemsTotal).toBeGreaterThan(10);

    const zhifa1 = await findUserByUsername(t.database.db, 'zhifa1');
    if (!zhifa1) throw new Error('no zhifa1');
    const session = await makeSession(t.database.db, zhifa1, t.clock.now());
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/inspections?scope=mine', headers: session.headers })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.some((i: { status: string }) => i.status === 'draft')).toBe(true);
  });
});
