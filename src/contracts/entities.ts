import { z } from 'zod';
import { riskClasses, type RiskClass } from '../domain/directory/risk-class.ts';
import type { EntityStatus } from '../domain/task/candidate-pool.ts';
import { pageQuerySchema } from './common.ts';

/**
 * 检查对象名录库 (entity directory): 主体类 entities (kind 'subject', keyed by USCC or 注册号)
 * and 非主体类 objects (kind 'object', keyed by their directory code).
 */

export const entityKinds = ['subject', 'object'] as const;
export const entityKindSchema = z.enum(entityKinds);
export type EntityKind = z.infer<typeof entityKindSchema>;
export const entityKindLabels: Record<EntityKind, string> = { subject: '主体类', object: '非主体类' };

export const entityStatuses = ['active', 'suspended', 'deregistered', 'revoked', 'moved_out', 'closed'] as const satisfies readonly EntityStatus[];
export const entityStatusSchema = z.enum(entityStatuses);

export const riskClassSchema = z.enum(riskClasses);
export const riskClassColors: Record<RiskClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red', U: 'default' };

/** Labels of the non-entity object kinds the demo and imports use (others show as they are). */
export const objectKindLabels: Record<string, string> = { vehicle: '车辆', road_project: '公路工程项目', station: '客运站' };

/** The list's sort orders; each is served by an index (name in byte order, key, risk class). */
export const entitySorts = ['name', '-name', 'key', '-key', 'riskClass', '-riskClass'] as const;
export const entitySortSchema = z.enum(entitySorts);
export type EntitySort = z.infer<typeof entitySortSchema>;

/** Rows a list can page through (page × pageSize); past it, narrow the filters or export. */
export const entityListWindow = 10_000;

const tagText = z.string().trim().min(1).max(32);

/**
 * Filters of the list, the export and "everything matching" in bulk edits. q is a name
 * prefix, or an exact USCC / directory key / 注册号.
 */
export const entityFilterSchema = z.object({
  q: z.string().trim().max(100).optional(),
  kind: entityKindSchema.optional(),
  objectKind: z.string().max(32).optional(),
  industry: z.string().max(64).optional(),
  focusArea: z.string().max(64).optional(),
  tag: z.string().max(64).optional(),
  riskClass: riskClassSchema.optional(),
  status: entityStatusSchema.optional(),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码为 6 位数字').optional(),
  /** 'yes': claimed by some department; 'no': not yet claimed (new registrations). */
  claimed: z.enum(['yes', 'no']).optional(),
  claimedBy: z.string().uuid().optional(),
}).strict();
export type EntityFilter = z.infer<typeof entityFilterSchema>;

export const listEntitiesQuerySchema = entityFilterSchema.extend({
  page: pageQuerySchema.shape.page,
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: entitySortSchema.default('name'),
}).strict();

/** The export follows the filters, in name order. */
export const exportEntitiesQuerySchema = entityFilterSchema;

export const entitySchema = z.object({
  id: z.string(),
  kind: entityKindSchema,
  key: z.string(),
  uscc: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  objectKind: z.string().nullable(),
  name: z.string(),
  legalRepresentative: z.string().nullable(),
  address: z.string().nullable(),
  regionCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  industry: z.string().nullable(),
  focusAreas: z.array(z.string()),
  tags: z.array(z.string()),
  status: entityStatusSchema,
  statusSince: z.string().nullable(),
  foundedOn: z.string().nullable(),
  riskClass: riskClassSchema,
  ownerKey: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  claimedByDepartmentId: z.string().nullable(),
  claimedByDepartmentName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Entity = z.infer<typeof entitySchema>;

export const entityPageSchema = z.object({
  items: z.array(entitySchema),
  /** Exact when totalExact; otherwise the planner's estimate (when it expects more than 50 000 rows). */
  total: z.number().int(),
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type EntityPage = z.infer<typeof entityPageSchema>;

export const entityConflictSchema = z.object({
  id: z.string(),
  officerId: z.string(),
  officerName: z.string(),
  officerKey: z.string(),
  departmentName: z.string().nullable(),
  reason: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const entityRefSchema = z.object({ id: z.string(), key: z.string(), name: z.string(), objectKind: z.string().nullable() });

export const entityDetailSchema = entitySchema.extend({
  /** Credit-risk classifications, newest first. */
  riskHistory: z.array(z.object({ effectiveFrom: z.string(), riskClass: riskClassSchema })),
  /** For objects: the directory entity whose key is ownerKey, when there is one. */
  owner: entityRefSchema.nullable(),
  /** For subjects: the objects they own (at most 100). */
  ownedObjects: z.array(entityRefSchema),
  /** 回避: officers who declared a conflict of interest with it. */
  conflicts: z.array(entityConflictSchema),
});
export type EntityDetail = z.infer<typeof entityDetailSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Editable fields; the key, USCC and risk class are not (they come from registration and imports). */
export const updateEntityBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  legalRepresentative: optionalText(64),
  address: optionalText(200),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码为 6 位数字').nullable().optional(),
  contactName: optionalText(64),
  contactPhone: optionalText(32),
  industry: optionalText(64),
  objectKind: optionalText(32),
  ownerKey: optionalText(64),
  focusAreas: z.array(tagText).max(50).optional(),
  tags: z.array(tagText).max(50).optional(),
  status: entityStatusSchema.optional(),
  statusSince: z.string().date().nullable().optional(),
  foundedOn: z.string().date().nullable().optional(),
  attributes: z.record(z.string().max(32), z.string().max(200)).optional(),
}).strict();
export type UpdateEntityBody = z.infer<typeof updateEntityBodySchema>;

export const maxIdsPerRequest = 10_000;

/** POST /api/v1/entities/bulk-tags: on the listed ids, or on everything matching the filter. */
export const bulkTagsBodySchema = z.object({
  ids: z.array(z.string().uuid()).min(1).max(maxIdsPerRequest).optional(),
  filter: entityFilterSchema.optional(),
  addTags: z.array(tagText).max(20).default([]),
  removeTags: z.array(tagText).max(20).default([]),
  addFocusAreas: z.array(tagText).max(20).default([]),
  removeFocusAreas: z.array(tagText).max(20).default([]),
}).strict()
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), { message: '请指定对象编号列表（ids）或筛选条件（filter）之一', path: ['ids'] })
  .refine((b) => b.addTags.length + b.removeTags.length + b.addFocusAreas.length + b.removeFocusAreas.length > 0, {
    message: '请至少添加或移除一个标签或重点领域', path: ['addTags'],
  });
export type BulkTagsBody = z.infer<typeof bulkTagsBodySchema>;

export const bulkTagsResultSchema = z.object({
  /** Rows the ids or the filter selected (within the caller's scope). */
  matched: z.number().int(),
  /** Rows whose tags or focus areas actually changed. */
  updated: z.number().int(),
});

/** POST /api/v1/entities/claim: 认领 new entities for a department. */
export const claimEntitiesBodySchema = z.object({
  ids: z.array(z.string().uuid()).min(1).max(maxIdsPerRequest),
  /** A system admin names the department; a department admin claims for their own (may omit it). */
  departmentId: z.string().uuid().optional(),
}).strict();

export const claimResultSchema = z.object({
  claimed: z.number().int(),
  /** Already claimed by the same department (nothing to do). */
  alreadyOwn: z.number().int(),
});

export const entityFacetsSchema = z.object({
  industries: z.array(z.string()),
  focusAreas: z.array(z.string()),
  tags: z.array(z.string()),
  objectKinds: z.array(z.string()),
});
export type EntityFacets = z.infer<typeof entityFacetsSchema>;
