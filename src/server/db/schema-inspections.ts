import { sql } from 'drizzle-orm';
import {
  boolean, char, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { departments, users } from './schema.ts';
import { draws, tasks } from './schema-plans.ts';

/**
 * 检查实施与结果公示 (issue #6): one inspection per drawn object of a completed draw, the
 * answers of its 一企一表, evidence, signatures, the review trail and the published result
 * versions. Published versions are immutable: a correction (更正) is the next version with a
 * reason. Triggers (migration inspections_immutable) refuse UPDATE/DELETE of result versions
 * and of the review trail, and any change of evidence or signatures once a result is published.
 * ADR 0007 records the decisions.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** File bytes in the database (PGlite returns Uint8Array, node-postgres a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/** One item of the frozen checklist: the guideline version in force when the inspection was opened. */
export interface ChecklistItemJson {
  itemId: string;
  code: string;
  name: string;
  guidelineVersion: number | null;
  checkpoints: { code: string; text: string }[];
}

/** The result part of a draft or a version: codes, findings and remarks. */
export interface ResultContentJson {
  codes: string[];
  findings: string;
  remarks: string;
}

/** One inspection (检查) = one drawn object of a completed draw. */
export const inspections = pgTable('inspections', {
  id: uuid('id').primaryKey().defaultRandom(),
  drawId: uuid('draw_id').notNull().references(() => draws.id, { onDelete: 'restrict' }),
  taskId: uuid('task_id').notNull().references(() => tasks.id, { onDelete: 'restrict' }),
  objectKey: text('object_key').notNull(),
  status: text('status').notNull().default('draft'),
  checklist: jsonb('checklist').$type<ChecklistItemJson[]>().notNull(),
  startedOn: date('started_on', { mode: 'string' }),
  endedOn: date('ended_on', { mode: 'string' }),
  verificationMethods: text('verification_methods').array().notNull().default(sql`'{}'::text[]`),
  codes: text('codes').array().notNull().default(sql`'{}'::text[]`),
  findings: text('findings').notNull().default(''),
  remarks: text('remarks').notNull().default(''),
  /** Published versions so far (0 before the first publication). */
  publishedVersion: integer('published_version').notNull().default(0),
  draftSavedAt: at('draft_saved_at'),
  draftSavedBy: uuid('draft_saved_by').references(() => users.id, { onDelete: 'set null' }),
  submittedAt: at('submitted_at'),
  firstPublishedAt: at('first_published_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('inspections_draw_object_key').on(t.drawId, t.objectKey),
  index('inspections_object_idx').on(t.objectKey),
  index('inspections_task_idx').on(t.taskId),
  index('inspections_status_idx').on(t.status),
  check('inspections_status_check', sql`${t.status} in ('draft', 'submitted', 'returned', 'approved', 'published')`),
  check('inspections_dates_check', sql`${t.startedOn} is null or ${t.endedOn} is null or ${t.startedOn} <= ${t.endedOn}`),
]);

/** 一企一表 answers: one row per checkpoint, with the guideline version it belongs to. */
export const inspectionAnswers = pgTable('inspection_answers', {
  inspectionId: uuid('inspection_id').notNull().references(() => inspections.id, { onDelete: 'restrict' }),
  itemId: uuid('item_id').notNull(),
  guidelineVersion: integer('guideline_version'),
  checkpointCode: text('checkpoint_code').notNull(),
  answer: text('answer').notNull(),
  note: text('note').notNull().default(''),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.inspectionId, t.itemId, t.checkpointCode] }),
  check('inspection_answers_answer_check', sql`${t.answer} in ('yes', 'no', 'not_checked', 'not_applicable')`),
]);

/** Evidence (检查证据): photos and PDFs, recognised by content, bytes kept in the database. */
export const evidenceFiles = pgTable('evidence_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  inspectionId: uuid('inspection_id').notNull().references(() => inspections.id, { onDelete: 'restrict' }),
  fileName: text('file_name').notNull(),
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: char('sha256', { length: 64 }).notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [
  index('evidence_files_inspection_idx').on(t.inspectionId),
  check('evidence_files_kind_check', sql`${t.kind} in ('jpeg', 'png', 'webp', 'pdf')`),
  check('evidence_files_size_check', sql`${t.size} > 0 and ${t.size} = octet_length(${t.content})`),
]);

/**
 * Thumbnails of photo evidence (≤ 320×320 WebP, EXIF orientation applied, no metadata).
 * A table of its own, not columns of evidence_files: evidence rows can never be updated
 * (migration inspections_immutable) nor written once the task is archived, while a
 * thumbnail is derived data made at upload or, for older rows, on first request. A row
 * with no content records that the photo could not be decoded, so it is not tried again.
 */
export const evidenceThumbnails = pgTable('evidence_thumbnails', {
  evidenceId: uuid('evidence_id').primaryKey().references(() => evidenceFiles.id, { onDelete: 'cascade' }),
  mime: text('mime'),
  width: integer('width'),
  height: integer('height'),
  content: bytea('content'),
  createdAt: createdAt(),
}, (t) => [
  check('evidence_thumbnails_made_check', sql`(${t.content} is null) = (${t.mime} is null) and (${t.content} is null) = (${t.width} is null) and (${t.content} is null) = (${t.height} is null)`),
]);

/**
 * 签字: each team member and the entity's representative sign on screen (PNG from a canvas),
 * or one signed paper form is uploaded as evidence. The representative's name is personal
 * data: it is never presented on the portal.
 */
export const inspectionSignatures = pgTable('inspection_signatures', {
  id: uuid('id').primaryKey().defaultRandom(),
  inspectionId: uuid('inspection_id').notNull().references(() => inspections.id, { onDelete: 'restrict' }),
  signer: text('signer').notNull(),
  /** The officer's draw key for signer 'officer'; '' otherwise (one representative, one paper form). */
  officerKey: text('officer_key').notNull().default(''),
  signerName: text('signer_name').notNull(),
  image: bytea('image'),
  sha256: char('sha256', { length: 64 }).notNull(),
  evidenceId: uuid('evidence_id').references(() => evidenceFiles.id, { onDelete: 'restrict' }),
  signedBy: uuid('signed_by').references(() => users.id, { onDelete: 'set null' }),
  signedAt: createdAt(),
}, (t) => [
  uniqueIndex('inspection_signatures_signer_key').on(t.inspectionId, t.signer, t.officerKey),
  check('inspection_signatures_signer_check', sql`${t.signer} in ('officer', 'representative', 'paper_form')`),
  check('inspection_signatures_source_check', sql`(${t.signer} = 'paper_form') = (${t.evidenceId} is not null) and (${t.image} is null) = (${t.evidenceId} is not null)`),
]);

/** The review trail: submit, approve, return (with comments), publish, correct. Append-only. */
export const inspectionReviews = pgTable('inspection_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Insertion order: two steps in the same millisecond still list in the order they happened. */
  seq: integer('seq').notNull().generatedAlwaysAsIdentity(),
  inspectionId: uuid('inspection_id').notNull().references(() => inspections.id, { onDelete: 'restrict' }),
  action: text('action').notNull(),
  comment: text('comment').notNull().default(''),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  actorName: text('actor_name').notNull(),
  at: createdAt(),
}, (t) => [
  index('inspection_reviews_inspection_idx').on(t.inspectionId, t.seq),
  check('inspection_reviews_action_check', sql`${t.action} in ('submitted', 'approved', 'returned', 'published', 'corrected')`),
]);

/** A per-item result as published (检查结果 per 检查事项). */
export interface ItemResultJson {
  code: string;
  name: string;
  result: string;
}

/** Published result versions (检查结果公示). Never updated, never deleted: a correction is the next version. */
export const inspectionResults = pgTable('inspection_results', {
  inspectionId: uuid('inspection_id').notNull().references(() => inspections.id, { onDelete: 'restrict' }),
  version: integer('version').notNull(),
  objectKey: text('object_key').notNull(),
  codes: text('codes').array().notNull(),
  findings: text('findings').notNull(),
  remarks: text('remarks').notNull(),
  itemResults: jsonb('item_results').$type<ItemResultJson[]>().notNull(),
  startedOn: date('started_on', { mode: 'string' }).notNull(),
  endedOn: date('ended_on', { mode: 'string' }).notNull(),
  verificationMethods: text('verification_methods').array().notNull(),
  /** The deadline (end + 20 official working days) and whether it was provisional when computed. */
  deadline: date('deadline', { mode: 'string' }).notNull(),
  deadlineProvisional: boolean('deadline_provisional').notNull(),
  publishedOn: date('published_on', { mode: 'string' }).notNull(),
  /** Why this version exists: required from version 2 (更正原因). */
  reason: text('reason'),
  publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.inspectionId, t.version] }),
  index('inspection_results_object_idx').on(t.objectKey),
  check('inspection_results_reason_check', sql`${t.version} = 1 or ${t.reason} is not null`),
]);

/** Where a follow-up was transferred (移送/抄告): a platform department, or an outside body with its document. */
export const followUpTransferKinds = ['department', 'external'] as const;

/**
 * 后续处置 (issue #7): a result with 发现问题待后续处理 opens the first record (status 'open',
 * no measure yet) when it is published; the owner department may add further measures for the
 * same result. Every change goes through the domain state machine (src/domain/followup) and is
 * recorded in follow_up_events. The result is closed-loop (已闭环) when all its records are closed.
 */
export const followUps = pgTable('follow_ups', {
  id: uuid('id').primaryKey().defaultRandom(),
  inspectionId: uuid('inspection_id').notNull().references(() => inspections.id, { onDelete: 'restrict' }),
  objectKey: text('object_key').notNull(),
  status: text('status').notNull().default('open'),
  /** Null until the department decides the measure (the record the publish step opens). */
  measure: text('measure'),
  /** Free text of the measure (其他, or details). */
  measureNote: text('measure_note').notNull().default(''),
  /** 责令改正: the date by which the entity must correct; overdue after it while not closed. */
  dueOn: date('due_on', { mode: 'string' }),
  /** The department responsible: the task's organising department (set on creation). */
  ownerDepartmentId: uuid('owner_department_id').references(() => departments.id, { onDelete: 'restrict' }),
  transferKind: text('transfer_kind'),
  transferDepartmentId: uuid('transfer_department_id').references(() => departments.id, { onDelete: 'restrict' }),
  transferBody: text('transfer_body'),
  transferDocumentNo: text('transfer_document_no'),
  transferDocumentDate: date('transfer_document_date', { mode: 'string' }),
  closedOn: date('closed_on', { mode: 'string' }),
  outcome: text('outcome'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('follow_ups_inspection_idx').on(t.inspectionId, t.createdAt),
  index('follow_ups_object_idx').on(t.objectKey),
  index('follow_ups_owner_idx').on(t.ownerDepartmentId, t.status),
  index('follow_ups_transfer_department_idx').on(t.transferDepartmentId),
  check('follow_ups_status_check', sql`${t.status} in ('open', 'in_progress', 'closed')`),
  check('follow_ups_measure_check', sql`${t.measure} is null or ${t.measure} in ('order_correction', 'transfer_case', 'notify_department', 'hand_to_daily_supervision', 'other')`),
  check('follow_ups_transfer_check', sql`(${t.transferKind} is null and ${t.transferDepartmentId} is null and ${t.transferBody} is null)
    or (${t.transferKind} = 'department' and ${t.transferDepartmentId} is not null)
    or (${t.transferKind} = 'external' and ${t.transferBody} is not null and ${t.transferDocumentNo} is not null and ${t.transferDocumentDate} is not null)`),
  check('follow_ups_closed_check', sql`(${t.status} = 'closed') = (${t.closedOn} is not null and ${t.outcome} is not null)`),
]);

/** The follow-up's timeline: measure set, progress notes, transfers, closure. Append-only. */
export const followUpEvents = pgTable('follow_up_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Insertion order: two events in the same millisecond still list in the order they happened. */
  seq: integer('seq').notNull().generatedAlwaysAsIdentity(),
  followUpId: uuid('follow_up_id').notNull().references(() => followUps.id, { onDelete: 'restrict' }),
  type: text('type').notNull(),
  /** The date the event happened (civil date, China time), as the user gave it. */
  on: date('on', { mode: 'string' }).notNull(),
  note: text('note').notNull().default(''),
  /** The event's data as applied: the measure and due date, the transfer target, the outcome. */
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  actorName: text('actor_name').notNull(),
  at: createdAt(),
}, (t) => [
  index('follow_up_events_follow_up_idx').on(t.followUpId, t.seq),
  check('follow_up_events_type_check', sql`${t.type} in ('created', 'measure', 'progress', 'transfer', 'close')`),
]);
