import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/civil-date.ts';
import { riskClasses } from '../domain/directory/risk-class.ts';
import { MAX_RATIO_BP } from '../domain/draw/quota.ts';
import { entityStatusLabels, type EntityStatus } from '../domain/task/candidate-pool.ts';
import { openDataFormatSchema } from './common.ts';
import { drawOutputSchema, seedMethodSchema } from './draw.ts';
import { itemObjectTypes } from './items.ts';

/**
 * 抽查任务 / 实施方案 (tasks) and their draws (抽取): scope filters, strata, exclusion and
 * team rules, the freeze, the seed ceremony, the draw, replacements and dispatch.
 */

export const civilDateSchema = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');

const shortText = z.string().trim().min(1).max(64);
const entityStatusValues = Object.keys(entityStatusLabels) as [EntityStatus, ...EntityStatus[]];
export const taskEntityStatusSchema = z.enum(entityStatusValues);

/** Scope filters (定向抽查). Every list empty: untargeted (不定向). Within a list: any of; across lists: all. */
export const scopeFiltersSchema = z.strictObject({
  industries: z.array(shortText).max(100).default([]),
  focusAreas: z.array(shortText).max(100).default([]),
  regionCodes: z.array(z.string().regex(/^\d{6}$/, '行政区划代码为 6 位数字')).max(100).default([]),
  kinds: z.array(z.enum(['subject', 'object'])).max(2).default([]),
  objectKinds: z.array(shortText).max(50).default([]),
  statuses: z.array(taskEntityStatusSchema).max(6).default([]),
  tags: z.array(shortText).max(100).default([]),
});
export type ScopeFilters = z.infer<typeof scopeFiltersSchema>;

export const taskQuotaRuleSchema = z.union([
  z.strictObject({ count: z.number().int().min(0).max(1_000_000) }),
  z.strictObject({ ratioBp: z.number().int().min(0).max(MAX_RATIO_BP) }),
], { error: '抽取数量应为 {"count": 户数} 或 {"ratioBp": 万分比}（二选一）' });

const riskQuotaShape = Object.fromEntries(riskClasses.map((c) => [c, taskQuotaRuleSchema.optional()])) as Record<
  (typeof riskClasses)[number], z.ZodOptional<typeof taskQuotaRuleSchema>
>;

/** One stratum ALL, or one stratum per risk class (差异化抽查) with its own ratio or count. */
export const strataPlanSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), quota: taskQuotaRuleSchema }),
  z.strictObject({ kind: z.literal('by_risk_class'), quotas: z.strictObject(riskQuotaShape) }),
]);
export type StrataPlan = z.infer<typeof strataPlanSchema>;

export const exclusionRulesSchema = z.strictObject({
  excludedStatuses: z.array(taskEntityStatusSchema).max(6).default(['deregistered', 'revoked', 'moved_out', 'closed']),
  inspectedWithinDays: z.number().int().min(1).max(3660).nullable().default(null),
  yearlyCap: z.number().int().min(1).max(100).nullable().default(null),
  classANotAgainSameYear: z.boolean().default(false),
});
export type ExclusionRulesBody = z.infer<typeof exclusionRulesSchema>;

export const teamRulesSchema = z.strictObject({
  teamSize: z.number().int().min(2, '检查组至少 2 名执法人员').max(20),
  /** Departments that must have one officer on every team (joint task). */
  requiredDepartmentIds: z.array(z.string().uuid()).max(20).default([]),
  requiredTags: z.array(shortText).max(20).default([]),
});
export type TeamRules = z.infer<typeof teamRulesSchema>;

const taskCodeSchema = z.string().trim().min(3).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, '任务编号只能包含字母、数字和连字符，如 QXJT-2024-007');

export const createTaskBodySchema = z.strictObject({
  code: taskCodeSchema,
  name: z.string().trim().min(1).max(200),
  /** The plan the task carries out; null for an ad hoc task (临时任务). */
  planId: z.string().uuid().nullable().default(null),
  organizerDepartmentId: z.string().uuid(),
  participatingDepartmentIds: z.array(z.string().uuid()).min(1).max(20),
  itemIds: z.array(z.string().uuid()).min(1, '至少选择一个抽查事项').max(100),
  scope: scopeFiltersSchema.default({ industries: [], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] }),
  strata: strataPlanSchema,
  exclusions: exclusionRulesSchema.default({ excludedStatuses: ['deregistered', 'revoked', 'moved_out', 'closed'], inspectedWithinDays: null, yearlyCap: null, classANotAgainSameYear: false }),
  team: teamRulesSchema,
  periodFrom: civilDateSchema,
  periodTo: civilDateSchema,
  description: z.string().max(5000).default(''),
});
export type CreateTaskBody = z.infer<typeof createTaskBodySchema>;

export const updateTaskBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  participatingDepartmentIds: z.array(z.string().uuid()).min(1).max(20).optional(),
  itemIds: z.array(z.string().uuid()).min(1, '至少选择一个抽查事项').max(100).optional(),
  scope: scopeFiltersSchema.optional(),
  strata: strataPlanSchema.optional(),
  exclusions: exclusionRulesSchema.optional(),
  team: teamRulesSchema.optional(),
  periodFrom: civilDateSchema.optional(),
  periodTo: civilDateSchema.optional(),
  description: z.string().max(5000).optional(),
});
export type UpdateTaskBody = z.infer<typeof updateTaskBodySchema>;

export const taskStatusSchema = z.enum(['draft', 'frozen', 'drawn']);
export const taskStatusLabels: Record<z.infer<typeof taskStatusSchema>, string> = { draft: '编制中', frozen: '已冻结', drawn: '已抽取' };

export const drawStatusSchema = z.enum(['frozen', 'seeded', 'running', 'completed', 'failed', 'abandoned']);
export type DrawStatus = z.infer<typeof drawStatusSchema>;
export const drawStatusLabels: Record<DrawStatus, string> = {
  frozen: '已冻结，待产生种子', seeded: '种子已产生，待抽取', running: '抽取中', completed: '已完成', failed: '抽取失败', abandoned: '已作废',
};

const namedRef = z.object({ id: z.string().uuid(), name: z.string() });

export const drawSummarySchema = z.object({
  id: z.string().uuid(),
  drawId: z.string(),
  status: drawStatusSchema,
  frozenAt: z.string(),
  drawnAt: z.string().nullable(),
  abandonReason: z.string().nullable(),
});

export const taskSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  source: z.enum(['plan', 'ad_hoc']),
  planId: z.string().uuid().nullable(),
  organizerDepartment: namedRef,
  participatingDepartments: z.array(namedRef),
  joint: z.boolean(),
  targeted: z.boolean(),
  items: z.array(z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), category: z.string() })),
  scope: scopeFiltersSchema,
  strata: strataPlanSchema,
  exclusions: exclusionRulesSchema,
  team: teamRulesSchema,
  periodFrom: z.string(),
  periodTo: z.string(),
  description: z.string(),
  status: taskStatusSchema,
  draws: z.array(drawSummarySchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof taskSchema>;

export const listTasksQuerySchema = z.strictObject({
  planId: z.string().uuid().optional(),
  departmentId: z.string().uuid().optional(),
  status: taskStatusSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const taskPageSchema = z.object({ items: z.array(taskSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ——— 一业一查 template ———

export const oneIndustryTemplateQuerySchema = z.strictObject({
  industry: z.string().trim().min(1, '请选择行业').max(64),
  /** Only items on this kind of object (抽查对象); all kinds when left out. */
  objectType: z.enum(itemObjectTypes).optional(),
});

const templateItemSchema = z.object({
  id: z.string().uuid(), code: z.string(), name: z.string(), category: z.string(), groupName: z.string(), objectType: z.string(),
  industries: z.array(z.string()),
});

/**
 * 一业一查: every claimed, in-use item of one industry, grouped by the department that claimed
 * it, and the task they make together (a joint task; a prefill for the editor, not a task yet).
 */
export const oneIndustryTemplateSchema = z.object({
  industry: z.string(),
  departments: z.array(z.object({ department: namedRef, items: z.array(templateItemSchema) })),
  body: z.object({
    name: z.string(),
    organizerDepartmentId: z.string().uuid().nullable(),
    participatingDepartmentIds: z.array(z.string().uuid()),
    itemIds: z.array(z.string().uuid()),
    scope: scopeFiltersSchema,
    team: teamRulesSchema,
  }),
});
export type OneIndustryTemplate = z.infer<typeof oneIndustryTemplateSchema>;

// ——— Draws ———

export const seedBodySchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('dice'),
    /** The digits rolled, in order; white space is removed. */
    digits: z.string().max(200),
    witnesses: z.array(z.string().trim().min(1).max(100)).min(1, '掷骰子须有见证人').max(20),
  }),
  z.strictObject({
    method: z.literal('departments'),
    contributions: z.array(z.strictObject({ departmentId: z.string().uuid(), digits: z.string().max(200) })).min(1).max(20),
    witnesses: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  }),
  z.strictObject({
    method: z.literal('system'),
    witnesses: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  }),
]);
export type SeedBody = z.infer<typeof seedBodySchema>;

export const abandonDrawBodySchema = z.strictObject({ reason: z.string().trim().min(2, '请填写作废原因').max(1000) });
export const replacementBodySchema = z.strictObject({
  object: z.string().trim().min(1).max(64),
  officer: z.string().trim().min(1).max(64),
  reason: z.string().trim().min(2, '请填写替换原因').max(1000),
});
export const confirmDrawBodySchema = z.strictObject({
  /** The department confirming; defaults to the caller's own department. */
  departmentId: z.string().uuid().optional(),
});

export const drawTeamMemberSchema = z.object({
  key: z.string(),
  name: z.string(),
  department: z.string(),
});

export const drawAssignmentSchema = z.object({
  object: z.string(),
  objectName: z.string().nullable(),
  officers: z.array(drawTeamMemberSchema),
});

export const replacementSchema = z.object({
  seq: z.number().int(),
  object: z.string(),
  replaced: z.string(),
  replacement: z.string(),
  slot: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
});

export const dispatchSchema = z.object({
  deadline: z.string(),
  provisional: z.boolean(),
  allConfirmed: z.boolean(),
  anyOverdue: z.boolean(),
  departments: z.array(z.object({
    departmentId: z.string(), departmentName: z.string(), confirmedOn: z.string().nullable(), overdue: z.boolean(), late: z.boolean(),
  })),
});

export const drawAnnouncementStratumSchema = z.object({
  name: z.string(),
  quota: taskQuotaRuleSchema,
  n: z.number().int(),
  listHash: z.string(),
});

/** The draw as staff see it: frozen inputs, seed, outcome, teams with names, replacements, dispatch. */
export const drawSchema = z.object({
  id: z.string().uuid(),
  taskId: z.string().uuid(),
  drawId: z.string(),
  status: drawStatusSchema,
  frozenAt: z.string(),
  strata: z.array(drawAnnouncementStratumSchema),
  exclusions: z.array(z.object({ stratum: z.string(), reason: z.string(), count: z.number().int() })),
  unplanned: z.array(z.object({ stratum: z.string(), reason: z.string(), count: z.number().int() })),
  officerPoolSize: z.number().int(),
  recusalCount: z.number().int(),
  teamSize: z.number().int(),
  requiredDepartments: z.array(z.string()),
  requiredTags: z.array(z.string()),
  seed: z.string().nullable(),
  seedMethod: seedMethodSchema.nullable(),
  seedContributions: z.array(z.object({ department: z.string(), digits: z.string() })).nullable(),
  witnesses: z.array(z.string()),
  seededAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  drawnAt: z.string().nullable(),
  output: drawOutputSchema.nullable(),
  /** The ticket (签号) of every selected object, so staff can read it beside the stratum's cutoff. */
  selectedTickets: z.array(z.object({ key: z.string(), ticket: z.string() })),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  abandonedAt: z.string().nullable(),
  abandonReason: z.string().nullable(),
  teams: z.array(drawAssignmentSchema),
  replacements: z.array(replacementSchema),
  dispatch: dispatchSchema.nullable(),
});
export type Draw = z.infer<typeof drawSchema>;

export const drawParamsSchema = z.strictObject({ id: z.string().uuid() });
export const drawFormParamsSchema = z.strictObject({ id: z.string().uuid(), object: z.string().min(1).max(64) });

/** 一企一表: the joint record form of one object. */
export const jointRecordFormSchema = z.object({
  drawId: z.string(),
  task: z.object({ code: z.string(), name: z.string(), periodFrom: z.string(), periodTo: z.string() }),
  object: z.object({
    key: z.string(), name: z.string(), kind: z.string(), address: z.string().nullable(),
    legalRepresentative: z.string().nullable(), riskClass: z.string(),
  }),
  items: z.array(z.object({
    id: z.string().uuid(), code: z.string(), name: z.string(), legalBasis: z.string(),
    guidelineVersion: z.number().int().nullable(),
    checkpoints: z.array(z.object({ code: z.string(), text: z.string() })),
  })),
  team: z.array(z.object({ key: z.string(), certificateNo: z.string().nullable(), name: z.string(), department: z.string() })),
});

/** 我的检查任务: the calling officer's teams in completed draws (replacements applied). */
export const myAssignmentSchema = z.object({
  drawRowId: z.string().uuid(),
  drawId: z.string(),
  task: z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), periodFrom: z.string(), periodTo: z.string() }),
  object: z.string(),
  objectName: z.string().nullable(),
  /** The whole team in slot order, the caller included. */
  team: z.array(drawTeamMemberSchema),
  /** The caller's department's confirmation of the list (派发确认). */
  confirmation: z.object({ deadline: z.string(), confirmedOn: z.string().nullable(), overdue: z.boolean() }).nullable(),
});
export const myAssignmentsSchema = z.object({
  /** False when the caller is not linked to an officer in 执法人员名录 (no assignments possible). */
  linked: z.boolean(),
  items: z.array(myAssignmentSchema),
});
export type MyAssignments = z.infer<typeof myAssignmentsSchema>;

// ——— Public (no login): officers by key only ———

export const publicFrozenSchemeSchema = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  scope: scopeFiltersSchema,
  strata: strataPlanSchema,
  exclusions: exclusionRulesSchema,
  teamSize: z.number().int(),
  requiredDepartments: z.array(z.string()),
  requiredTags: z.array(z.string()),
  periodFrom: z.string(),
  periodTo: z.string(),
  participatingDepartments: z.array(z.string()),
});

export const publicDrawAnnouncementSchema = z.object({
  drawId: z.string(),
  status: drawStatusSchema,
  frozenAt: z.string(),
  strata: z.array(drawAnnouncementStratumSchema),
  exclusions: z.array(z.object({ stratum: z.string(), reason: z.string(), count: z.number().int() })),
  officerPoolSize: z.number().int(),
  recusalCount: z.number().int(),
  seedMethod: seedMethodSchema.nullable(),
  drawnAt: z.string().nullable(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  abandonedAt: z.string().nullable(),
  abandonReason: z.string().nullable(),
  /** 人员替换, published: officers by key only. */
  replacements: z.array(z.object({
    seq: z.number().int(), object: z.string(), replaced: z.string(), replacement: z.string(), reason: z.string(), createdAt: z.string(),
  })),
});

export const publicTaskSchema = z.object({
  code: z.string(),
  name: z.string(),
  organizerDepartment: z.string(),
  participatingDepartments: z.array(z.string()),
  joint: z.boolean(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: taskStatusSchema,
  latestDrawId: z.string().nullable(),
});

export const publicTaskDetailSchema = publicTaskSchema.extend({
  scheme: publicFrozenSchemeSchema,
  draws: z.array(publicDrawAnnouncementSchema),
});

export const publicTicketSchema = z.object({
  drawId: z.string(),
  key: z.string(),
  stratum: z.string(),
  ticket: z.string(),
  cutoffTicket: z.string().nullable(),
  rank: z.number().int(),
  n: z.number().int(),
  quota: z.number().int(),
  drawn: z.boolean(),
});

export const publicDrawParamsSchema = z.strictObject({ drawId: z.string().min(1).max(64) });
export const publicTicketParamsSchema = z.strictObject({ drawId: z.string().min(1).max(64), key: z.string().min(1).max(64) });
export const publicTaskParamsSchema = z.strictObject({ code: z.string().min(1).max(64) });
export const publicDrawRecordQuerySchema = z.strictObject({ download: z.enum(['1', 'true']).optional() });
export const publicListQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  format: openDataFormatSchema,
});
