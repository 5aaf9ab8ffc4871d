import type { PublicResult } from '../../../contracts/inspections.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { isTargeted } from '../tasks/scope-sql.ts';
import {
  departmentNames, entitiesByKeys, followUpsOf, publishedEntityKeysMatching, publishedPlanTitles, publishedRowsOf, resultVersionsOf,
} from './inspections.repository.ts';
import { presentPublicResult } from './public-results.presenter.ts';

/** Every published result of these objects, current version with its history, through the public presenter. */
async function publishedResultsOf(ctx: ServiceContext, keys: readonly string[]): Promise<PublicResult[]> {
  const rows = await publishedRowsOf(ctx.db, keys);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.inspectionId);
  const [versions, followUps, entityRows, departments, plans] = await Promise.all([
    resultVersionsOf(ctx.db, ids), followUpsOf(ctx.db, ids), entitiesByKeys(ctx.db, [...new Set(rows.map((r) => r.objectKey))]),
    departmentNames(ctx.db, [...new Set(rows.flatMap((r) => [r.organizerDepartmentId, ...r.participatingDepartmentIds]))]),
    publishedPlanTitles(ctx.db, [...new Set(rows.flatMap((r) => (r.planId ? [r.planId] : [])))]),
  ]);
  const entity = new Map(entityRows.map((e) => [e.key, e]));
  const follow = new Map(followUps.map((f) => [f.inspectionId, f.status]));
  const out: PublicResult[] = [];
  for (const row of rows) {
    const e = entity.get(row.objectKey);
    // The inspecting body (检查机关): the organiser first, then the other departments of a joint task.
    const bodies = [row.organizerDepartmentId, ...row.participatingDepartmentIds.filter((d) => d !== row.organizerDepartmentId)];
    const presented = presentPublicResult({
      entity: { key: row.objectKey, name: e?.name ?? '', uscc: e?.uscc ?? null },
      plan: row.planId ? plans.get(row.planId) ?? null : null,
      task: { code: row.taskCode, name: row.taskName, targeted: isTargeted(row.taskScope) },
      inspectingBody: bodies.map((d) => departments.get(d) ?? '').filter((n) => n !== '').join('、'),
      versions: versions.filter((v) => v.inspectionId === row.inspectionId),
      followUpStatus: follow.get(row.inspectionId) ?? null,
    });
    if (presented) out.push(presented);
  }
  return out;
}

export async function searchPublicResults(ctx: ServiceContext, query: { q: string; page: number; pageSize: number }) {
  const keys = await publishedEntityKeysMatching(ctx.db, query.q);
  const all = await publishedResultsOf(ctx, keys);
  const items = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  return ok({ items, total: all.length, page: query.page, pageSize: query.pageSize });
}

export async function publicEntityResults(ctx: ServiceContext, key: string): Promise<Result<{ entity: { key: string; name: string; uscc: string | null }; results: PublicResult[] }>> {
  const [entity] = await entitiesByKeys(ctx.db, [key]);
  if (!entity) return fail('not_found', `检查对象 ${key} 不存在`);
  return ok({ entity: { key: entity.key, name: entity.name, uscc: entity.uscc }, results: await publishedResultsOf(ctx, [key]) });
}
