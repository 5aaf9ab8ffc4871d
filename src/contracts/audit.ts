import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.ts';

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  summary: z.string(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const listAuditQuerySchema = pageQuerySchema.extend({
  action: z.string().max(64).optional(),
  actorId: z.string().uuid().optional(),
  subjectType: z.string().max(64).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
}).strict();

export const auditChainStatusSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});

/** GET /api/v1/audit (newest first). */
export const auditPageSchema = pageOf(auditEventSchema);
