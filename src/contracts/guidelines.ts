import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.ts';
import { itemCategorySchema, itemStatusSchema } from './items.ts';

/** 抽查工作指引 (domain-rules §4.4): per item, versioned; an inspection keeps the version id it used. */

export const checkpointSchema = z.object({
  code: z.string().trim().min(1).max(64),
  text: z.string().trim().min(1).max(500),
}).strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const guidelineVersionSchema = z.object({
  /** The guideline version id, which an inspection references. */
  id: z.string(),
  itemId: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  version: z.number().int(),
  content: z.string(),
  method: z.string(),
  basis: z.string(),
  checkpoints: z.array(z.object({ code: z.string(), text: z.string() })),
  reason: z.string().nullable(),
  changedById: z.string().nullable(),
  changedByName: z.string().nullable(),
  createdAt: z.string(),
  /** Whether this is the item's latest version. */
  current: z.boolean(),
});
export type GuidelineVersion = z.infer<typeof guidelineVersionSchema>;
export const guidelineVersionListSchema = z.object({ items: z.array(guidelineVersionSchema) });

export const putGuidelineBodySchema = z.object({
  content: z.string().trim().min(1).max(8000),
  method: z.string().trim().min(1).max(4000),
  basis: z.string().trim().min(1).max(4000),
  checkpoints: z.array(checkpointSchema).max(200),
  reason: z.string().trim().max(500).optional(),
}).strict();

/** A row of GET /api/v1/guidelines: an item and the state of its guideline. */
export const guidelineSummarySchema = z.object({
  itemId: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  groupName: z.string(),
  category: itemCategorySchema,
  itemStatus: itemStatusSchema,
  guidelineVersionId: z.string().nullable(),
  version: z.number().int().nullable(),
  checkpointCount: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type GuidelineSummary = z.infer<typeof guidelineSummarySchema>;
export const guidelineSummaryPageSchema = pageOf(guidelineSummarySchema);
export const listGuidelinesQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(64).optional(),
  /** with = items that have a guideline; without = items that have none yet. */
  has: z.enum(['with', 'without']).optional(),
}).strict();

/** GET /api/v1/guidelines/export.xlsx: the list's filters, without paging. */
export const exportGuidelinesQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  has: z.enum(['with', 'without']).optional(),
}).strict();
