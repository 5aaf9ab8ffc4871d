import { z } from 'zod';
import {
  followUpMeasureLabels, followUpMeasures, followUpStatusLabels, type FollowUpMeasure, type FollowUpStatus,
} from '../domain/followup/followup.ts';
import { idSchema } from './common.ts';
import { civilDateSchema } from './tasks.ts';

/**
 * 后续处置 (issue #7): the follow-up of a result with 发现问题待后续处理 — measure (责令改正
 * with a deadline, 移送, 抄告, 交日常监管, 其他), transfer to a platform department or an
 * outside body, progress, closure (完结) — and the closed loop of the result.
 */

export { followUpMeasureLabels, followUpMeasures, followUpStatusLabels };
export type { FollowUpMeasure, FollowUpStatus };
export const followUpMeasureSchema = z.enum(followUpMeasures);
export const followUpStatuses = ['open', 'in_progress', 'closed'] as const satisfies readonly FollowUpStatus[];
export const followUpStatusSchema = z.enum(followUpStatuses);

export const followUpParamsSchema = z.object({ id: idSchema }).strict();

export const followUpListQuerySchema = z.strictObject({
  status: followUpStatusSchema.optional(),
  /** true: only those past their correction deadline and not closed. */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** The owner department (oversight and leaders); a department sees its own anyway. */
  departmentId: idSchema.optional(),
  /** Year of the first publication of the result. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type FollowUpListQuery = z.infer<typeof followUpListQuerySchema>;

export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), departmentId: idSchema, departmentName: z.string() }),
  z.object({ kind: z.literal('external'), body: z.string(), documentNo: z.string(), documentDate: z.string() }),
]);
export type TransferTargetView = z.infer<typeof transferTargetSchema>;

export const followUpListItemSchema = z.object({
  id: idSchema,
  inspectionId: idSchema,
  task: z.object({ id: idSchema, code: z.string(), name: z.string() }),
  object: z.object({ key: z.string(), name: z.string() }),
  resultCodes: z.array(z.string()),
  measure: followUpMeasureSchema.nullable(),
  measureLabel: z.string().nullable(),
  measureNote: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  status: followUpStatusSchema,
  statusLabel: z.string(),
  ownerDepartment: z.object({ id: idSchema, name: z.string() }).nullable(),
  transfer: transferTargetSchema.nullable(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  createdAt: z.string(),
});
export type FollowUpListItem = z.infer<typeof followUpListItemSchema>;

export const followUpListSchema = z.object({
  items: z.array(followUpListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Follow-ups past their correction deadline and not closed (逾期未完结), over the whole filtered list. */
  overdue: z.number().int(),
});
export type FollowUpList = z.infer<typeof followUpListSchema>;

export const followUpEventSchema = z.object({
  type: z.enum(['created', 'measure', 'progress', 'transfer', 'close']),
  on: z.string(),
  note: z.string(),
  data: z.record(z.string(), z.unknown()),
  actorName: z.string(),
  at: z.string(),
});

export const followUpDetailSchema = followUpListItemSchema.extend({
  events: z.array(followUpEventSchema),
  /** Every follow-up of the same result, this one included: the closed loop is over all of them. */
  siblings: z.array(z.object({ id: idSchema, measureLabel: z.string().nullable(), status: followUpStatusSchema, statusLabel: z.string() })),
  /** 已闭环: every follow-up of the result is closed. */
  closedLoop: z.boolean(),
  /** The caller may set the measure, transfer, add measures (the owner department). */
  canManage: z.boolean(),
  /** The caller may record progress and close (owner, or the department it was transferred to). */
  canHandle: z.boolean(),
});
export type FollowUpDetail = z.infer<typeof followUpDetailSchema>;

const note = z.string().trim().max(2000);

/** 确定处置措施: only before any transfer, progress or closure (a measure once acted on stays). */
export const followUpMeasureBodySchema = z.strictObject({
  measure: followUpMeasureSchema,
  /** Required for 责令改正 (the correction deadline); ignored for other measures. */
  dueOn: civilDateSchema.nullable().optional(),
  note: note.default(''),
});
export type FollowUpMeasureBody = z.infer<typeof followUpMeasureBodySchema>;

export const followUpProgressBodySchema = z.strictObject({
  on: civilDateSchema,
  note: note.min(1, '请填写处置进展'),
});
export type FollowUpProgressBody = z.infer<typeof followUpProgressBodySchema>;

export const followUpTransferBodySchema = z.strictObject({
  on: civilDateSchema,
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('department'), departmentId: idSchema }),
    z.strictObject({
      kind: z.literal('external'),
      body: z.string().trim().max(200),
      documentNo: z.string().trim().max(100),
      documentDate: civilDateSchema,
    }),
  ]),
  note: note.default(''),
});
export type FollowUpTransferBody = z.infer<typeof followUpTransferBodySchema>;

export const followUpCloseBodySchema = z.strictObject({
  closedOn: civilDateSchema,
  outcome: z.string().max(2000),
});
export type FollowUpCloseBody = z.infer<typeof followUpCloseBodySchema>;
