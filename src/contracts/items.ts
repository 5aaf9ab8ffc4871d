import { z } from 'zod';
import { verificationMethods } from '../domain/result/result-codes.ts';
import { pageOf, pageQuerySchema, openDataFormatSchema } from './common.ts';

/** 随机抽查事项清单 (domain-rules §4.1). */

export const itemCategories = ['key', 'general'] as const;
export const itemCategorySchema = z.enum(itemCategories);
export const itemCategoryLabels: Record<z.infer<typeof itemCategorySchema>, string> = { key: '重点检查事项', general: '一般检查事项' };

export const itemStatuses = ['active', 'retired'] as const;
export const itemStatusSchema = z.enum(itemStatuses);
export const itemStatusLabels: Record<z.infer<typeof itemStatusSchema>, string> = { active: '在用', retired: '已退役' };

export const supervisionLevels = ['province', 'city', 'county'] as const;
export const supervisionLevelSchema = z.enum(supervisionLevels);
export const supervisionLevelLabels: Record<z.infer<typeof supervisionLevelSchema>, string> = { province: '省级', city: '市级', county: '县级' };

/** 抽查对象: market entities (主体类) or a kind of 非主体类 object. */
export const itemObjectTypes = ['entity', 'vehicle', 'road_project', 'station', 'vessel', 'product', 'behavior'] as const;
export const itemObjectTypeSchema = z.enum(itemObjectTypes);
export const itemObjectTypeLabels: Record<z.infer<typeof itemObjectTypeSchema>, string> = {
  entity: '市场主体', vehicle: '车辆', road_project: '公路工程项目', station: '站场', vessel: '船舶', product: '产品', behavior: '行为',
};

export const itemSources = ['own', 'upper'] as const;
export const itemSourceSchema = z.enum(itemSources);
export const itemSourceLabels: Record<z.infer<typeof itemSourceSchema>, string> = { own: '本级制定', upper: '上级清单' };

export const verificationMethodSchema = z.enum(verificationMethods);

export const itemUnusableReasonSchema = z.enum(['retired', 'unclaimed']);

const tagList = z.array(z.string().trim().min(1).max(32)).max(50);

/** The fields staff edit (create and update). */
export const itemFieldsSchema = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, '事项编码为字母、数字、点、下划线或连字符，最长 64 位'),
  category: itemCategorySchema,
  groupName: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  legalBasis: z.string().trim().min(1).max(2000),
  responsibleDepartmentId: z.string().uuid().nullable(),
  supervisionLevel: supervisionLevelSchema,
  objectType: itemObjectTypeSchema,
  content: z.string().trim().min(1).max(4000),
  methods: z.array(verificationMethodSchema).max(verificationMethods.length),
  /** 抽查比例 in basis points (500 = 5 %); null = set per task. */
  defaultRatioBp: z.number().int().min(1).max(10_000).nullable(),
  frequency: z.string().trim().max(64).nullable(),
  /** 检查人员要求: tags an officer must hold. */
  requiredTags: tagList,
  industries: tagList,
  remarks: z.string().trim().max(2000).nullable(),
  source: itemSourceSchema,
});

export const itemSchema = itemFieldsSchema.extend({
  id: z.string(),
  version: z.number().int(),
  status: itemStatusSchema,
  responsibleDepartmentName: z.string().nullable(),
  claimedByDepartmentId: z.string().nullable(),
  claimedByDepartmentName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  retiredReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Active and claimed: may be used in an inspection task. */
  usableInTask: z.boolean(),
  unusableReason: itemUnusableReasonSchema.nullable(),
  /** Chinese label of unusableReason. */
  unusableReasonLabel: z.string().nullable(),
  /** Id of the current guideline version, null when the item has no guideline yet. */
  currentGuidelineVersionId: z.string().nullable(),
});
export type Item = z.infer<typeof itemSchema>;

export const createItemBodySchema = itemFieldsSchema.extend({
  methods: itemFieldsSchema.shape.methods.default([]),
  requiredTags: tagList.default([]),
  industries: tagList.default([]),
  defaultRatioBp: itemFieldsSchema.shape.defaultRatioBp.default(null),
  frequency: itemFieldsSchema.shape.frequency.default(null),
  remarks: itemFieldsSchema.shape.remarks.default(null),
  source: itemSourceSchema.default('own'),
  reason: z.string().trim().max(500).optional(),
}).strict();

export const changeReasonSchema = z.string().trim().min(1, '请填写变更理由').max(500);

/** Any subset of the fields, and why (every change is a new version). */
export const updateItemBodySchema = itemFieldsSchema.partial().extend({ reason: changeReasonSchema }).strict();

export const claimItemBodySchema = z.object({
  /** The claiming department; a department admin may leave it out (their own). */
  departmentId: z.string().uuid().optional(),
  reason: z.string().trim().max(500).optional(),
}).strict();

export const retireItemBodySchema = z.object({ reason: z.string().trim().min(1, '请填写退役理由').max(500) }).strict();

export const itemFilterSchema = z.object({
  q: z.string().trim().max(64).optional(),
  category: itemCategorySchema.optional(),
  status: itemStatusSchema.optional(),
  claimed: z.enum(['claimed', 'unclaimed']).optional(),
  /** Items this department is responsible for or has claimed. */
  departmentId: z.string().uuid().optional(),
  level: supervisionLevelSchema.optional(),
});
export const listItemsQuerySchema = pageQuerySchema.extend(itemFilterSchema.shape).strict();
export const exportItemsQuerySchema = itemFilterSchema.strict();

export const itemPageSchema = pageOf(itemSchema);

export const itemVersionSchema = z.object({
  version: z.number().int(),
  snapshot: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  changedById: z.string().nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
});
export type ItemVersion = z.infer<typeof itemVersionSchema>;
export const itemVersionListSchema = z.object({ items: z.array(itemVersionSchema) });

export const itemDetailSchema = z.object({ item: itemSchema, versions: z.array(itemVersionSchema) });
export type ItemDetail = z.infer<typeof itemDetailSchema>;

export const itemDiffQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
}).strict();
export const itemDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** Field → [before, after], only the fields that differ. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type ItemDiff = z.infer<typeof itemDiffSchema>;

/** Chinese names of the snapshot fields (history, diff, export). */
export const itemFieldLabels: Record<string, string> = {
  code: '事项编码', category: '事项类别', groupName: '抽查类别', name: '抽查事项名称', legalBasis: '抽查依据',
  responsibleDepartmentId: '责任部门', supervisionLevel: '监管层级', objectType: '抽查对象', content: '抽查内容',
  methods: '抽查方式', defaultRatioBp: '抽查比例', frequency: '抽查频次', requiredTags: '检查人员要求',
  industries: '适用行业', remarks: '备注', source: '来源', status: '状态', claimedByDepartmentId: '认领部门',
  claimedAt: '认领时间', retiredAt: '退役时间', retiredReason: '退役理由',
};

/** GET /api/v1/public/items: exactly these fields, nothing internal. */
export const publicItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  category: itemCategorySchema,
  groupName: z.string(),
  legalBasis: z.string(),
  supervisionLevel: supervisionLevelSchema,
  objectType: itemObjectTypeSchema,
  content: z.string(),
  methods: z.array(verificationMethodSchema),
  defaultRatioBp: z.number().int().nullable(),
  frequency: z.string().nullable(),
  departmentName: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
}).strict();
export type PublicItem = z.infer<typeof publicItemSchema>;
export const publicItemPageSchema = pageOf(publicItemSchema);
export const listPublicItemsQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(64).optional(),
  category: itemCategorySchema.optional(),
  format: openDataFormatSchema,
}).strict();

/** 50 %, 5 %, 0.5 % from basis points. */
export function formatRatioBp(bp: number | null): string {
  if (bp === null) return '';
  return `${(bp / 100).toString()}%`;
}
