import { countDistinct } from 'drizzle-orm';
import type { z } from 'zod';
import type { publicHomeSchema } from '../../../contracts/public.ts';
import { inspectionResults } from '../../db/schema-inspections.ts';
import type { ServiceContext } from '../../http/context.ts';
import { ok, type Result } from '../../http/failures.ts';
import { listPublicItems } from '../items/items.service.ts';
import { findRootDepartment, listDepartments } from '../organizations/organizations.repository.ts';
import { publicPlans } from '../plans/plans.service.ts';
import { publicTasks } from '../tasks/tasks.service.ts';

/**
 * The portal's home page. The counts are what the public listings themselves show (the same
 * service functions), so the home page can never promise more or less than the pages hold.
 */
export async function publicHome(ctx: ServiceContext): Promise<Result<z.infer<typeof publicHomeSchema>>> {
  const root = await findRootDepartment(ctx.db);
  const departments = root ? (await listDepartments(ctx.db)).filter((d) => d.parentId === root.id) : [];
  const [items, plans, tasks, [results]] = await Promise.all([
    listPublicItems(ctx, { page: 1, pageSize: 1 }),
    publicPlans(ctx, undefined),
    publicTasks(ctx, { page: 1, pageSize: 1 }),
    ctx.db.select({ n: countDistinct(inspectionResults.inspectionId) }).from(inspectionResults),
  ]);
  return ok({
    bureauName: root?.name ?? '',
    regionCode: root?.regionCode ?? '',
    departments: departments.map((d) => ({ name: d.name })),
    counts: {
      items: items.ok ? items.value.total : 0,
      // A plan counts once, whatever the number of its published versions (revisions).
      plans: plans.ok ? new Set(plans.value.items.map((p) => `${p.department}|${p.year}`)).size : 0,
      tasks: tasks.ok ? tasks.value.total : 0,
      results: Number(results?.n ?? 0),
    },
  });
}
