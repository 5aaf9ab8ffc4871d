import type { Draw } from '../../../contracts/tasks.ts';
import type { Db } from '../../db/database.ts';
import type { ZodApp } from '../../http/fastify-types.ts';
import { entities, guidelineVersions, items, officerConflicts, officers, riskSnapshots } from '../../db/schema-directory.ts';
import { makeDepartment } from '../../test/factories.ts';

/**
 * Test data for plans, tasks and draws (tests only): two departments of the model bureau,
 * items (claimed, unclaimed, retired), a directory of entities with risk snapshots, officers
 * (eligible, an expert, an expired certificate) and one conflict of interest.
 */
export interface DrawFixture {
  transport: { id: string; name: string };
  brigade: { id: string; name: string };
  itemIds: { claimed: string; claimed2: string; unclaimed: string; retired: string };
  entityKeys: string[];
  officerNames: string[];
  officerKeys: { transport: string[]; brigade: string[] };
  conflict: [string, string];
}

const key = (i: number) => `9113022700000${String(i).padStart(4, '0')}X`;

export async function makeDrawFixture(db: Db, suffix = ''): Promise<DrawFixture> {
  const transport = await makeDepartment(db, { name: `运输管理科${suffix}` });
  const brigade = await makeDepartment(db, { name: `综合执法大队${suffix}` });
  const item = async (code: string, name: string, claimedBy: string | null, status = 'active') => {
    const [row] = await db.insert(items).values({
      code: `${code}${suffix}`, category: 'general', groupName: '道路运输', name, legalBasis: '《道路运输条例》第六十条', supervisionLevel: 'county',
      objectType: '道路运输经营者', content: name, claimedByDepartmentId: claimedBy, claimedAt: claimedBy ? new Date() : null, status,
      retiredReason: status === 'retired' ? '法律依据已废止' : null,
    }).returning({ id: items.id });
    if (!row) throw new Error('no item');
    return row.id;
  };
  const claimed = await item('JT-001', '道路货物运输经营者经营行为检查', transport.id);
  const claimed2 = await item('JT-002', '道路运输车辆技术状况检查', brigade.id);
  const unclaimed = await item('JT-003', '未认领事项', null);
  const retired = await item('JT-004', '已停用事项', transport.id, 'retired');
  await db.insert(guidelineVersions).values({
    itemId: claimed, version: 1, content: '经营行为', method: '现场检查', basis: '《道路运输条例》',
    checkpoints: [{ code: '1', text: '是否取得道路运输经营许可证' }, { code: '2', text: '车辆是否按规定年审' }],
  });

  const entityKeys: string[] = [];
  const entityIds: string[] = [];
  const classes = ['A', 'B', 'C', 'D', 'U'] as const;
  for (let i = 1; i <= 60; i++) {
    const k = `${key(i).slice(0, 17 - suffix.length)}${suffix}${key(i).slice(17)}`;
    const [row] = await db.insert(entities).values({
      kind: 'subject', key: k, name: `迁西县测试运输有限公司${i}${suffix}`, industry: i % 3 === 0 ? '道路旅客运输' : '道路货物运输',
      status: i % 20 === 0 ? 'deregistered' : 'active', riskClass: classes[i % 5] ?? 'U', regionCode: '130227',
    }).returning({ id: entities.id });
    if (!row) throw new Error('no entity');
    entityKeys.push(k);
    entityIds.push(row.id);
    if (i % 2 === 0) {
      // A snapshot in force (B) and a later one not yet in force at the freeze (D).
      await db.insert(riskSnapshots).values([{ entityId: row.id, effectiveFrom: '2026-01-01', riskClass: 'B' }, { entityId: row.id, effectiveFrom: '2027-01-01', riskClass: 'D' }]);
    }
  }

  const officerNames: string[] = [];
  const officerKeys = { transport: [] as string[], brigade: [] as string[] };
  const officer = async (department: { id: string }, n: number, over: Partial<typeof officers.$inferInsert> = {}) => {
    const k = `130227${suffix}${String(n).padStart(8, '0')}`;
    const name = `执法员${suffix}${n}号`;
    const [row] = await db.insert(officers).values({
      key: k, certificateNo: k, name, departmentId: department.id, validFrom: '2024-01-01', validTo: '2028-12-31', tags: ['道路运输'], ...over,
    }).returning({ id: officers.id });
    if (!row) throw new Error('no officer');
    officerNames.push(name);
    return { id: row.id, key: k };
  };
  const conflicted = await officer(transport, 1);
  officerKeys.transport.push(conflicted.key);
  for (let n = 2; n <= 4; n++) officerKeys.transport.push((await officer(transport, n)).key);
  for (let n = 5; n <= 8; n++) officerKeys.brigade.push((await officer(brigade, n, { tags: ['道路运输', '安全生产'] })).key);
  await officer(transport, 9, { category: 'expert' });
  await officer(brigade, 10, { validTo: '2025-12-31' });
  const entityId = entityIds[0];
  const entityKey = entityKeys[0];
  if (!entityId || !entityKey) throw new Error('no entity');
  await db.insert(officerConflicts).values({ officerId: conflicted.id, entityId, reason: '近亲属任职', validFrom: '2025-01-01' });
  return {
    transport: { id: transport.id, name: transport.name }, brigade: { id: brigade.id, name: brigade.name },
    itemIds: { claimed, claimed2, unclaimed, retired }, entityKeys, officerNames, officerKeys, conflict: [conflicted.key, entityKey],
  };
}

/**
 * Seeds a frozen draw with dice digits and runs it through the HTTP API, then waits for the
 * job: what every test that needs a completed draw does between the freeze and the teams.
 */
export async function seedAndRunDraw(app: ZodApp, headers: Record<string, string>, drawRowId: string, digits: string): Promise<Draw> {
  const seeded = await app.inject({ method: 'POST', url: `/api/v1/draws/${drawRowId}/seed`, headers, payload: { method: 'dice', digits, witnesses: ['监督员'] } });
  if (seeded.statusCode !== 200) throw new Error(`seed: ${seeded.statusCode} ${seeded.body}`);
  const run = await app.inject({ method: 'POST', url: `/api/v1/draws/${drawRowId}/run`, headers });
  if (run.statusCode !== 202) throw new Error(`run: ${run.statusCode} ${run.body}`);
  for (let i = 0; i < 500; i++) {
    const draw = (await app.inject({ method: 'GET', url: `/api/v1/draws/${drawRowId}`, headers })).json() as Draw;
    if (draw.status !== 'running') return draw;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`draw ${drawRowId} did not finish`);
}
