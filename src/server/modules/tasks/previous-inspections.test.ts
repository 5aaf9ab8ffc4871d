import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draw, Task } from '../../../contracts/tasks.ts';
import { exclusionReasonLabels } from '../../../domain/task/candidate-pool.ts';
import { inspections } from '../../db/schema-inspections.ts';
import { draws } from '../../db/schema-plans.ts';
import { makeSession, makeUser, type TestSession } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeDrawFixture, type DrawFixture } from '../draws/draw-fixtures.ts';
import { entityNamesByKeys } from './lookups.repository.ts';
import { previousInspectionDates } from './tasks.repository.ts';

/**
 * What earlier inspections feed into a freeze: the end dates (exclusion rules) and the team
 * of each object's previous draw (recused next time, spec §4).
 */
let t: TestApp;
let fx: DrawFixture;
let admin: TestSession;
beforeAll(async () => {
  t = await createTestApp();
  fx = await makeDrawFixture(t.database.db);
  admin = await makeSession(t.database.db, await makeUser(t.database.db, { roles: ['system_admin'] }), t.clock.now());
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function post<T>(url: string, payload?: Record<string, unknown>): Promise<T> {
  const res = await t.app.inject({ method: 'POST', url, headers: admin.headers, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as T;
}

async function drawTask(code: string, exclusions: Record<string, unknown>): Promise<Draw> {
  const task = await post<Task>('/api/v1/tasks', {
    code, name: '道路运输企业抽查', organizerDepartmentId: fx.transport.id, participatingDepartmentIds: [fx.transport.id, fx.brigade.id],
    itemIds: [fx.itemIds.claimed], strata: { kind: 'single', quota: { ratioBp: 10000 } },
    exclusions: { excludedStatuses: ['deregistered'], ...exclusions }, team: { teamSize: 2 }, periodFrom: '2026-03-10', periodTo: '2026-06-30',
  });
  const frozen = await post<Draw>(`/api/v1/tasks/${task.id}/freeze`);
  await post(`/api/v1/tasks/${task.id}/seed`, { method: 'dice', digits: '31415926535897932384', witnesses: ['监督员'] });
  await post(`/api/v1/tasks/${task.id}/draw`);
  for (let i = 0; i < 300; i++) {
    const [row] = await t.database.db.select({ status: draws.status }).from(draws).where(eq(draws.id, frozen.id));
    if (row?.status !== 'running' && row?.status !== 'seeded') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return frozen;
}

describe('earlier inspections at the freeze', () => {
  it('recuses the previous team from each object and excludes objects inspected within N days', async () => {
    const first = await drawTask('PREV-2026-001', {});
    const [firstRow] = await t.database.db.select().from(draws).where(eq(draws.id, first.id));
    const assignments = firstRow?.output?.assignments ?? [];
    expect(firstRow?.status).toBe('completed');
    expect(assignments.length).toBeGreaterThan(2);
    const inspected = assignments[0];
    if (!inspected || !firstRow) throw new Error('no team');
    // The first object's team went there and entered its end date.
    await t.database.db.insert(inspections).values({
      drawId: firstRow.id, taskId: firstRow.taskId, objectKey: inspected.object, checklist: [], startedOn: '2026-02-20', endedOn: '2026-02-25',
    });

    const second = await drawTask('PREV-2026-002', { inspectedWithinDays: 30 });
    const [secondRow] = await t.database.db.select().from(draws).where(eq(draws.id, second.id));
    if (!secondRow) throw new Error('no draw');
    const candidates = new Set(secondRow.strata.flatMap((s) => s.candidates));
    expect(candidates.has(inspected.object)).toBe(false);
    expect(secondRow.exclusions.filter((e) => e.reason === exclusionReasonLabels.inspected_recently)).toEqual([
      expect.objectContaining({ count: 1 }),
    ]);

    // Every other object of the first draw still in the pool carries its previous team as recusals.
    const recusals = new Set(secondRow.matching.recusals.map(([officer, object]) => `${officer}|${object}`));
    const again = assignments.filter((a) => candidates.has(a.object));
    expect(again.length).toBeGreaterThan(1);
    for (const team of again) {
      for (const officer of team.officers) expect(recusals.has(`${officer}|${team.object}`)).toBe(true);
    }
    const sorted = [...secondRow.matching.recusals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(secondRow.matching.recusals).toEqual(sorted);
    // And the second draw respects them: nobody inspects the same object twice in a row.
    for (const team of secondRow.output?.assignments ?? []) {
      const before = assignments.find((a) => a.object === team.object);
      if (before) expect(team.officers.some((o) => before.officers.includes(o))).toBe(false);
    }
  });

  it('reads the inspections ended in the window the rules look at, by object', async () => {
    const [row, other] = await t.database.db.select({ id: draws.id, taskId: draws.taskId }).from(draws).limit(2);
    if (!row || !other) throw new Error('no draws');
    await t.database.db.insert(inspections).values([
      { drawId: row.id, taskId: row.taskId, objectKey: 'WINDOW-1', checklist: [], startedOn: '2025-12-30', endedOn: '2025-12-31' },
      { drawId: other.id, taskId: other.taskId, objectKey: 'WINDOW-1', checklist: [], startedOn: '2026-01-02', endedOn: '2026-01-05' },
      { drawId: row.id, taskId: row.taskId, objectKey: 'WINDOW-2', checklist: [], startedOn: '2026-03-01', endedOn: '2026-03-02' },
    ]);
    const dates = await previousInspectionDates(t.database.db, '2026-01-01', '2026-03-01');
    expect(dates.get('WINDOW-1')).toEqual(['2026-01-05']);
    expect(dates.has('WINDOW-2')).toBe(false);
  });

  it('takes more keys than PostgreSQL takes parameters (a freeze over a million entities)', async () => {
    const keys = Array.from({ length: 70_000 }, (_, i) => `K${i}`);
    expect((await entityNamesByKeys(t.database.db, keys)).size).toBe(0);
  });
});
