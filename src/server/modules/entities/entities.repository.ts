import { and, asc, desc, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { EntityFilter, EntitySort } from '../../../contracts/entities.ts';
import { rowsOf, type Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { entities, officerConflicts, officers, riskSnapshots } from '../../db/schema-directory.ts';

/**
 * Queries of the entity directory, written for the indexes of migrations 0002/0003/0006 so
 * that they stay fast at a million rows (see entities.explain.test.ts):
 *  - name prefix: `name COLLATE "C" LIKE 'p%'` → entities_name_order_idx (name "C", id),
 *    which also serves the default ORDER BY name, id;
 *  - exact key / USCC / 注册号 → their btree indexes (a BitmapOr with the prefix);
 *  - focus areas and tags: `@> ARRAY[...]` → GIN;
 *  - kind, industry, status → btree; risk class, region, claimed by, unclaimed → btree
 *    ending in (name "C", id), so that filter alone pages in index order.
 * Every value is a bound parameter; a query planned per execution (unnamed statements)
 * sees the actual prefix, as the LIKE-to-range rewrite needs.
 */

export type EntityRow = typeof entities.$inferSelect;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A PostgreSQL array literal of texts ('{"a","b"}'), cast by the caller: one parameter on both drivers. */
export function pgArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function textArray(values: readonly string[]): SQL {
  return sql`${pgArrayLiteral(values)}::text[]`;
}

function uuidArray(values: readonly string[]): SQL {
  return sql`${pgArrayLiteral(values)}::uuid[]`;
}

/** The WHERE clause of a filter (undefined: every row). `scopeDepartmentId` limits to one department's claimed rows. */
export function entityWhere(filter: EntityFilter, scopeDepartmentId?: string): SQL | undefined {
  const c: SQL[] = [];
  const q = filter.q?.trim();
  if (q) {
    const exact = [...new Set([q, q.toUpperCase()])];
    const alternatives: SQL[] = [
      sql`${entities.name} collate "C" like ${`${escapeLike(q)}%`}`,
      ...exact.map((value) => eq(entities.key, value)),
      eq(entities.registrationNumber, q),
    ];
    if (q.length === 18) alternatives.push(eq(entities.uscc, q.toUpperCase()));
    const any = or(...alternatives);
    if (any) c.push(any);
  }
  if (filter.kind) c.push(eq(entities.kind, filter.kind));
  if (filter.objectKind) c.push(eq(entities.objectKind, filter.objectKind));
  if (filter.industry) {
    c.push(eq(entities.industry, filter.industry));
    // The index is (kind, industry): naming both kinds lets btree search each one.
    if (!filter.kind) c.push(sql`${entities.kind} in ('subject', 'object')`);
  }
  if (filter.focusArea) c.push(sql`${entities.focusAreas} @> ${textArray([filter.focusArea])}`);
  if (filter.tag) c.push(sql`${entities.tags} @> ${textArray([filter.tag])}`);
  if (filter.riskClass) c.push(eq(entities.riskClass, filter.riskClass));
  if (filter.status) c.push(eq(entities.status, filter.status));
  if (filter.regionCode) c.push(eq(entities.regionCode, filter.regionCode));
  if (filter.claimed === 'yes') c.push(isNotNull(entities.claimedByDepartmentId));
  if (filter.claimed === 'no') c.push(isNull(entities.claimedByDepartmentId));
  if (filter.claimedBy) c.push(eq(entities.claimedByDepartmentId, filter.claimedBy));
  if (scopeDepartmentId !== undefined) c.push(eq(entities.claimedByDepartmentId, scopeDepartmentId));
  return c.length > 0 ? and(...c) : undefined;
}

const nameC = sql`${entities.name} collate "C"`;
/** The same order as nameC, in an expression no index offers: the planner filters first, then sorts. */
const nameCSorted = sql`(${entities.name} collate "C" || '')`;

/**
 * `indexOrder`: walk an index in the requested order and filter on the way (right when many
 * rows match: the first page comes after a few dozen). Otherwise find the matching rows
 * through the filters' indexes and sort them (right when few match — and safe when the
 * matches sit far down the name order, e.g. a county whose names all start alike).
 */
function orderOf(sort: EntitySort, indexOrder: boolean): SQL[] {
  const name = indexOrder ? nameC : nameCSorted;
  switch (sort) {
    case 'name': return [asc(name), asc(entities.id)];
    case '-name': return [desc(name), desc(entities.id)];
    case 'key': return indexOrder ? [asc(entities.key)] : [asc(sql`(${entities.key} || '')`)];
    case '-key': return indexOrder ? [desc(entities.key)] : [desc(sql`(${entities.key} || '')`)];
    case 'riskClass': return [asc(entities.riskClass), asc(name), asc(entities.id)];
    case '-riskClass': return [desc(entities.riskClass), asc(name), asc(entities.id)];
  }
}

/** Up to this many matching rows (by the planner's estimate) a page is found by filter, then sorted. */
export function sortThreshold(tableRows: number): number {
  return Math.max(1000, Math.min(25_000, Math.round(tableRows * 0.025)));
}

/**
 * How to fetch a page of a filter: one EXPLAIN (about a millisecond) gives the rows the
 * planner expects, which picks the page's plan (see orderOf) and how the total is made.
 * When few rows are expected, a second EXPLAIN asks whether an index yields the matches
 * already in name order (region, risk class, claimed by, unclaimed: indexes ending in
 * (name "C", id), migrations 0006/0009): then the page is that index's first entries, cheaper
 * than fetching every match to sort it. The question is asked for the name order (the
 * default, and the only one passed here); other sorts of such a filter then follow the
 * planner's own choice.
 */
export async function pagePlan(db: Db, where: SQL | undefined): Promise<{ estimate: number; indexOrder: boolean }> {
  const tableRows = await estimatedTableRows(db);
  if (!where) return { estimate: tableRows, indexOrder: true };
  const estimate = await estimateEntities(db, where);
  if (estimate > sortThreshold(tableRows)) return { estimate, indexOrder: true };
  return { estimate, indexOrder: await servedInNameOrder(db, where) };
}

interface PlanNode { 'Node Type'?: string; 'Plan Rows'?: number; Filter?: string; Plans?: PlanNode[] }

async function explainJson(db: Db, query: SQL): Promise<PlanNode | undefined> {
  const first = rowsOf<Record<string, unknown>>(await db.execute(sql`explain (format json) ${query}`))[0];
  const value = first ? Object.values(first)[0] : undefined;
  const plan = (typeof value === 'string' ? JSON.parse(value) : value) as { Plan?: PlanNode }[] | undefined;
  return plan?.[0]?.Plan;
}

/**
 * True when the planner's name-ordered page is a plain index scan reading only matching
 * rows (no Filter, no Sort under the Limit): its cost is the page, wherever the matches sit.
 * A walk of an index that filters on the way is what must be avoided (see orderOf).
 */
export async function servedInNameOrder(db: Db, where: SQL): Promise<boolean> {
  const top = await explainJson(db, sql`select 1 from ${entities} where ${where} order by ${nameC}, ${entities.id} limit 20`);
  const scan = top?.['Node Type'] === 'Limit' ? top.Plans?.[0] : undefined;
  return (scan?.['Node Type'] === 'Index Scan' || scan?.['Node Type'] === 'Index Only Scan') && scan.Filter === undefined;
}

/** The planner's row count of the table (pg_class.reltuples; -1 or 0 before the first ANALYZE). */
export async function estimatedTableRows(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number | string | null }>(await db.execute(sql`select reltuples as n from pg_class where oid = 'entities'::regclass`));
  return Math.max(0, Number(row?.n ?? 0));
}

/** One list page (a query builder: awaited by the service, EXPLAINed by tests and the benchmark). */
export function listEntitiesQuery(db: Db, where: SQL | undefined, sort: EntitySort, limit: number, offset: number, indexOrder = true) {
  return db.select().from(entities).where(where).orderBy(...orderOf(sort, indexOrder)).limit(limit).offset(offset);
}

export function listEntityRows(
  db: Db, where: SQL | undefined, sort: EntitySort, limit: number, offset: number, indexOrder = true,
): Promise<EntityRow[]> {
  return listEntitiesQuery(db, where, sort, limit, offset, indexOrder);
}

/** The exact count of a filter: run only when the planner expects few enough rows (see the service). */
export function countQuery(db: Db, where: SQL | undefined) {
  return db.select({ n: sql<string>`count(*)` }).from(entities).where(where);
}

export async function countEntities(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await countQuery(db, where);
  return Number(row?.n ?? 0);
}

/** The planner's estimate of the rows matching (from EXPLAIN), for totals past the cap. */
export async function estimateEntities(db: Db, where: SQL | undefined): Promise<number> {
  const plan = await explainJson(db, sql`select 1 from ${entities} ${where ? sql`where ${where}` : sql``}`);
  return Math.round(plan?.['Plan Rows'] ?? 0);
}

export async function findEntityById(db: Db, id: string): Promise<EntityRow | undefined> {
  const [row] = await db.select().from(entities).where(eq(entities.id, id));
  return row;
}

export async function findEntityByKey(db: Db, key: string): Promise<EntityRow | undefined> {
  const [row] = await db.select().from(entities).where(eq(entities.key, key));
  return row;
}

export function riskHistoryOf(db: Db, entityId: string) {
  return db.select({ effectiveFrom: riskSnapshots.effectiveFrom, riskClass: riskSnapshots.riskClass })
    .from(riskSnapshots).where(eq(riskSnapshots.entityId, entityId)).orderBy(desc(riskSnapshots.effectiveFrom));
}

export function objectsOwnedBy(db: Db, key: string, limit: number) {
  return db.select({ id: entities.id, key: entities.key, name: entities.name, objectKind: entities.objectKind })
    .from(entities).where(and(eq(entities.ownerKey, key), eq(entities.kind, 'object'))).orderBy(asc(entities.key)).limit(limit);
}

export function conflictsOf(db: Db, entityId: string) {
  return db.select({
    id: officerConflicts.id, officerId: officers.id, officerName: officers.name, officerKey: officers.key,
    departmentName: departments.name, reason: officerConflicts.reason,
    validFrom: officerConflicts.validFrom, validTo: officerConflicts.validTo,
  }).from(officerConflicts)
    .innerJoin(officers, eq(officers.id, officerConflicts.officerId))
    .leftJoin(departments, eq(departments.id, officers.departmentId))
    .where(eq(officerConflicts.entityId, entityId))
    .orderBy(desc(officerConflicts.validFrom));
}

export async function departmentNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function updateEntityRow(db: Db, id: string, values: Partial<typeof entities.$inferInsert>): Promise<void> {
  await db.update(entities).set(values).where(eq(entities.id, id));
}

/** The rows among `ids` (as id → claimed department), joined through unnest so a big list keeps a good plan. */
export async function claimStateOf(db: Db, ids: readonly string[]): Promise<{ id: string; name: string; claimedByDepartmentId: string | null }[]> {
  return db.select({ id: entities.id, name: entities.name, claimedByDepartmentId: entities.claimedByDepartmentId })
    .from(entities).where(sql`${entities.id} in (select unnest(${uuidArray(ids)}))`);
}

export async function claimRows(db: Db, ids: readonly string[], departmentId: string, at: Date): Promise<number> {
  const rows = await db.update(entities)
    .set({ claimedByDepartmentId: departmentId, claimedAt: at, updatedAt: at })
    .where(and(sql`${entities.id} in (select unnest(${uuidArray(ids)}))`, isNull(entities.claimedByDepartmentId)))
    .returning({ id: entities.id });
  return rows.length;
}

export function idsWhere(ids: readonly string[]): SQL {
  return sql`${entities.id} in (select unnest(${uuidArray(ids)}))`;
}

type ArrayColumn = typeof entities.tags | typeof entities.focusAreas;

export interface TagChange {
  addTags: readonly string[];
  removeTags: readonly string[];
  addFocusAreas: readonly string[];
  removeFocusAreas: readonly string[];
}

/** `column` with `add` appended (once, in order) and `remove` taken out. */
function edited(column: ArrayColumn, add: readonly string[], remove: readonly string[]): SQL {
  return sql`array(select v from unnest(${column} || ${textArray(add)}) with ordinality as u(v, n)
    where not (v = any(${textArray(remove)})) group by v order by min(n))`;
}

function changes(column: ArrayColumn, add: readonly string[], remove: readonly string[]): SQL | undefined {
  const c: SQL[] = [];
  if (add.length > 0) c.push(sql`not (${column} @> ${textArray(add)})`);
  if (remove.length > 0) c.push(sql`${column} && ${textArray(remove)}`);
  return c.length > 0 ? or(...c) : undefined;
}

/** Counts the rows selected, then edits those whose tags or focus areas change: one statement each. */
export async function bulkEditTags(db: Db, where: SQL | undefined, change: TagChange, at: Date): Promise<{ matched: number; updated: number }> {
  const [matchedRow] = await db.select({ n: sql<string>`count(*)` }).from(entities).where(where);
  const differs = or(
    changes(entities.tags, change.addTags, change.removeTags),
    changes(entities.focusAreas, change.addFocusAreas, change.removeFocusAreas),
  );
  const result = await db.execute(sql`update ${entities} set
    ${sql.identifier(entities.tags.name)} = ${edited(entities.tags, change.addTags, change.removeTags)},
    ${sql.identifier(entities.focusAreas.name)} = ${edited(entities.focusAreas, change.addFocusAreas, change.removeFocusAreas)},
    ${sql.identifier(entities.updatedAt.name)} = ${at.toISOString()}
    where ${and(where, differs) ?? sql`true`}`);
  const updated = (result as { rowCount?: number | null; affectedRows?: number }).rowCount
    ?? (result as { affectedRows?: number }).affectedRows ?? 0;
  return { matched: Number(matchedRow?.n ?? 0), updated };
}

/** One export batch: the rows after (name, id) in name order — a keyset range on entities_name_order_idx. */
export function exportBatchQuery(db: Db, where: SQL | undefined, after: { name: string; id: string } | null, limit: number) {
  const keyset: SQL | undefined = after
    ? sql`(${entities.name} collate "C", ${entities.id}) > (${after.name}, ${after.id}::uuid)`
    : undefined;
  return db.select().from(entities).where(and(where, keyset)).orderBy(asc(nameC), asc(entities.id)).limit(limit);
}

/** Rows for the export, in name order, a batch at a time (keyset on the name index). */
export async function* iterateEntities(db: Db, where: SQL | undefined, batchSize = 2000): AsyncGenerator<EntityRow[]> {
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const batch: EntityRow[] = await exportBatchQuery(db, where, after, batchSize);
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    const last: EntityRow | undefined = batch[batch.length - 1];
    if (!last) return;
    after = { name: last.name, id: last.id };
  }
}

export async function distinctFacets(db: Db): Promise<{ industries: string[]; focusAreas: string[]; tags: string[]; objectKinds: string[] }> {
  const list = async (query: SQL) => rowsOf<{ v: string | null }>(await db.execute(query)).map((r) => r.v).filter((v): v is string => !!v);
  return {
    industries: await list(sql`select distinct ${entities.industry} as v from ${entities} where ${entities.industry} is not null order by 1`),
    focusAreas: await list(sql`select distinct unnest(${entities.focusAreas}) as v from ${entities} order by 1`),
    tags: await list(sql`select distinct unnest(${entities.tags}) as v from ${entities} order by 1`),
    objectKinds: await list(sql`select distinct ${entities.objectKind} as v from ${entities} where ${entities.objectKind} is not null order by 1`),
  };
}

/** Inserts directory rows in batches; returns id by key. */
export async function insertEntities(db: Db, rows: readonly (typeof entities.$inferInsert)[], batchSize = 500): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += batchSize) {
    const inserted = await db.insert(entities).values(rows.slice(i, i + batchSize)).returning({ id: entities.id, key: entities.key });
    for (const r of inserted) ids.set(r.key, r.id);
  }
  return ids;
}

export async function insertRiskSnapshots(db: Db, rows: readonly (typeof riskSnapshots.$inferInsert)[], batchSize = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) await db.insert(riskSnapshots).values(rows.slice(i, i + batchSize));
}

/** Fresh planner statistics after a bulk load (PGlite has no autovacuum to gather them). */
export async function analyzeEntities(db: Db): Promise<void> {
  await db.execute(sql`analyze ${entities}`);
  await db.execute(sql`analyze ${riskSnapshots}`);
}
