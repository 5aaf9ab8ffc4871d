import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/civil-date.ts';
import { applyReplacements } from '../../../domain/task/replacement.ts';
import { drawHeadColumns, type DrawHead } from '../draws/draw-columns.ts';
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

export async function tasksByIds(db: Db, ids: readonly string[]): Promise<Map<string, TaskRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(tasks).where(inArray(tasks.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
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

export async function drawsOfTasks(db: Db, taskIds: readonly string[]): Promise<DrawHead[]> {
  if (taskIds.length === 0) return [];
  return db.select(drawHeadColumns).from(draws).where(inArray(draws.taskId, [...taskIds])).orderBy(asc(draws.attempt));
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
 *
 * Why it looks like this: a freeze reads up to a million entities, and PGlite (on the
 * server's thread) spent ~12 µs per result row decoding the wire protocol — 2.4 s for 200,000
 * rows against 0.6 s for the whole ORDER BY random() draw. So the rows come back as ONE text
 * value, a line per entity ("status TAB class TAB key", the key last so that nothing in it
 * can shift the other fields), with the row count to prove no key held a line feed; and the
 * snapshots are read in one pass joined by hash, not by a subquery per entity.
 */
export async function selectCandidates(db: Db, scope: SQL, freezeDate: IsoDate): Promise<CandidateRow[]> {
  const inForce = sql`(select s.entity_id,
      (array_agg(s.risk_class order by s.effective_from desc) filter (where s.effective_from <= ${freezeDate}::date))[1] as risk_class
    from risk_snapshots s group by s.entity_id) as in_force`;
  const riskClass = sql`case when in_force.entity_id is null then ${entities.riskClass} else coalesce(in_force.risk_class, 'U') end`;
  const [packed] = await db.select({
    n: sql<number>`count(*)::int`,
    lines: sql<string | null>`string_agg(${entities.status} || chr(9) || (${riskClass}) || chr(9) || ${entities.key}, chr(10) order by ${entities.key} collate "C")`,
  }).from(entities).leftJoin(inForce, sql`in_force.entity_id = ${entities.id}`).where(scope);
  if (!packed || packed.n === 0 || packed.lines === null) return [];
  const lines = packed.lines.split('\n');
  if (lines.length !== packed.n) throw new Error('a key in the directory holds a line feed: it cannot be a draw key (spec §1)');
  return lines.map((line): CandidateRow => {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    return { status: line.slice(0, a), riskClass: line.slice(a + 1, b), key: line.slice(b + 1) };
  });
}

/**
 * Dates of earlier inspections (the end dates entered by the teams) from `from` to `before`,
 * by object, for the exclusion rules (inspected within N days, yearly cap, class A once a
 * year; inspectionLookback gives `from`). Read by date, not by key: a freeze over a million
 * candidates would otherwise send a million keys to ask about a few thousand inspections.
 */
export async function previousInspectionDates(db: Db, from: IsoDate, before: IsoDate): Promise<Map<string, IsoDate[]>> {
  const result = new Map<string, IsoDate[]>();
  const rows = await db.select({ key: inspections.objectKey, endedOn: inspections.endedOn }).from(inspections)
    .where(and(isNotNull(inspections.endedOn), gte(inspections.endedOn, from), lte(inspections.endedOn, before)));
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

export async function insertDraw(db: Db, values: typeof draws.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(draws).values(values).returning({ id: draws.id });
  if (!row) throw new Error('insert draws returned nothing');
  return row;
}

export async function drawIdTaken(db: Db, drawId: string): Promise<boolean> {
  const [row] = await db.select({ id: draws.id }).from(draws).where(eq(draws.drawId, drawId));
  return row !== undefined;
}
