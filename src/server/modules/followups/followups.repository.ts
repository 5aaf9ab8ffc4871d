import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { entities } from '../../db/schema-directory.ts';
import { followUpEvents, followUps, inspections } from '../../db/schema-inspections.ts';
import { tasks } from '../../db/schema-plans.ts';

export type FollowUpRow = typeof followUps.$inferSelect;
export type FollowUpEventRow = typeof followUpEvents.$inferSelect;

/** A follow-up with what the list shows of its inspection, task and entity. */
export interface FollowUpListRow {
  followUp: FollowUpRow;
  taskId: string;
  taskCode: string;
  taskName: string;
  codes: string[];
  entityName: string | null;
  firstPublishedAt: Date | null;
}

export interface FollowUpFilter {
  status?: string | undefined;
  /** Owner department filter. */
  departmentId?: string | undefined;
  year?: number | undefined;
  /** Limit to these (a department's own and those transferred to it); undefined = all. */
  visibleToDepartment?: string | null | undefined;
}

/**
 * Every follow-up matching the filter, oldest result first. Not paged here: overdue is judged
 * by the domain (isFollowUpOverdue) over the whole filtered list, and the lists are small
 * (one or a few records per result with problems).
 */
export async function listFollowUpRows(db: Db, filter: FollowUpFilter): Promise<FollowUpListRow[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(followUps.status, filter.status));
  if (filter.departmentId) where.push(eq(followUps.ownerDepartmentId, filter.departmentId));
  if (filter.year !== undefined) where.push(sql`extract(year from ${inspections.firstPublishedAt} at time zone 'Asia/Shanghai') = ${filter.year}`);
  if (filter.visibleToDepartment !== undefined) {
    if (filter.visibleToDepartment === null) return [];
    const dept = filter.visibleToDepartment;
    const visible = or(eq(followUps.ownerDepartmentId, dept), eq(followUps.transferDepartmentId, dept));
    if (visible) where.push(visible);
  }
  return db.select({
    followUp: followUps, taskId: tasks.id, taskCode: tasks.code, taskName: tasks.name, codes: inspections.codes,
    entityName: entities.name, firstPublishedAt: inspections.firstPublishedAt,
  }).from(followUps)
    .innerJoin(inspections, eq(inspections.id, followUps.inspectionId))
    .innerJoin(tasks, eq(tasks.id, inspections.taskId))
    .leftJoin(entities, eq(entities.key, followUps.objectKey))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(inspections.firstPublishedAt), asc(followUps.createdAt), asc(followUps.id));
}

export async function findFollowUpRow(db: Db, id: string): Promise<FollowUpListRow | undefined> {
  const [row] = await db.select({
    followUp: followUps, taskId: tasks.id, taskCode: tasks.code, taskName: tasks.name, codes: inspections.codes,
    entityName: entities.name, firstPublishedAt: inspections.firstPublishedAt,
  }).from(followUps)
    .innerJoin(inspections, eq(inspections.id, followUps.inspectionId))
    .innerJoin(tasks, eq(tasks.id, inspections.taskId))
    .leftJoin(entities, eq(entities.key, followUps.objectKey))
    .where(eq(followUps.id, id));
  return row;
}

export async function followUpsOfInspection(db: Db, inspectionId: string): Promise<FollowUpRow[]> {
  return db.select().from(followUps).where(eq(followUps.inspectionId, inspectionId)).orderBy(asc(followUps.createdAt), asc(followUps.id));
}

export async function eventsOf(db: Db, followUpId: string): Promise<FollowUpEventRow[]> {
  return db.select().from(followUpEvents).where(eq(followUpEvents.followUpId, followUpId)).orderBy(asc(followUpEvents.seq));
}

export async function departmentNamesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function departmentExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  return row !== undefined;
}

/**
 * Writes the new state only if nobody changed the record since it was read (optimistic:
 * updated_at as version); false when someone did.
 */
export async function updateFollowUpIf(db: Db, id: string, readAt: Date, values: Partial<typeof followUps.$inferInsert>): Promise<boolean> {
  const rows = await db.update(followUps).set(values).where(and(eq(followUps.id, id), sql`date_trunc('milliseconds', ${followUps.updatedAt}) = ${readAt.toISOString()}::timestamptz`)).returning({ id: followUps.id });
  return rows.length === 1;
}

export async function insertFollowUp(db: Db, values: typeof followUps.$inferInsert): Promise<FollowUpRow> {
  const [row] = await db.insert(followUps).values(values).returning();
  if (!row) throw new Error('insert follow_ups returned nothing');
  return row;
}

export async function insertFollowUpEvent(db: Db, values: typeof followUpEvents.$inferInsert): Promise<void> {
  await db.insert(followUpEvents).values(values);
}
