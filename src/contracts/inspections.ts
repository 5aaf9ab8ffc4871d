import { z } from 'zod';
import { checkpointAnswers, resultCodes, verificationMethods } from '../domain/result/result-codes.ts';
import { idSchema } from './common.ts';
import { civilDateSchema } from './tasks.ts';

/**
 * 检查实施与结果公示 (issue #6): the officer's work list, the 一企一表 answers, evidence,
 * signatures, review, publication, corrections (更正) and the public results.
 */

export const inspectionStatuses = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export const inspectionStatusSchema = z.enum(inspectionStatuses);
export type InspectionStatus = z.infer<typeof inspectionStatusSchema>;
export const inspectionStatusLabels: Record<InspectionStatus, string> = {
  draft: '录入中', submitted: '待审核', returned: '已退回', approved: '已审核待公示', published: '已公示',
};

const resultCodeValues = resultCodes.map((c) => c.code) as [string, ...string[]];
export const checkpointAnswerSchema = z.enum(checkpointAnswers);
export const verificationMethodSchema = z.enum(verificationMethods);
/** A result code as typed; the rules between codes (未发现问题 alone, A with a subtype) are checked on submit. */
export const resultCodeSchema = z.string().max(4);

export const inspectionParamsSchema = z.object({ id: idSchema }).strict();
export const evidenceParamsSchema = z.object({ id: idSchema, evidenceId: idSchema }).strict();

/** inline=1: show a photo in the browser (a tapped thumbnail) instead of downloading it. */
export const evidenceFileQuerySchema = z.strictObject({ inline: z.enum(['1', 'true']).optional() });

export const inspectionListQuerySchema = z.strictObject({
  /** mine: inspections of the teams I am on; review: those my department reviews and publishes. */
  scope: z.enum(['mine', 'review']).default('mine'),
  status: inspectionStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** Deadline of publication: end of inspection + 20 official working days. */
export const deadlineSchema = z.object({
  deadline: z.string(),
  /** The deadline lies in a year whose holiday notice is not yet published. */
  provisional: z.boolean(),
  state: z.enum(['open', 'warning', 'overdue', 'published_on_time', 'published_late']),
  /** Working days left (open, warning), overdue (overdue) or late (published_late); null otherwise. */
  workdays: z.number().int().nullable(),
  /** The warning threshold reached (5 or 2), when state is warning. */
  warningLevel: z.number().int().nullable(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const inspectionListItemSchema = z.object({
  id: idSchema,
  drawId: z.string(),
  task: z.object({ id: idSchema, code: z.string(), name: z.string() }),
  object: z.object({ key: z.string(), name: z.string() }),
  status: inspectionStatusSchema,
  statusLabel: z.string(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  deadline: deadlineSchema.nullable(),
  onTeam: z.boolean(),
});
export const inspectionListSchema = z.object({
  items: z.array(inspectionListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Unpublished inspections past their deadline (逾期未公示), over the whole list, not the page. */
  overdue: z.number().int(),
});
export type InspectionList = z.infer<typeof inspectionListSchema>;

export const evidenceSchema = z.object({
  id: idSchema,
  fileName: z.string(),
  kind: z.enum(['jpeg', 'png', 'webp', 'pdf']),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const signatureSchema = z.object({
  id: idSchema,
  signer: z.enum(['officer', 'representative', 'paper_form']),
  officerKey: z.string().nullable(),
  signerName: z.string(),
  evidenceId: idSchema.nullable(),
  sha256: z.string(),
  signedAt: z.string(),
});

export const inspectionSchema = z.object({
  id: idSchema,
  drawId: z.string(),
  drawRowId: idSchema,
  task: z.object({ id: idSchema, code: z.string(), name: z.string(), periodFrom: z.string(), periodTo: z.string() }),
  object: z.object({ key: z.string(), name: z.string(), address: z.string().nullable(), legalRepresentative: z.string().nullable() }),
  status: inspectionStatusSchema,
  statusLabel: z.string(),
  /** The caller is on the team (may enter the result). */
  onTeam: z.boolean(),
  /** The caller may review and publish. */
  canReview: z.boolean(),
  team: z.array(z.object({ key: z.string(), name: z.string(), department: z.string(), signed: z.boolean() })),
  checklist: z.array(z.object({
    itemId: idSchema, code: z.string(), name: z.string(), guidelineVersion: z.number().int().nullable(),
    checkpoints: z.array(z.object({ code: z.string(), text: z.string(), answer: checkpointAnswerSchema.nullable(), note: z.string() })),
  })),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  verificationMethods: z.array(verificationMethodSchema),
  codes: z.array(z.string()),
  findings: z.string(),
  remarks: z.string(),
  draftSavedAt: z.string().nullable(),
  evidence: z.array(evidenceSchema),
  signatures: z.object({
    /** 签字完整: every team member and the representative signed, or a signed paper form is uploaded. */
    complete: z.boolean(),
    missing: z.array(z.string()),
    items: z.array(signatureSchema),
  }),
  deadline: deadlineSchema.nullable(),
  reviews: z.array(z.object({ action: z.string(), comment: z.string(), actorName: z.string(), at: z.string() })),
  versions: z.array(z.object({
    version: z.number().int(), codes: z.array(z.string()), findings: z.string(), remarks: z.string(),
    publishedOn: z.string(), reason: z.string().nullable(),
  })),
  followUp: z.object({ id: idSchema, status: z.string() }).nullable(),
});
export type Inspection = z.infer<typeof inspectionSchema>;

const noteText = z.string().max(500);

/** 暂存 (autosave): every field optional; answers given replace the answers of those checkpoints. */
export const inspectionDraftBodySchema = z.strictObject({
  startedOn: civilDateSchema.nullable().optional(),
  endedOn: civilDateSchema.nullable().optional(),
  verificationMethods: z.array(verificationMethodSchema).max(verificationMethods.length).optional(),
  answers: z.array(z.strictObject({
    itemId: idSchema,
    checkpoint: z.string().min(1).max(32),
    answer: checkpointAnswerSchema,
    note: noteText.default(''),
  })).max(2000).optional(),
  codes: z.array(resultCodeSchema).max(resultCodeValues.length).optional(),
  findings: z.string().max(5000).optional(),
  remarks: z.string().max(1000).optional(),
});
export type InspectionDraftBody = z.infer<typeof inspectionDraftBodySchema>;

/** A signature drawn on screen is a PNG (base64, optionally as a data: URL); a paper form is an uploaded evidence file. */
const pngBase64 = z.string().min(16).max(700_000);
export const signatureBodySchema = z.discriminatedUnion('signer', [
  z.strictObject({ signer: z.literal('officer'), officerKey: z.string().min(1).max(64), imagePng: pngBase64 }),
  z.strictObject({ signer: z.literal('representative'), name: z.string().trim().min(1).max(64), imagePng: pngBase64 }),
  z.strictObject({ signer: z.literal('paper_form'), evidenceId: idSchema }),
]);
export type SignatureBody = z.infer<typeof signatureBodySchema>;

export const reviewBodySchema = z.strictObject({
  decision: z.enum(['approve', 'return']),
  /** Required when returning (退回意见). */
  comment: z.string().trim().max(1000).default(''),
});

export const correctionBodySchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  codes: z.array(resultCodeSchema).min(1).max(resultCodeValues.length),
  remarks: z.string().max(1000).default(''),
  findings: z.string().max(5000).default(''),
});
export type CorrectionBody = z.infer<typeof correctionBodySchema>;

// ——— Public (no login) ———

/**
 * Every field the portal shows of a result, in this order (国家企业信用信息公示系统 field set).
 * The presenter builds each result from this list only; no officer names, no representative.
 */
export const publicResultFields = [
  'entityName', 'uscc', 'entityKey', 'planName', 'planYear', 'taskCode', 'taskName', 'inspectionType', 'inspectingBody',
  'completedOn', 'result', 'resultCodes', 'itemResults', 'remarks', 'publishedOn', 'version', 'corrections', 'followUpStatus',
] as const;

export const publicResultSchema = z.object({
  entityName: z.string(),
  uscc: z.string().nullable(),
  entityKey: z.string(),
  planName: z.string().nullable(),
  planYear: z.number().int().nullable(),
  taskCode: z.string(),
  taskName: z.string(),
  inspectionType: z.string(),
  inspectingBody: z.string(),
  completedOn: z.string(),
  result: z.string(),
  resultCodes: z.array(z.string()),
  itemResults: z.array(z.object({ code: z.string(), name: z.string(), result: z.string() })),
  remarks: z.string(),
  publishedOn: z.string(),
  version: z.number().int(),
  /** Earlier versions, oldest first, each with the reason of the correction that followed. */
  corrections: z.array(z.object({ version: z.number().int(), publishedOn: z.string(), result: z.string(), reason: z.string().nullable() })),
  followUpStatus: z.string().nullable(),
});
export type PublicResult = z.infer<typeof publicResultSchema>;

export const publicResultsQuerySchema = z.strictObject({
  /** Entity name (part of it) or USCC / registration number. */
  q: z.string().trim().min(2).max(100),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});
export const publicResultsPageSchema = z.object({
  items: z.array(publicResultSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});

export const publicEntityParamsSchema = z.object({ key: z.string().min(1).max(64) }).strict();
export const publicEntityQuerySchema = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });
export const publicEntityResultsSchema = z.object({
  entity: z.object({ key: z.string(), name: z.string(), uscc: z.string().nullable() }),
  results: z.array(publicResultSchema),
});
