import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.ts';

/** 执法检查人员名录库 (domain-rules §4.3), with the expert pool (专家) and 回避 declarations. */

export const officerCategories = ['officer', 'expert'] as const;
export const officerCategorySchema = z.enum(officerCategories);
export const officerCategoryLabels: Record<z.infer<typeof officerCategorySchema>, string> = { officer: '执法人员', expert: '专家' };

export const officerStatuses = ['active', 'suspended', 'on_leave'] as const;
export const officerStatusSchema = z.enum(officerStatuses);
export const officerStatusLabels: Record<z.infer<typeof officerStatusSchema>, string> = { active: '在岗', suspended: '停用', on_leave: '休假' };

export const genderSchema = z.enum(['male', 'female']);
export const genderLabels: Record<z.infer<typeof genderSchema>, string> = { male: '男', female: '女' };

export const ineligibleReasonSchema = z.enum(['expert', 'suspended', 'on_leave', 'no_certificate', 'certificate_not_yet_valid', 'certificate_expired']);

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(
  (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  '日期无效',
);

const officerFieldsObject = z.object({
  name: z.string().trim().min(1).max(32),
  /** 执法证号; the directory key. Null for experts (and staff still without a certificate). */
  certificateNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,32}$/, '执法证号为 4–32 位字母、数字或连字符').nullable(),
  /** 名录编号: the key of someone without a certificate (e.g. EXP-01). Ignored when certificateNo is set. */
  key: z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, '名录编号为 2–32 位字母、数字或连字符').optional(),
  certificateType: z.string().trim().max(64).nullable(),
  validFrom: isoDateSchema.nullable(),
  validTo: isoDateSchema.nullable(),
  gender: genderSchema.nullable(),
  title: z.string().trim().max(64).nullable(),
  departmentId: z.string().uuid(),
  userId: z.string().uuid().nullable(),
  /** 执法资质 / 业务专长. */
  tags: z.array(z.string().trim().min(1).max(32)).max(50),
  category: officerCategorySchema,
  status: officerStatusSchema,
  leaveFrom: isoDateSchema.nullable(),
  leaveTo: isoDateSchema.nullable(),
});

export const createOfficerBodySchema = officerFieldsObject.extend({
  certificateType: officerFieldsObject.shape.certificateType.default(null),
  validFrom: officerFieldsObject.shape.validFrom.default(null),
  validTo: officerFieldsObject.shape.validTo.default(null),
  gender: officerFieldsObject.shape.gender.default(null),
  title: officerFieldsObject.shape.title.default(null),
  userId: officerFieldsObject.shape.userId.default(null),
  tags: officerFieldsObject.shape.tags.default([]),
  category: officerCategorySchema.default('officer'),
  status: officerStatusSchema.default('active'),
  leaveFrom: officerFieldsObject.shape.leaveFrom.default(null),
  leaveTo: officerFieldsObject.shape.leaveTo.default(null),
}).strict();

export const updateOfficerBodySchema = officerFieldsObject.partial().strict();

export const officerSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  certificateNo: z.string().nullable(),
  certificateType: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  gender: genderSchema.nullable(),
  title: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string(),
  userId: z.string().nullable(),
  userDisplayName: z.string().nullable(),
  tags: z.array(z.string()),
  category: officerCategorySchema,
  status: officerStatusSchema,
  leaveFrom: z.string().nullable(),
  leaveTo: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The day eligibility was computed for (today in China Standard Time). */
  eligibilityDate: z.string(),
  /** May be drawn as an inspecting officer on eligibilityDate. */
  eligible: z.boolean(),
  ineligibleReason: ineligibleReasonSchema.nullable(),
  /** Chinese label of ineligibleReason, e.g. 执法证件已过期. */
  ineligibleReasonLabel: z.string().nullable(),
  /** Declared conflicts (回避) in force on eligibilityDate. */
  activeConflictCount: z.number().int(),
});
export type Officer = z.infer<typeof officerSchema>;

export const officerFilterSchema = z.object({
  q: z.string().trim().max(64).optional(),
  departmentId: z.string().uuid().optional(),
  tag: z.string().trim().max(32).optional(),
  status: officerStatusSchema.optional(),
  category: officerCategorySchema.optional(),
  /** Only officers who may be drawn on this day. */
  eligibleOn: isoDateSchema.optional(),
});
export const listOfficersQuerySchema = pageQuerySchema.extend(officerFilterSchema.shape).strict();
export const exportOfficersQuerySchema = officerFilterSchema.strict();
export const officerPageSchema = pageOf(officerSchema);

export const officerConflictSchema = z.object({
  id: z.string(),
  officerId: z.string(),
  entityId: z.string(),
  entityKey: z.string(),
  entityName: z.string(),
  reason: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** In force today (China Standard Time). */
  active: z.boolean(),
  createdAt: z.string(),
});
export type OfficerConflict = z.infer<typeof officerConflictSchema>;
export const officerConflictListSchema = z.object({ items: z.array(officerConflictSchema) });

export const createConflictBodySchema = z.object({
  /** The entity's directory key: USCC, 注册号 or object code. */
  entityKey: z.string().trim().min(1).max(64),
  reason: z.string().trim().min(1).max(500),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable().default(null),
}).strict();

export const endConflictBodySchema = z.object({
  /** Last day the recusal applies; defaults to today. */
  validTo: isoDateSchema.optional(),
}).strict();

export const conflictParamsSchema = z.object({ id: z.string().uuid(), conflictId: z.string().uuid() }).strict();
