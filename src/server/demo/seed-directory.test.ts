import { count, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { rowsOf } from '../db/database.ts';
import { departments } from '../db/schema.ts';
import { entities, guidelineVersions, items, itemVersions, officerConflicts, officers, riskSnapshots } from '../db/schema-directory.ts';
import { listAuditEvents } from '../modules/audit/audit.repository.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { demoDepartments } from './demo-data.ts';
import { demoDepartmentCodes } from './directory/types.ts';
import { generateDemoDirectory } from './directory/generate-demo-directory.ts';
import { demoUnclaimedSince } from './seed-directory.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemo(t.database.db, t.clock.now())).toBe(true);
});
afterAll(async () => {
  await t.close();
});

const n = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? -1);

describe('demo directory in the demo loader', () => {
  const directory = generateDemoDirectory();

  it('has every department the directory names', () => {
    const codes = demoDepartments.map((d) => d.code);
    for (const code of demoDepartmentCodes) expect(codes).toContain(code);
  });

  it('loads counts that match the generator', async () => {
    const db = t.database.db;
    expect(await n(db.select({ n: count() }).from(items))).toBe(directory.items.length);
    expect(await n(db.select({ n: count() }).from(itemVersions))).toBe(directory.items.length);
    expect(await n(db.select({ n: count() }).from(guidelineVersions))).toBe(directory.items.length);
    expect(await n(db.select({ n: count() }).from(entities).where(eq(entities.kind, 'subject')))).toBe(directory.entities.length);
    expect(await n(db.select({ n: count() }).from(entities).where(eq(entities.kind, 'object')))).toBe(directory.objects.length);
    expect(await n(db.select({ n: count() }).from(riskSnapshots))).toBe(directory.entities.reduce((s, e) => s + e.riskSnapshots.length, 0));
    expect(await n(db.select({ n: count() }).from(officers))).toBe(directory.officers.length);
    expect(await n(db.select({ n: count() }).from(officerConflicts))).toBe(directory.conflicts.length);
    const unclaimed = directory.entities.filter((e) => e.foundedOn >= demoUnclaimedSince).length;
    expect(unclaimed).toBeGreaterThan(0);
    expect(await n(db.select({ n: count() }).from(entities).where(isNull(entities.claimedByDepartmentId)))).toBe(unclaimed);
  });

  it('keeps the latest risk class on the entity, keys, owners and experts as specified', async () => {
    const db = t.database.db;
    const mismatched = rowsOf<{ n: string }>(await db.execute(sql`
      select count(*) as n from entities e
      where e.kind = 'subject' and e.risk_class <> coalesce((select s.risk_class from risk_snapshots s where s.entity_id = e.id
        order by s.effective_from desc limit 1), 'U')`));
    expect(Number(mismatched[0]?.n)).toBe(0);
    const sample = directory.entities.find((e) => e.registrationNumber !== null && e.uscc === null);
    const legacy = await db.select().from(entities).where(eq(entities.key, sample?.registrationNumber ?? ''));
    expect(legacy[0]).toMatchObject({ uscc: null, registrationNumber: sample?.registrationNumber });
    const vehicle = directory.objects.find((o) => o.kind === 'vehicle' && o.ownerUscc);
    const [object] = await db.select().from(entities).where(eq(entities.key, vehicle?.code ?? ''));
    expect(object).toMatchObject({ kind: 'object', objectKind: 'vehicle', ownerKey: vehicle?.ownerUscc, attributes: vehicle?.attributes });
    const experts = await db.select({ key: officers.key, certificateNo: officers.certificateNo }).from(officers).where(eq(officers.category, 'expert'));
    expect(experts.map((e) => e.key).sort()).toEqual(['EXP-001', 'EXP-002', 'EXP-003']);
    expect(experts.every((e) => e.certificateNo === null)).toBe(true);
  });

  it('claims county items for their responsible department, by code', async () => {
    const db = t.database.db;
    const rows = await db.select({ code: items.code, level: items.supervisionLevel, claimed: items.claimedByDepartmentId, responsible: departments.code })
      .from(items).innerJoin(departments, eq(departments.id, items.responsibleDepartmentId));
    for (const item of directory.items) {
      const row = rows.find((r) => r.code === item.code);
      expect(row?.responsible, item.code).toBe(item.responsibleDepartmentCode);
      expect(row?.claimed !== null, item.code).toBe(item.supervisionLevel === 'county');
    }
  });

  it('records the directory as one audit event, and the chain holds', async () => {
    const events = await listAuditEvents(t.database.db, { action: 'directory.demo_seeded', page: 1, pageSize: 5 });
    expect(events.total).toBe(1);
    expect(events.items[0]?.changes).toMatchObject({ entities: directory.entities.length, objects: directory.objects.length, items: directory.items.length });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
