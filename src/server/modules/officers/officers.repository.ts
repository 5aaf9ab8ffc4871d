import { and, arrayContains, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments, users } from '../../db/schema.ts';
import { entities, officerConflicts, officers } from '../../db/schema-directory.ts';
import { escapeLike } from '../items/items.repository.ts';
import type { OfficerScope } from './officers.policy.ts';

export type OfficerRecord = typeof officers.$inferSelect;
export interface OfficerRow extends OfficerRecord {
  departmentName: string;
  userDisplayName: string | null;
  activeConflictCount: number;
}

function selectOfficers(db: Db, date: string) {
  const activeConflicts = sql<number>`(
    select count(*) from ${officerConflicts} oc
    where oc.officer_id = ${officers.id} and oc.valid_from <= ${date}::date and (oc.valid_to is null or oc.valid_to >= ${date}::date)
  )`.mapWith(Number);
  return db.select({ officer: officers, departmentName: departments.name, userDisplayName: users.displayName, activeConflictCount: activeConflicts })
    .from(officers)
    .innerJoin(departments, eq(departments.id, officers.departmentId))
    .leftJoin(users, eq(users.id, officers.userId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectOfficers>['execute']>>[number];

function toRow(r: Selected): OfficerRow {
  return { ...r.officer, departmentName: r.departmentName, userDisplayName: r.userDisplayName, activeConflictCount: r.activeConflictCount };
}

export interface OfficerFilter {
  q?: string | undefined;
  departmentId?: string | undefined;
  tag?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
}

function whereOf(filter: OfficerFilter, scope: OfficerScope): SQL | undefined {
  const conditions: SQL[] = [];
  if (scope.kind === 'department') conditions.push(scope.departmentId === null ? sql`false` : eq(officers.departmentId, scope.departmentId));
  if (scope.kind === 'own') conditions.push(eq(officers.userId, scope.userId));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const match = or(ilike(officers.name, pattern), ilike(officers.key, pattern), ilike(officers.certificateNo, pattern), ilike(officers.title, pattern));
    if (match) conditions.push(match);
  }
  if (filter.departmentId) conditions.push(eq(officers.departmentId, filter.departmentId));
  if (filter.tag) conditions.push(arrayContains(officers.tags, [filter.tag]));
  if (filter.status) conditions.push(eq(officers.status, filter.status));
  if (filter.category) conditions.push(eq(officers.category, filter.category));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

const order = [asc(departments.sortOrder), asc(departments.code), asc(officers.category), asc(officers.key)];

export async function listOfficers(
  db: Db, filter: OfficerFilter, scope: OfficerScope, date: string, page: { page: number; pageSize: number },
): Promise<{ items: OfficerRow[]; total: number }> {
  const where = whereOf(filter, scope);
  const rows = await selectOfficers(db, date).where(where).orderBy(...order).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [totalRow] = await db.select({ n: count() }).from(officers).where(where);
  return { items: rows.map(toRow), total: Number(totalRow?.n ?? 0) };
}

/** Every matching officer (exports, and lists filtered by eligibility, which is computed in the domain). */
export async function listAllOfficers(db: Db, filter: OfficerFilter, scope: OfficerScope, date: string): Promise<OfficerRow[]> {
  const rows = await selectOfficers(db, date).where(whereOf(filter, scope)).orderBy(...order);
  return rows.map(toRow);
}

export async function findOfficerById(db: Db, id: string, date: string): Promise<OfficerRow | undefined> {
  const [row] = await selectOfficers(db, date).where(eq(officers.id, id));
  return row ? toRow(row) : undefined;
}

export async function findOfficerRecordByKey(db: Db, key: string): Promise<OfficerRecord | undefined> {
  const [row] = await db.select().from(officers).where(eq(officers.key, key));
  return row;
}

export async function findOfficerRecordByCertificate(db: Db, certificateNo: string): Promise<OfficerRecord | undefined> {
  const [row] = await db.select().from(officers).where(eq(officers.certificateNo, certificateNo));
  return row;
}

export async function findOfficerRecordByUser(db: Db, userId: string): Promise<OfficerRecord | undefined> {
  const [row] = await db.select().from(officers).where(eq(officers.userId, userId));
  return row;
}

export async function findOfficerRecordsByKeys(db: Db, keys: readonly string[]): Promise<OfficerRecord[]> {
  if (keys.length === 0) return [];
  return db.select().from(officers).where(sql`${officers.key} in (select unnest(${sql.param([...keys])}::text[]))`);
}

export async function insertOfficer(db: Db, values: typeof officers.$inferInsert): Promise<OfficerRecord> {
  const [row] = await db.insert(officers).values(values).returning();
  if (!row) throw new Error('insert into officers returned no row');
  return row;
}

export async function updateOfficer(db: Db, id: string, values: Partial<typeof officers.$inferInsert>): Promise<void> {
  await db.update(officers).set(values).where(eq(officers.id, id));
}

export interface ConflictRow {
  id: string;
  officerId: string;
  entityId: string;
  entityKey: string;
  entityName: string;
  reason: string;
  validFrom: string;
  validTo: string | null;
  createdAt: Date;
}

function selectConflicts(db: Db) {
  return db.select({
    id: officerConflicts.id, officerId: officerConflicts.officerId, entityId: officerConflicts.entityId,
    entityKey: entities.key, entityName: entities.name, reason: officerConflicts.reason,
    validFrom: officerConflicts.validFrom, validTo: officerConflicts.validTo, createdAt: officerConflicts.createdAt,
  }).from(officerConflicts).innerJoin(entities, eq(entities.id, officerConflicts.entityId));
}

export function listConflicts(db: Db, officerId: string): Promise<ConflictRow[]> {
  return selectConflicts(db).where(eq(officerConflicts.officerId, officerId))
    .orderBy(desc(officerConflicts.validFrom), asc(entities.key));
}

export async function findConflict(db: Db, officerId: string, id: string): Promise<ConflictRow | undefined> {
  const [row] = await selectConflicts(db).where(and(eq(officerConflicts.officerId, officerId), eq(officerConflicts.id, id)));
  return row;
}

export async function insertConflict(db: Db, values: typeof officerConflicts.$inferInsert): Promise<string> {
  const [row] = await db.insert(officerConflicts).values(values).returning({ id: officerConflicts.id });
  if (!row) throw new Error('insert into officer_conflicts returned no row');
  return row.id;
}

export async function endConflict(db: Db, id: string, validTo: string): Promise<void> {
  await db.update(officerConflicts).set({ validTo }).where(eq(officerConflicts.id, id));
}

export async function findEntityByKey(db: Db, key: string): Promise<{ id: string; key: string; name: string } | undefined> {
  const [row] = await db.select({ id: entities.id, key: entities.key, name: entities.name }).from(entities)
    .where(or(eq(entities.key, key), eq(entities.uscc, key), eq(entities.registrationNumber, key))).limit(1);
  return row;
}

export async function findUserForLink(db: Db, id: string): Promise<{ id: string; departmentId: string | null } | undefined> {
  const [row] = await db.select({ id: users.id, departmentId: users.departmentId }).from(users).where(eq(users.id, id));
  return row;
}
