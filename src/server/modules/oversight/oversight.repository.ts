import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { entities, officers } from '../../db/schema-directory.ts';
import {
  evidenceFiles, followUps, inspectionResults, inspectionReviews, inspectionSignatures, inspections,
} from '../../db/schema-inspections.ts';
import { callbacks } from '../../db/schema-oversight.ts';
import { drawReplacements, draws, plans, planVersions, tasks, type PlanLineJson } from '../../db/schema-plans.ts';
import { anomalyReviews } from '../../db/schema-stats.ts';
import { countEntitiesWhere } from '../tasks/lookups.repository.ts';
import { anyScopeCondition } from '../tasks/scope-sql.ts';

/**
 * Every fact the oversight figures are made of, read straight from the tables. The service
 * turns them into indicators and flags with the pure domain functions; the acceptance test
 * (indicators.recompute.test.ts) recomputes the figures with its own SQL, not through here.
 */

/** [from, to) of a year as civil dates. */
const yearRange = (year: number) => [`${year}-01-01`, `${year + 1}-01-01`] as const;

export interface PlanFacts {
  planId: string;
  departmentId: string;
  lines: PlanLineJson[];
  /** First publication of any version, as a China civil date. */
  firstPublishedOn: string | null;
}

/** Each department's plan of the year: the current version's lines and the first publication date. */
export async function plansOfYear(db: Db, year: number): Promise<PlanFacts[]> {
  const rows = await db.select({
    planId: plans.id, departmentId: plans.departmentId, currentVersion: plans.currentVersion,
    version: planVersions.version, lines: planVersions.lines,
    publishedOn: sql<string | null>`to_char(${planVersions.publishedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
  }).from(plans).innerJoin(planVersions, eq(planVersions.planId, plans.id)).where(eq(plans.year, year));
  const out = new Map<string, PlanFacts>();
  for (const r of rows) {
    const plan = out.get(r.planId) ?? { planId: r.planId, departmentId: r.departmentId, lines: [], firstPublishedOn: null };
    if (r.version === r.currentVersion) plan.lines = r.lines;
    if (r.publishedOn !== null && (plan.firstPublishedOn === null || r.publishedOn < plan.firstPublishedOn)) plan.firstPublishedOn = r.publishedOn;
    out.set(r.planId, plan);
  }
  return [...out.values()];
}

/** Active directory entities in the union of the lines' scopes (the plan's directory, as the plan pages count it). */
export async function directoryOfLines(db: Db, lines: readonly PlanLineJson[]): Promise<number> {
  return countEntitiesWhere(db, anyScopeCondition(lines.map((l) => l.scope)));
}

/** Tasks of the year: those whose inspection period starts in it. */
export async function tasksOfYear(db: Db, year: number) {
  const [from, to] = yearRange(year);
  return db.select({
    id: tasks.id, code: tasks.code, name: tasks.name, organizerDepartmentId: tasks.organizerDepartmentId,
    participatingDepartmentIds: tasks.participatingDepartmentIds, periodFrom: tasks.periodFrom,
  }).from(tasks).where(and(gte(tasks.periodFrom, from), lt(tasks.periodFrom, to))).orderBy(asc(tasks.code));
}
export type TaskFacts = Awaited<ReturnType<typeof tasksOfYear>>[number];

export async function departmentNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function inspectionsOfTasks(db: Db, taskIds: readonly string[]) {
  if (taskIds.length === 0) return [];
  return db.select({
    id: inspections.id, drawId: inspections.drawId, taskId: inspections.taskId, objectKey: inspections.objectKey,
    status: inspections.status, publishedVersion: inspections.publishedVersion,
  }).from(inspections).where(inArray(inspections.taskId, [...taskIds])).orderBy(asc(inspections.objectKey), asc(inspections.id));
}
export type InspectionFacts = Awaited<ReturnType<typeof inspectionsOfTasks>>[number];

/** The draws' assignments and every replacement, to know each inspection's current team. */
export async function teamsOfDraws(db: Db, drawIds: readonly string[]) {
  if (drawIds.length === 0) return { draws: [], replacements: [] };
  const [drawRows, replacements] = await Promise.all([
    db.select({ id: draws.id, output: draws.output }).from(draws).where(inArray(draws.id, [...drawIds])),
    db.select().from(drawReplacements).where(inArray(drawReplacements.drawId, [...drawIds])).orderBy(asc(drawReplacements.drawId), asc(drawReplacements.seq)),
  ]);
  return { draws: drawRows, replacements };
}

export async function resultVersionsOf(db: Db, inspectionIds: readonly string[]) {
  if (inspectionIds.length === 0) return [];
  return db.select({
    inspectionId: inspectionResults.inspectionId, version: inspectionResults.version, codes: inspectionResults.codes,
    findings: inspectionResults.findings, startedOn: inspectionResults.startedOn, endedOn: inspectionResults.endedOn,
    deadline: inspectionResults.deadline, publishedOn: inspectionResults.publishedOn,
  }).from(inspectionResults).where(inArray(inspectionResults.inspectionId, [...inspectionIds])).orderBy(asc(inspectionResults.inspectionId), asc(inspectionResults.version));
}

/** The first 提交 of each inspection as a China civil date: when the result was entered. */
export async function firstSubmittedOn(db: Db, inspectionIds: readonly string[]): Promise<Map<string, string>> {
  if (inspectionIds.length === 0) return new Map();
  const rows = await db.select({
    inspectionId: inspectionReviews.inspectionId,
    on: sql<string>`to_char(min(${inspectionReviews.at}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
  }).from(inspectionReviews)
    .where(and(inArray(inspectionReviews.inspectionId, [...inspectionIds]), eq(inspectionReviews.action, 'submitted')))
    .groupBy(inspectionReviews.inspectionId);
  return new Map(rows.map((r) => [r.inspectionId, r.on]));
}

export async function signaturesOf(db: Db, inspectionIds: readonly string[]) {
  if (inspectionIds.length === 0) return [];
  return db.select({ inspectionId: inspectionSignatures.inspectionId, signer: inspectionSignatures.signer, officerKey: inspectionSignatures.officerKey })
    .from(inspectionSignatures).where(inArray(inspectionSignatures.inspectionId, [...inspectionIds]));
}

export async function evidenceCounts(db: Db, inspectionIds: readonly string[]): Promise<Map<string, number>> {
  if (inspectionIds.length === 0) return new Map();
  const rows = await db.select({ inspectionId: evidenceFiles.inspectionId, n: count() })
    .from(evidenceFiles).where(inArray(evidenceFiles.inspectionId, [...inspectionIds])).groupBy(evidenceFiles.inspectionId);
  return new Map(rows.map((r) => [r.inspectionId, Number(r.n)]));
}

/** Follow-ups of the inspections: only their status is read (the follow-up module owns the rest). */
export async function followUpsOf(db: Db, inspectionIds: readonly string[]) {
  if (inspectionIds.length === 0) return [];
  return db.select({
    id: followUps.id, inspectionId: followUps.inspectionId, status: followUps.status,
    createdOn: sql<string>`to_char(${followUps.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
  }).from(followUps).where(inArray(followUps.inspectionId, [...inspectionIds]));
}

export async function entitiesOfKeys(db: Db, keys: readonly string[]): Promise<Map<string, { name: string; riskClass: string }>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select({ key: entities.key, name: entities.name, riskClass: entities.riskClass }).from(entities).where(inArray(entities.key, [...keys]));
  return new Map(rows.map((r) => [r.key, { name: r.name, riskClass: r.riskClass }]));
}

export async function officerNames(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select({ key: officers.key, name: officers.name }).from(officers).where(inArray(officers.key, [...keys]));
  return new Map(rows.map((r) => [r.key, r.name]));
}

/** The latest review of each flag reviewed in the year. */
export async function latestReviews(db: Db, year: number): Promise<Map<string, { note: string; reviewerName: string; reviewedAt: Date }>> {
  const rows = await db.select().from(anomalyReviews).where(eq(anomalyReviews.year, year)).orderBy(desc(anomalyReviews.reviewedAt));
  const out = new Map<string, { note: string; reviewerName: string; reviewedAt: Date }>();
  for (const r of rows) if (!out.has(r.flagId)) out.set(r.flagId, { note: r.note, reviewerName: r.reviewerName, reviewedAt: r.reviewedAt });
  return out;
}

export async function insertReview(db: Db, values: typeof anomalyReviews.$inferInsert): Promise<void> {
  await db.insert(anomalyReviews).values(values);
}

// ——— Periodic reports (信息报送): the same facts selected by date instead of by task year ———

/** Tasks whose period starts in [from, to]. */
export async function tasksStartedBetween(db: Db, from: string, to: string) {
  return db.select({ id: tasks.id, organizerDepartmentId: tasks.organizerDepartmentId, participatingDepartmentIds: tasks.participatingDepartmentIds })
    .from(tasks).where(and(gte(tasks.periodFrom, from), sql`${tasks.periodFrom} <= ${to}`));
}

/** Results first published in [from, to] (version 1), with the organizer and the latest codes. */
export async function resultsPublishedBetween(db: Db, from: string, to: string) {
  return db.select({
    inspectionId: inspectionResults.inspectionId, objectKey: inspectionResults.objectKey,
    deadline: inspectionResults.deadline, publishedOn: inspectionResults.publishedOn,
    departmentId: tasks.organizerDepartmentId,
    latestCodes: sql<string[]>`(select r2.codes from ${inspectionResults} r2 where r2.inspection_id = ${inspectionResults.inspectionId} order by r2.version desc limit 1)`,
  }).from(inspectionResults)
    .innerJoin(inspections, eq(inspections.id, inspectionResults.inspectionId))
    .innerJoin(tasks, eq(tasks.id, inspections.taskId))
    .where(and(eq(inspectionResults.version, 1), gte(inspectionResults.publishedOn, from), sql`${inspectionResults.publishedOn} <= ${to}`));
}

/** Follow-ups opened in [from, to] (China dates), with the organizer of their task. */
export async function followUpsOpenedBetween(db: Db, from: string, to: string) {
  const createdOn = sql`(${followUps.createdAt} at time zone 'Asia/Shanghai')::date`;
  return db.select({ id: followUps.id, departmentId: tasks.organizerDepartmentId })
    .from(followUps)
    .innerJoin(inspections, eq(inspections.id, followUps.inspectionId))
    .innerJoin(tasks, eq(tasks.id, inspections.taskId))
    .where(and(sql`${createdOn} >= ${from}::date`, sql`${createdOn} <= ${to}::date`));
}

export async function callbacksBetween(db: Db, from: string, to: string) {
  return db.select({
    announcedInAdvance: callbacks.announcedInAdvance, certificatesShown: callbacks.certificatesShown,
    improperRequests: callbacks.improperRequests, satisfaction: callbacks.satisfaction,
  }).from(callbacks).where(and(gte(callbacks.calledOn, from), sql`${callbacks.calledOn} <= ${to}`));
}
