import { z } from 'zod';

/** 归档 (issue #7): the completeness check of a task and its archive (a zip with a SHA-256 manifest). */

export const missingKinds = [
  'draw_not_completed', 'dispatch_unconfirmed', 'inspection_missing', 'result_not_published', 'signatures_missing', 'evidence_missing', 'follow_up_open',
] as const;

export const archiveMissingItemSchema = z.object({
  kind: z.enum(missingKinds),
  /** The object concerned; null for the task or its draw. */
  objectKey: z.string().nullable(),
  message: z.string(),
});
export type ArchiveMissingItem = z.infer<typeof archiveMissingItemSchema>;

export const taskArchiveSchema = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  /** SHA-256 of manifest.json in the zip: `suiji archive verify` prints the same value. */
  manifestSha256: z.string(),
  zipSha256: z.string(),
  fileCount: z.number().int(),
  size: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type TaskArchive = z.infer<typeof taskArchiveSchema>;

/** GET /tasks/:id/archive/check: what is missing, or the archive once made. */
export const archiveCheckSchema = z.object({
  taskId: z.string().uuid(),
  taskCode: z.string(),
  /** True when nothing is missing (or the task is already archived). */
  complete: z.boolean(),
  missing: z.array(archiveMissingItemSchema),
  archive: taskArchiveSchema.nullable(),
});
export type ArchiveCheck = z.infer<typeof archiveCheckSchema>;
