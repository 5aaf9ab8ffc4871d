import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { planVersions, plans, tasks } from '../../db/schema-plans.ts';

export type PlanRow = typeof plans.$inferSelect & { departmentName: string };
export type PlanVersionRow = typeof planVersions.$inferSelect;

const planColumns = {
  id: plans.id, departmentId: plans.departmentId, year: plans.year, currentVersion: plans.currentVersion,
  createdAt: plans.createdAt, updatedAt: plans.updatedAt, departmentName: departments.name,
};

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  const [row] = await db.select(planColumns).from(plans).innerJoin(departments, eq(departments.id, plans.departmentId)).where(eq(plans.id, id));
  return row;
}

export async function findPlanFor(db: Db, departmentId: string, year: number): Promise<{ id: string } | undefined> {
  const [row] = await db.select({ id: plans.id }).from(plans).where(and(eq(plans.departmentId, departmentId), eq(plans.year, year)));
  return row;
}

export async function listPlanRows(db: Db, filter: { year?: number | undefined; departmentId?: string | undefined }): Promise<PlanRow[]> {
  const conditions = [];
  if (filter.year !== undefined) conditions.push(eq(plans.year, filter.year));
  if (filter.departmentId !== undefined) conditions.push(eq(plans.departmentId, filter.departmentId));
  return db.select(planColumns).from(plans).innerJoin(departments, eq(departments.id, plans.departmentId))
    .where(and(...conditions)).orderBy(desc(plans.year), asc(departments.sortOrder), asc(departments.name));
}

export async function insertPlan(db: Db, values: typeof plans.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(plans).values(values).returning({ id: plans.id });
  if (!row) throw new Error('insert plans returned nothing');
  return row;
}

export async function setCurrentVersion(db: Db, planId: string, version: number, at: Date): Promise<void> {
  await db.update(plans).set({ currentVersion: version, updatedAt: at }).where(eq(plans.id, planId));
}

export async function insertPlanVersion(db: Db, values: typeof planVersions.$inferInsert): Promise<void> {
  await db.insert(planVersions).values(values);
}

export async function versionsOf(db: Db, planIds: readonly string[]): Promise<PlanVersionRow[]> {
  if (planIds.length === 0) return [];
  return db.select().from(planVersions).where(inArray(planVersions.planId, [...planIds])).orderBy(asc(planVersions.version));
}

export async function findVersion(db: Db, planId: string, version: number): Promise<PlanVersionRow | undefined> {
  const [row] = await db.select().from(planVersions).where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)));
  return row;
}

/** Updates a version only while it has the expected status (so two clicks cannot both pass). */
export async function updateVersionIf(
  db: Db, planId: string, version: number, expected: string, values: Partial<typeof planVersions.$inferInsert>,
): Promise<boolean> {
  const rows = await db.update(planVersions).set(values)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version), eq(planVersions.status, expected)))
    .returning({ version: planVersions.version });
  return rows.length === 1;
}

export async function supersedePublished(db: Db, planId: string, exceptVersion: number, at: Date): Promise<void> {
  const rows = await db.select({ version: planVersions.version }).from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'published')));
  for (const row of rows) {
    if (row.version === exceptVersion) continue;
    await db.update(planVersions).set({ status: 'superseded', supersededAt: at })
      .where(and(eq(planVersions.planId, planId), eq(planVersions.version, row.version)));
  }
}

export async function taskCounts(db: Db, planIds: readonly string[]): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await db.select({ planId: tasks.planId, n: count() }).from(tasks).where(inArray(tasks.planId, [...planIds])).groupBy(tasks.planId);
  return new Map(rows.flatMap((r) => (r.planId ? [[r.planId, r.n] as const] : [])));
}

/** Every version ever published (published or superseded), for the portal. */
export async function publishedVersions(db: Db, year: number | undefined): Promise<(PlanVersionRow & { departmentName: string; year: number })[]> {
  const rows = await db.select({ v: planVersions, departmentName: departments.name, year: plans.year })
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .innerJoin(departments, eq(departments.id, plans.departmentId))
    .where(and(inArray(planVersions.status, ['published', 'superseded']), year === undefined ? undefined : eq(plans.year, year)))
    .orderBy(desc(plans.year), asc(departments.name), desc(planVersions.version));
  return rows.map((r) => ({ ...r.v, departmentName: r.departmentName, year: r.year }));
}
