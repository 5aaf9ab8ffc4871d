import type { z } from 'zod';
import type { publicHomeSchema } from '../../../contracts/public.ts';
import type { ServiceContext } from '../../http/context.ts';
import { ok, type Result } from '../../http/failures.ts';
import { findRootDepartment, listDepartments } from '../organizations/organizations.repository.ts';

/** The portal's home page. Counts of items, plans, tasks and results come with those areas. */
export async function publicHome(ctx: ServiceContext): Promise<Result<z.infer<typeof publicHomeSchema>>> {
  const root = await findRootDepartment(ctx.db);
  const departments = root ? (await listDepartments(ctx.db)).filter((d) => d.parentId === root.id) : [];
  return ok({
    bureauName: root?.name ?? '',
    regionCode: root?.regionCode ?? '',
    departments: departments.map((d) => ({ name: d.name })),
    counts: { items: 0, plans: 0, tasks: 0, results: 0 },
  });
}
