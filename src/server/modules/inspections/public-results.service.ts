import type { PublicResult } from '../../../contracts/inspections.ts';
import type { ServiceContext } from '../../http/context.ts';
import { fail, ok, type Result } from '../../http/failures.ts';
import { resultFollowUpStatus } from '../followups/followups.closed-loop.ts';
import { isTargeted } from '../tasks/scope-sql.ts';
import { publishedEntityKeysMatching } from './inspections.repository.ts';
import { cachedPublicAnswer, type CachedPublicAnswer } from './public-results.cache.ts';
import { presentPublicResult } from './public-results.presenter.ts';
import { publishedResultRows, publishedResultRowsOf, type PublishedResultRow } from './public-results.repository.ts';

/** Each published result of the rows (one query, public-results.repository.ts), current version with its history, through the public presenter. */
function presentRows(rows: readonly PublishedResultRow[]): PublicResult[] {
  const out: PublicResult[] = [];
  for (const row of rows) {
    // An object without a published result has one row of nulls (left joins).
    if (row.inspectionId === null || row.versions === null || row.taskCode === null || row.taskName === null || row.taskScope === null) continue;
    const presented = presentPublicResult({
      entity: { key: row.objectKey, name: row.entityName, uscc: row.entityUscc },
      plan: row.plan,
      task: { code: row.taskCode, name: row.taskName, targeted: isTargeted(row.taskScope) },
      inspectingBody: row.inspectingBody,
      versions: row.versions,
      followUpStatus: row.followUpStatuses === null ? null : resultFollowUpStatus(row.followUpStatuses),
    });
    if (presented) out.push(presented);
  }
  return out;
}

export async function searchPublicResults(ctx: ServiceContext, query: { q: string; page: number; pageSize: number }) {
  const keys = await publishedEntityKeysMatching(ctx.db, query.q);
  const all = presentRows(await publishedResultRows(ctx.db, keys));
  const items = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  return ok({ items, total: all.length, page: query.page, pageSize: query.pageSize });
}

/** The portal's page of one object: from the in-process cache (public-results.cache.ts), else one query. */
export async function publicEntityResults(ctx: ServiceContext, key: string): Promise<Result<CachedPublicAnswer>> {
  const cached = await cachedPublicAnswer(ctx, key, async () => {
    const rows = await publishedResultRowsOf(ctx.db, key);
    const [first] = rows;
    if (!first) return null;
    return { entity: { key: first.objectKey, name: first.entityName, uscc: first.entityUscc }, results: presentRows(rows) };
  });
  if (!cached) return fail('not_found', `检查对象 ${key} 不存在`);
  return ok(cached);
}
