import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { users } from '../../db/schema.ts';
import { guidelineVersions, items } from '../../db/schema-directory.ts';
import { escapeLike } from '../items/items.repository.ts';

export interface GuidelineVersionRow {
  id: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  version: number;
  content: string;
  method: string;
  basis: string;
  checkpoints: { code: string; text: string }[];
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  createdAt: Date;
  latestVersion: number;
}

const latestVersion = sql<number>`(select max(g2.version) from ${guidelineVersions} g2 where g2.item_id = ${guidelineVersions.itemId})`.mapWith(Number);

function selectVersions(db: Db) {
  return db.select({
    id: guidelineVersions.id, itemId: guidelineVersions.itemId, itemCode: items.code, itemName: items.name,
    version: guidelineVersions.version, content: guidelineVersions.content, method: guidelineVersions.method,
    basis: guidelineVersions.basis, checkpoints: guidelineVersions.checkpoints, reason: guidelineVersions.reason,
    changedBy: guidelineVersions.changedBy, changedByName: users.displayName, createdAt: guidelineVersions.createdAt,
    latestVersion,
  }).from(guidelineVersions)
    .innerJoin(items, eq(items.id, guidelineVersions.itemId))
    .leftJoin(users, eq(users.id, guidelineVersions.changedBy));
}

export async function findCurrentGuideline(db: Db, itemId: string): Promise<GuidelineVersionRow | undefined> {
  const [row] = await selectVersions(db).where(eq(guidelineVersions.itemId, itemId)).orderBy(desc(guidelineVersions.version)).limit(1);
  return row;
}

export async function findGuidelineVersionById(db: Db, id: string): Promise<GuidelineVersionRow | undefined> {
  const [row] = await selectVersions(db).where(eq(guidelineVersions.id, id));
  return row;
}

export function listGuidelineVersions(db: Db, itemId: string): Promise<GuidelineVersionRow[]> {
  return selectVersions(db).where(eq(guidelineVersions.itemId, itemId)).orderBy(desc(guidelineVersions.version));
}

export async function insertGuidelineVersion(db: Db, values: typeof guidelineVersions.$inferInsert): Promise<string> {
  const [row] = await db.insert(guidelineVersions).values(values).returning({ id: guidelineVersions.id });
  if (!row) throw new Error('insert into guideline_versions returned no row');
  return row.id;
}

export interface GuidelineSummaryRow {
  itemId: string;
  itemCode: string;
  itemName: string;
  groupName: string;
  category: string;
  itemStatus: string;
  guidelineVersionId: string | null;
  version: number | null;
  checkpointCount: number;
  updatedAt: Date | null;
}

export async function listGuidelineSummaries(
  db: Db, filter: { q?: string | undefined; has?: 'with' | 'without' | undefined }, page: { page: number; pageSize: number },
): Promise<{ items: GuidelineSummaryRow[]; total: number }> {
  const current = db.selectDistinctOn([guidelineVersions.itemId], {
    itemId: guidelineVersions.itemId, id: guidelineVersions.id, version: guidelineVersions.version,
    checkpoints: guidelineVersions.checkpoints, createdAt: guidelineVersions.createdAt,
  }).from(guidelineVersions).orderBy(guidelineVersions.itemId, desc(guidelineVersions.version)).as('current_guideline');
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const match = or(ilike(items.code, pattern), ilike(items.name, pattern), ilike(items.groupName, pattern));
    if (match) conditions.push(match);
  }
  if (filter.has === 'with') conditions.push(sql`${current.id} is not null`);
  if (filter.has === 'without') conditions.push(sql`${current.id} is null`);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const rows = await db.select({
    itemId: items.id, itemCode: items.code, itemName: items.name, groupName: items.groupName, category: items.category,
    itemStatus: items.status, guidelineVersionId: current.id, version: current.version,
    checkpointCount: sql<number>`coalesce(jsonb_array_length(${current.checkpoints}), 0)`.mapWith(Number),
    updatedAt: current.createdAt,
  }).from(items).leftJoin(current, eq(current.itemId, items.id)).where(where).orderBy(asc(items.code))
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const [totalRow] = await db.select({ n: count() }).from(items).leftJoin(current, eq(current.itemId, items.id)).where(where);
  return { items: rows, total: Number(totalRow?.n ?? 0) };
}
