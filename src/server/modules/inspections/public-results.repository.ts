import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { departments } from '../../db/schema.ts';
import { entities } from '../../db/schema-directory.ts';
import { followUps, inspectionResults, inspections, type ItemResultJson } from '../../db/schema-inspections.ts';
import { planVersions, plans, tasks } from '../../db/schema-plans.ts';
import { pgArrayLiteral } from '../entities/entities.repository.ts';

type Version = { version: number; codes: string[]; itemResults: ItemResultJson[]; remarks: string; endedOn: string; publishedOn: string; reason: string | null };

/**
 * Objects with every published result of theirs, one row per result, in ONE query (the
 * portal's hot path): the entity, its published inspections and their tasks joined; the
 * versions, follow-up statuses, department names and the plan's latest published title
 * aggregated per row as JSON (so that PGlite and node-postgres return the same shapes). An
 * object without a published result gives one row with a null inspectionId; an unknown key
 * gives no row.
 */
function publishedResultsSelect(db: Db) {
  return db.select({
    objectKey: entities.key, entityName: entities.name, entityUscc: entities.uscc, inspectionId: inspections.id,
    taskCode: tasks.code, taskName: tasks.name, taskScope: tasks.scope,
    /** 检查机关: the organiser first, then the other departments of a joint task, joined with 、. */
    inspectingBody: sql<string>`coalesce((
      select string_agg(d.name, '、' order by b.ord)
      from unnest(array[${tasks.organizerDepartmentId}]
        || array(select p from unnest(${tasks.participatingDepartmentIds}) p where p <> ${tasks.organizerDepartmentId})) with ordinality b(id, ord)
      join ${departments} d on d.id = b.id where d.name <> ''), '')`,
    /** The title of the plan's latest published version, and its year. */
    plan: sql<{ title: string; year: number } | null>`(
      select json_build_object('title', pv.title, 'year', pl.year) from ${planVersions} pv join ${plans} pl on pl.id = pv.plan_id
      where pv.plan_id = ${tasks.planId} and pv.status in ('published', 'superseded') order by pv.version desc limit 1)`,
    versions: sql<Version[] | null>`(
      select json_agg(json_build_object('version', r.version, 'codes', r.codes, 'itemResults', r.item_results, 'remarks', r.remarks,
        'endedOn', r.ended_on, 'publishedOn', r.published_on, 'reason', r.reason) order by r.version)
      from ${inspectionResults} r where r.inspection_id = ${inspections.id})`,
    /** Statuses of the result's follow-ups, oldest first (none: null). */
    followUpStatuses: sql<string[] | null>`(select json_agg(f.status order by f.created_at, f.id) from ${followUps} f where f.inspection_id = ${inspections.id})`,
  }).from(entities)
    .leftJoin(inspections, and(eq(inspections.objectKey, entities.key), gt(inspections.publishedVersion, 0)))
    .leftJoin(tasks, eq(tasks.id, inspections.taskId));
}

/** For the search: the objects it found, by key then first publication (joined through unnest, which keeps a good plan for long lists — DESIGN.md). */
export async function publishedResultRows(db: Db, objectKeys: readonly string[]) {
  if (objectKeys.length === 0) return [];
  return publishedResultsSelect(db)
    .where(sql`${entities.key} in (select unnest(${pgArrayLiteral(objectKeys)}::text[]))`)
    .orderBy(asc(entities.key), asc(inspections.firstPublishedAt));
}

export type PublishedResultRow = Awaited<ReturnType<typeof publishedResultRows>>[number];

function prepareByKey(db: Db) {
  return publishedResultsSelect(db).where(eq(entities.key, sql.placeholder('key'))).orderBy(asc(inspections.firstPublishedAt))
    .prepare('public_results_by_key');
}
const byKeyStatements = new WeakMap<Db, ReturnType<typeof prepareByKey>>();

/**
 * For the page of one object, by first publication: a named prepared statement (one per
 * database), planned once per connection instead of on every cache miss — planning is most
 * of this query's cost on PostgreSQL.
 */
export function publishedResultRowsOf(db: Db, objectKey: string): Promise<PublishedResultRow[]> {
  let statement = byKeyStatements.get(db);
  if (!statement) {
    statement = prepareByKey(db);
    byKeyStatements.set(db, statement);
  }
  return statement.execute({ key: objectKey });
}
