import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments, settings } from '../../db/schema.ts';
import { entities, guidelineVersions, items } from '../../db/schema-directory.ts';

/** Reads of other areas' tables that plans, tasks and draws need (only repositories touch Drizzle). */

export interface ItemRef {
  id: string;
  code: string;
  name: string;
  category: string;
  status: string;
  legalBasis: string;
  claimedByDepartmentId: string | null;
}

export async function itemsByIds(db: Db, ids: readonly string[]): Promise<ItemRef[]> {
  if (ids.length === 0) return [];
  return db.select({
    id: items.id, code: items.code, name: items.name, category: items.category, status: items.status,
    legalBasis: items.legalBasis, claimedByDepartmentId: items.claimedByDepartmentId,
  }).from(items).where(inArray(items.id, [...ids]));
}

export async function departmentsByIds(db: Db, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, [...ids]));
}

export async function countEntitiesWhere(db: Db, condition: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(entities).where(and(eq(entities.status, 'active'), condition));
  return row?.n ?? 0;
}

export async function readSetting(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

/** A positive integer setting, or the default when unset or not a positive integer. */
export async function intSetting(db: Db, key: string, fallback: number): Promise<number> {
  const value = await readSetting(db, key);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

export async function latestGuidelines(db: Db, itemIds: readonly string[]): Promise<Map<string, { version: number; checkpoints: { code: string; text: string }[] }>> {
  const out = new Map<string, { version: number; checkpoints: { code: string; text: string }[] }>();
  if (itemIds.length === 0) return out;
  const rows = await db.select({ itemId: guidelineVersions.itemId, version: guidelineVersions.version, checkpoints: guidelineVersions.checkpoints })
    .from(guidelineVersions).where(inArray(guidelineVersions.itemId, [...itemIds])).orderBy(desc(guidelineVersions.version));
  for (const row of rows) if (!out.has(row.itemId)) out.set(row.itemId, { version: row.version, checkpoints: row.checkpoints });
  return out;
}

export async function entityByKey(db: Db, key: string) {
  const [row] = await db.select({
    key: entities.key, name: entities.name, kind: entities.kind, address: entities.address,
    legalRepresentative: entities.legalRepresentative, riskClass: entities.riskClass,
  }).from(entities).where(eq(entities.key, key));
  return row;
}

export async function entityNamesByKeys(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  // One array parameter: a draw may select more objects than PostgreSQL takes parameters.
  const rows = await db.select({ key: entities.key, name: entities.name }).from(entities).where(sql`${entities.key} = any(${sql.param([...keys])}::text[])`);
  return new Map(rows.map((r) => [r.key, r.name]));
}

/** Every claimed, in-use item with its claiming department (the 一业一查 template picks from them). */
export async function claimedActiveItems(db: Db) {
  const rows = await db.select({
    id: items.id, code: items.code, name: items.name, category: items.category, groupName: items.groupName, objectType: items.objectType,
    industries: items.industries, status: items.status, departmentId: departments.id, departmentName: departments.name,
  }).from(items).innerJoin(departments, eq(departments.id, items.claimedByDepartmentId)).where(eq(items.status, 'active'));
  return rows.map(({ departmentId, departmentName, ...item }) => ({ ...item, claimedBy: { id: departmentId, name: departmentName } }));
}
