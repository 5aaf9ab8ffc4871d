import { and, asc, count, desc, eq, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/civil-date.ts';
import { applyReplacements } from '../../../domain/task/replacement.ts';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { entities, officerConflicts, officers } from '../../db/schema-directory.ts';
import { inspections } from '../../db/schema-inspections.ts';
import { drawReplacements, draws, planVersions, plans, tasks } from '../../db/schema-plans.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type DrawRow = typeof draws.$inferSelect;

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

export async function findTaskByCode(db: Db, code: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(tasks).where(eq(tasks.code, code));
  return row;
}

export async function insertTask(db: Db, values: typeof tasks.$inferInsert): Promise<TaskRow> {
  const [row] = await db.insert(tasks).values(values).returning();
  if (!row) throw new Error('insert tasks returned nothing');
  return row;
}

export async function updateTask(db: Db, id: string, values: Partial<typeof tasks.$inferInsert>): Promise<void> {
  await db.update(tasks).set(values).where(eq(tasks.id, id));
}

/** Sets the status only if it is still `expected` (a freeze racing an edit loses). */
export async function setTaskStatusIf(db: Db, id: string, expected: string, status: string, at: Date): Promise<boolean> {
  const rows = await db.update(tasks).set({ status, updatedAt: at }).where(and(eq(tasks.id, id), eq(tasks.status, expected))).returning({ id: tasks.id });
  return rows.length === 1;
}

export async function listTaskRows(db: Db, filter: {
  planId?: string | undefined; departmentId?: string | undefined; status?: string | undefined; year?: number | undefined;
  withDrawOnly?: boolean; page: number; pageSize: number;
}): Promise<{ rows: TaskRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.planId) conditions.push(eq(tasks.planId, filter.planId));
  if (filter.departmentId) conditions.push(sql`(${tasks.organizerDepartmentId} = ${filter.departmentId} or ${filter.departmentId}::uuid = any(${tasks.participatingDepartmentIds}))`);
  if (filter.status) conditions.push(eq(tasks.status, filter.status));
  if (filter.year) conditions.push(sql`extract(year from ${tasks.periodFrom}) = ${filter.year}`);
  if (filter.withDrawOnly) conditions.push(sql`exists (select 1 from ${draws} d where d.task_id = ${tasks.id})`);
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(tasks).where(where);
  const rows = await db.select().from(tasks).where(where).orderBy(desc(tasks.createdAt), asc(tasks.code))
    .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize);
  return { rows, total: total?.n ?? 0 };
}

export async function drawsOfTasks(db: Db, taskIds: readonly string[]): Promise<DrawRow[]> {
  if (taskIds.length === 0) return [];
  return db.select().from(draws).where(inArray(draws.taskId, [...taskIds])).orderBy(asc(draws.attempt));
}

/** 'missing', 'unpublished' or 'published' (some version of the plan has been published). */
export async function planPublicationState(db: Db, id: string): Promise<'missing' | 'unpublished' | 'published'> {
  const [row] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, id));
  if (!row) return 'missing';
  const [published] = await db.select({ v: planVersions.version }).from(planVersions)
    .where(and(eq(planVersions.planId, id), inArray(planVersions.status, ['published', 'superseded']))).limit(1);
  return published ? 'published' : 'unpublished';
}

// ——— The freeze: candidates, officer pool, recusals ———

export interface CandidateRow {
  key: string;
  status: string;
  riskClass: string;
}

/**
 * The entities in scope with the risk class in force on the freeze date: the latest snapshot
 * effective on or before it; 'U' when the entity has snapshots but none yet in force; the
 * entity's own class when it has no snapshots at all. Keys in byte order (code point order).
 */
export async function selectCandidates(db: Db, scope: SQL, freezeDate: IsoDate): Promise<CandidateRow[]> {
  return db.select({
    key: entities.key,
    status: entities.status,
    riskClass: sql<string>`case when exists (select 1 from risk_snapshots s where s.entity_id = ${entities.id})
      then coalesce((select s.risk_class from risk_snapshots s where s.entity_id = ${entities.id} and s.effective_from <= ${freezeDate}::date
                     order by s.effective_from desc limit 1), 'U')
      else ${entities.riskClass} end`,
  }).from(entities).where(scope).orderBy(sql`${entities.key} collate "C"`);
}

/**
 * Dates of earlier inspections of these objects (the end dates entered by the teams), for
 * the exclusion rules (inspected within N days, yearly cap, class A once a year).
 */
export async function previousInspectionDates(db: Db, keys: readonly string[], before: IsoDate): Promise<Map<string, IsoDate[]>> {
  const result = new Map<string, IsoDate[]>();
  if (keys.length === 0) return result;
  const rows = await db.select({ key: inspections.objectKey, endedOn: inspections.endedOn }).from(inspections)
    // One array parameter: a freeze may ask about a million keys (one parameter each would
    // overflow both drizzle's builder and PostgreSQL's 65,535-parameter limit).
    .where(and(sql`${inspections.objectKey} = any(${sql.param([...keys])}::text[])`, isNotNull(inspections.endedOn), lte(inspections.endedOn, before)));
  for (const row of rows) {
    if (row.endedOn === null) continue;
    const dates = result.get(row.key) ?? [];
    dates.push(row.endedOn as IsoDate);
    result.set(row.key, dates);
  }
  return result;
}

/**
 * The team of each object's previous draw (the latest completed draw that assigned it, with
 * replacements applied): the standard recuses those officers from the object next time
 * (spec §4), so the same officers do not inspect the same entity again and again.
 */
export async function previousTeams(db: Db, objectKeys: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>();
  if (objectKeys.size === 0) return teams;
  const completed = await db.select({ id: draws.id, output: draws.output }).from(draws)
    .where(eq(draws.status, 'completed')).orderBy(desc(draws.drawnAt));
  const replacements = completed.length === 0 ? [] : await db.select().from(drawReplacements)
    .where(inArray(drawReplacements.drawId, completed.map((d) => d.id))).orderBy(asc(drawReplacements.seq));
  for (const draw of completed) {
    const assignments = draw.output?.assignments ?? [];
    const own = replacements.filter((r) => r.drawId === draw.id)
      .map((r) => ({ object: r.objectKey, replaced: r.replacedOfficerKey, replacement: r.replacementOfficerKey }));
    for (const team of applyReplacements(assignments, own)) {
      if (objectKeys.has(team.object) && !teams.has(team.object)) teams.set(team.object, [...team.officers]);
    }
  }
  return teams;
}

export interface OfficerPoolRow {
  key: string;
  certificateNo: string | null;
  name: string;
  category: string;
  status: string;
  leaveFrom: string | null;
  leaveTo: string | null;
  validFrom: string | null;
  validTo: string | null;
  departmentId: string;
  departmentName: string;
  tags: string[];
}

export async function officersOfDepartments(db: Db, departmentIds: readonly string[]): Promise<OfficerPoolRow[]> {
  if (departmentIds.length === 0) return [];
  return db.select({
    key: officers.key, certificateNo: officers.certificateNo, name: officers.name, category: officers.category, status: officers.status,
    leaveFrom: officers.leaveFrom, leaveTo: officers.leaveTo, validFrom: officers.validFrom, validTo: officers.validTo,
    departmentId: officers.departmentId, departmentName: departments.name, tags: officers.tags,
  }).from(officers).innerJoin(departments, eq(departments.id, officers.departmentId))
    .where(inArray(officers.departmentId, [...departmentIds])).orderBy(sql`${officers.key} collate "C"`);
}

/** Conflicts of interest (回避) in force on the date: [officerKey, entityKey]. */
export async function activeConflicts(db: Db, departmentIds: readonly string[], date: IsoDate): Promise<[string, string][]> {
  if (departmentIds.length === 0) return [];
  const rows = await db.select({ officerKey: officers.key, entityKey: entities.key }).from(officerConflicts)
    .innerJoin(officers, eq(officers.id, officerConflicts.officerId))
    .innerJoin(entities, eq(entities.id, officerConflicts.entityId))
    .where(and(
      inArray(officers.departmentId, [...departmentIds]),
      lte(officerConflicts.validFrom, date),
      sql`(${officerConflicts.validTo} is null or ${officerConflicts.validTo} >= ${date}::date)`,
    ))
    .orderBy(sql`${officers.key} collate "C"`, sql`${entities.key} collate "C"`);
  return rows.map((r) => [r.officerKey, r.entityKey]);
}

export async function officersByKeys(db: Db, keys: readonly string[]): Promise<OfficerPoolRow[]> {
  if (keys.length === 0) return [];
  return db.select({
    key: officers.key, certificateNo: officers.certificateNo, name: officers.name, category: officers.category, status: officers.status,
    leaveFrom: officers.leaveFrom, leaveTo: officers.leaveTo, validFrom: officers.validFrom, validTo: officers.validTo,
    departmentId: officers.departmentId, departmentName: departments.name, tags: officers.tags,
  }).from(officers).innerJoin(departments, eq(departments.id, officers.departmentId)).where(inArray(officers.key, [...keys]));
}

export async function maxAttempt(db: Db, taskId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${draws.attempt}), 0)::int` }).from(draws).where(eq(draws.taskId, taskId));
  return row?.n ?? 0;
}

export async function insertDraw(db: Db, values: typeof draws.$inferInsert): Promise<DrawRow> {
  const [row] = await db.insert(draws).values(values).returning();
  if (!row) throw new Error('insert draws returned nothing');
  return row;
}

export async function drawIdTaken(db: Db, drawId: string): Promise<boolean> {
  const [row] = await db.select({ id: draws.id }).from(draws).where(eq(draws.drawId, drawId));
  return row !== undefined;
}
