import { z } from 'zod';
import { civilDateSchema, scopeFiltersSchema } from './tasks.ts';

/**
 * 年度抽查计划 (plans): one per department and year, edited as versions. Workflow
 * draft → submitted → approved (leader) → published (portal). A published version is never
 * changed: a revision (计划调整) is the next version, with a reason, approved and published again.
 */

export const planStatuses = ['draft', 'submitted', 'approved', 'published', 'superseded'] as const;
export const planStatusSchema = z.enum(planStatuses);
export type PlanStatus = z.infer<typeof planStatusSchema>;
export const planStatusLabels: Record<PlanStatus, string> = {
  draft: '编制中', submitted: '已报审', approved: '已批准', published: '已公开', superseded: '已被调整替代',
};

/** One planned inspection of the plan (a task summary): items, scope, ratio, period. */
export const planLineSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  itemIds: z.array(z.string().uuid()).min(1, '至少选择一个抽查事项').max(100),
  /** Other departments joining (联合抽查); the plan's own department always takes part. */
  departmentIds: z.array(z.string().uuid()).max(20).default([]),
  scope: scopeFiltersSchema.default({ industries: [], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] }),
  ratioBp: z.number().int().min(1).max(10_000),
  periodFrom: civilDateSchema,
  periodTo: civilDateSchema,
});
export type PlanLine = z.infer<typeof planLineSchema>;

export const createPlanBodySchema = z.strictObject({
  departmentId: z.string().uuid(),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(200),
  lines: z.array(planLineSchema).max(200).default([]),
});
export const updatePlanBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  lines: z.array(planLineSchema).max(200).optional(),
});
export const revisePlanBodySchema = z.strictObject({ reason: z.string().trim().min(2, '请填写计划调整原因').max(2000) });
export const planTransitionBodySchema = z.strictObject({ comment: z.string().trim().max(1000).optional() });

const lineView = z.object({
  name: z.string(),
  items: z.array(z.object({ id: z.string().uuid(), code: z.string(), name: z.string() })),
  departments: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  scope: scopeFiltersSchema,
  ratioBp: z.number().int(),
  periodFrom: z.string(),
  periodTo: z.string(),
});

export const planVersionSchema = z.object({
  version: z.number().int(),
  status: planStatusSchema,
  title: z.string(),
  reason: z.string().nullable(),
  lines: z.array(lineView),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
});
export type PlanVersion = z.infer<typeof planVersionSchema>;

export const publicationStatusSchema = z.object({
  kind: z.enum(['published_on_time', 'published_late', 'not_due', 'due_soon', 'overdue']),
  deadline: z.string(),
  publishedOn: z.string().optional(),
  daysLate: z.number().int().optional(),
  daysLeft: z.number().int().optional(),
  daysOverdue: z.number().int().optional(),
});

export const planSchema = z.object({
  id: z.string().uuid(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  year: z.number().int(),
  currentVersion: z.number().int(),
  current: planVersionSchema,
  /** The latest published version, if any (what the portal shows while a revision is being edited). */
  publishedVersion: z.number().int().nullable(),
  versions: z.array(z.object({ version: z.number().int(), status: planStatusSchema, reason: z.string().nullable(), publishedAt: z.string().nullable() })),
  publication: publicationStatusSchema,
  taskCount: z.number().int(),
});
export type Plan = z.infer<typeof planSchema>;

export const listPlansQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  departmentId: z.string().uuid().optional(),
});
export const planListSchema = z.object({ items: z.array(planSchema) });

export const planVersionParamsSchema = z.strictObject({ id: z.string().uuid(), version: z.coerce.number().int().min(1) });
export const planDiffQuerySchema = z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

export const planDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  reason: z.string().nullable(),
  titleChanged: z.object({ from: z.string(), to: z.string() }).nullable(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ name: z.string(), fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) })),
});
export type PlanDiff = z.infer<typeof planDiffSchema>;

const coverageView = z.object({
  planned: z.number().int(),
  directory: z.number().int(),
  ratioBp: z.number().int(),
  targetBp: z.number().int(),
  required: z.number().int(),
  meetsTarget: z.boolean(),
  shortfall: z.number().int(),
});

export const planCoverageSchema = z.object({
  planId: z.string().uuid(),
  version: z.number().int(),
  overall: coverageView,
  lines: z.array(z.object({ name: z.string(), inScope: z.number().int(), planned: z.number().int(), ratioBp: z.number().int() })),
});

export const plansOverviewQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const plansOverviewSchema = z.object({
  year: z.number().int(),
  targetBp: z.number().int(),
  overall: coverageView,
  departments: z.array(z.object({
    department: z.object({ id: z.string().uuid(), name: z.string() }),
    planId: z.string().uuid(),
    status: planStatusSchema,
    version: z.number().int(),
    coverage: coverageView,
    publication: publicationStatusSchema,
    lineCount: z.number().int(),
  })),
});

export const publicPlanSchema = z.object({
  id: z.string().uuid(),
  department: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  reason: z.string().nullable(),
  publishedAt: z.string(),
  superseded: z.boolean(),
  lines: z.array(z.object({
    name: z.string(),
    items: z.array(z.object({ code: z.string(), name: z.string() })),
    departments: z.array(z.string()),
    scope: scopeFiltersSchema,
    ratioBp: z.number().int(),
    periodFrom: z.string(),
    periodTo: z.string(),
  })),
});
export const publicPlanListSchema = z.object({ items: z.array(publicPlanSchema) });
