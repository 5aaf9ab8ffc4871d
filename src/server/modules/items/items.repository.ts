import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database.ts';
import { departments, users } from '../../db/schema.ts';
import { guidelineVersions, items, itemVersions } from '../../db/schema-directory.ts';

export type ItemRecord = typeof items.$inferSelect;
export interface ItemRow extends ItemRecord {
  responsibleDepartmentName: string | null;
  claimedByDepartmentName: string | null;
  currentGuidelineVersionId: string | null;
}

const responsible = alias(departments, 'responsible_department');
const claimer = alias(departments, 'claimer_department');

const currentGuideline = sql<string | null>`(
  select gv.id from ${guidelineVersions} gv where gv.item_id = ${items.id} order by gv.version desc limit 1
)`;

function selectItems(db: Db) {
  return db.select({
    item: items,
    responsibleDepartmentName: responsible.name,
    claimedByDepartmentName: claimer.name,
    currentGuidelineVersionId: currentGuideline,
  }).from(items)
    .leftJoin(responsible, eq(responsible.id, items.responsibleDepartmentId))
    .leftJoin(claimer, eq(claimer.id, items.claimedByDepartmentId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectItems>['execute']>>[number];

function toRow(r: Selected): ItemRow {
  return {
    ...r.item,
    responsibleDepartmentName: r.responsibleDepartmentName,
    claimedByDepartmentName: r.claimedByDepartmentName,
    currentGuidelineVersionId: r.currentGuidelineVersionId,
  };
}

export async function findItemById(db: Db, id: string): Promise<ItemRow | undefined> {
  const [row] = await selectItems(db).where(eq(items.id, id));
  return row ? toRow(row) : undefined;
}

export async function findItemByCode(db: Db, code: string): Promise<ItemRow | undefined> {
  const [row] = await selectItems(db).where(eq(items.code, code));
  return row ? toRow(row) : undefined;
}

export async function findItemRecordsByCodes(db: Db, codes: readonly string[]): Promise<ItemRecord[]> {
  if (codes.length === 0) return [];
  return db.select().from(items).where(sql`${items.code} in (select unnest(${sql.param([...codes])}::text[]))`);
}

export interface ItemFilter {
  q?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  claimed?: 'claimed' | 'unclaimed' | undefined;
  departmentId?: string | undefined;
  level?: string | undefined;
  /** Public list: active and claimed only. */
  publicOnly?: boolean;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(filter: ItemFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const match = or(ilike(items.code, pattern), ilike(items.name, pattern), ilike(items.groupName, pattern));
    if (match) conditions.push(match);
  }
  if (filter.category) conditions.push(eq(items.category, filter.category));
  if (filter.status) conditions.push(eq(items.status, filter.status));
  if (filter.claimed === 'claimed') conditions.push(isNotNull(items.claimedByDepartmentId));
  if (filter.claimed === 'unclaimed') conditions.push(isNull(items.claimedByDepartmentId));
  if (filter.departmentId) {
    const dept = or(eq(items.responsibleDepartmentId, filter.departmentId), eq(items.claimedByDepartmentId, filter.departmentId));
    if (dept) conditions.push(dept);
  }
  if (filter.level) conditions.push(eq(items.supervisionLevel, filter.level));
  if (filter.publicOnly) {
    conditions.push(eq(items.status, 'active'));
    conditions.push(isNotNull(items.claimedByDepartmentId));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listItems(db: Db, filter: ItemFilter, page: { page: number; pageSize: number }): Promise<{ items: ItemRow[]; total: number }> {
  const where = whereOf(filter);
  const rows = await selectItems(db).where(where).orderBy(asc(items.code))
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [totalRow] = await db.select({ n: count() }).from(items).where(where);
  return { items: rows.map(toRow), total: Number(totalRow?.n ?? 0) };
}

/** Every matching item, in code order (exports). */
export async function listAllItems(db: Db, filter: ItemFilter): Promise<ItemRow[]> {
  const rows = await selectItems(db).where(whereOf(filter)).orderBy(asc(items.code));
  return rows.map(toRow);
}

export async function insertItem(db: Db, values: typeof items.$inferInsert): Promise<ItemRecord> {
  const [row] = await db.insert(items).values(values).returning();
  if (!row) throw new Error('insert into items returned no row');
  return row;
}

export async function updateItem(db: Db, id: string, values: Partial<typeof items.$inferInsert>): Promise<ItemRecord> {
  const [row] = await db.update(items).set(values).where(eq(items.id, id)).returning();
  if (!row) throw new Error('update of items returned no row');
  return row;
}

export async function insertItemVersion(db: Db, values: typeof itemVersions.$inferInsert): Promise<void> {
  await db.insert(itemVersions).values(values);
}

export interface ItemVersionRow {
  version: number;
  snapshot: Record<string, unknown>;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: Date;
}

const versionColumns = {
  version: itemVersions.version, snapshot: itemVersions.snapshot, reason: itemVersions.reason,
  changedBy: itemVersions.changedBy, changedByName: users.displayName, changedAt: itemVersions.changedAt,
};

export async function listItemVersions(db: Db, itemId: string): Promise<ItemVersionRow[]> {
  return db.select(versionColumns).from(itemVersions).leftJoin(users, eq(users.id, itemVersions.changedBy))
    .where(eq(itemVersions.itemId, itemId)).orderBy(desc(itemVersions.version));
}

export async function findItemVersion(db: Db, itemId: string, version: number): Promise<ItemVersionRow | undefined> {
  const [row] = await db.select(versionColumns).from(itemVersions).leftJoin(users, eq(users.id, itemVersions.changedBy))
    .where(and(eq(itemVersions.itemId, itemId), eq(itemVersions.version, version)));
  return row;
}
