import { z } from 'zod';

/** Imports of the directories (一单两库): jobs with a preview, then a one-transaction commit. */

export const importKindSchema = z.enum(['entities', 'objects', 'risk-classes', 'registrations', 'items', 'officers', 'guidelines']);
export type ImportKindName = z.infer<typeof importKindSchema>;

/** The kinds uploaded through POST /api/v1/entities/import. */
export const entityImportKindSchema = z.enum(['entities', 'objects', 'risk-classes', 'registrations']);

export const importKindLabels: Record<ImportKindName, string> = {
  entities: '检查对象（主体类）',
  objects: '检查对象（非主体类）',
  'risk-classes': '企业信用风险分类结果',
  registrations: '新设立登记主体',
  items: '抽查事项清单',
  officers: '执法检查人员',
  guidelines: '抽查工作指引',
};

export const importStatusSchema = z.enum(['validating', 'preview', 'committing', 'done', 'failed', 'cancelled']);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importStatusLabels: Record<ImportStatus, string> = {
  validating: '正在校验',
  preview: '待确认导入',
  committing: '正在导入',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
};

export const importUploadQuerySchema = z.object({ kind: entityImportKindSchema }).strict();
export const importTemplateParamsSchema = z.object({ kind: importKindSchema }).strict();
/** POST /api/v1/imports/:kind — the upload of any kind. */
export const importKindParamsSchema = z.object({ kind: importKindSchema }).strict();

export const importIssueSchema = z.object({
  column: z.string(),
  reason: z.string(),
  severity: z.enum(['error', 'warning']),
});

/** A row of the file as the user sees it: its row number, the cells by column header, and what is wrong. */
export const importRowSchema = z.object({
  row: z.number().int(),
  values: z.record(z.string(), z.string()),
  issues: z.array(importIssueSchema),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importSummarySchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

/** GET /api/v1/imports/:id (and the 202 of upload, commit and cancel). */
export const importJobSchema = z.object({
  id: z.string(),
  kind: importKindSchema,
  kindLabel: z.string(),
  status: importStatusSchema,
  fileName: z.string(),
  fileSha256: z.string(),
  /** Data rows read (an estimate while validating; 0 while unknown). */
  totalRows: z.number().int(),
  acceptedRows: z.number().int(),
  rejectedRows: z.number().int(),
  /** Rows handled in the current phase (validating: read; committing: applied). */
  progress: z.number().int(),
  /** The total of the current phase (validating: totalRows; committing: acceptedRows). */
  progressTotal: z.number().int(),
  summary: importSummarySchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The column headers, in template order. */
  columns: z.array(z.string()),
  /** The first 100 rejected rows (all of them: GET …/rejected.xlsx). */
  rejected: z.array(importRowSchema),
  /** Accepted rows with warnings (first 100) and how many in all. */
  warnings: z.object({ total: z.number().int(), rows: z.array(importRowSchema) }),
  /** The first accepted rows, to check the columns were read right. */
  sample: z.array(importRowSchema),
});
export type ImportJob = z.infer<typeof importJobSchema>;
