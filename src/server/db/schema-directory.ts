import { sql } from 'drizzle-orm';
import {
  boolean, char, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { departments, users } from './schema.ts';

/**
 * 一单两库一指引: the item list with its guidelines, the entity directory (主体类 and
 * 非主体类 objects) and the officer directory. Published things are versioned: the current
 * state sits in the main row for querying, every version is kept whole in *_versions.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** 随机抽查事项. `claimedByDepartmentId` null means not claimed (e.g. imported from the province's list). */
export const items = pgTable('items', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  version: integer('version').notNull().default(1),
  status: text('status').notNull().default('active'),
  category: text('category').notNull(),
  groupName: text('group_name').notNull(),
  name: text('name').notNull(),
  legalBasis: text('legal_basis').notNull(),
  responsibleDepartmentId: uuid('responsible_department_id').references(() => departments.id, { onDelete: 'restrict' }),
  supervisionLevel: text('supervision_level').notNull(),
  objectType: text('object_type').notNull(),
  content: text('content').notNull(),
  methods: text('methods').array().notNull().default(sql`'{}'::text[]`),
  defaultRatioBp: integer('default_ratio_bp'),
  frequency: text('frequency'),
  requiredTags: text('required_tags').array().notNull().default(sql`'{}'::text[]`),
  industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
  remarks: text('remarks'),
  source: text('source').notNull().default('own'),
  claimedByDepartmentId: uuid('claimed_by_department_id').references(() => departments.id, { onDelete: 'restrict' }),
  claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  retiredReason: text('retired_reason'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('items_code_key').on(t.code),
  index('items_claimed_by_idx').on(t.claimedByDepartmentId),
  check('items_category_check', sql`${t.category} in ('key', 'general')`),
  check('items_status_check', sql`${t.status} in ('active', 'retired')`),
  check('items_level_check', sql`${t.supervisionLevel} in ('province', 'city', 'county')`),
  check('items_source_check', sql`${t.source} in ('own', 'upper')`),
  check('items_retired_reason_check', sql`${t.status} <> 'retired' or ${t.retiredReason} is not null`),
]);

/** Every version of an item, whole, with who changed it and why: history and diff. */
export const itemVersions = pgTable('item_versions', {
  itemId: uuid('item_id').notNull().references(() => items.id, { onDelete: 'restrict' }),
  version: integer('version').notNull(),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  reason: text('reason'),
  changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
  changedAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.itemId, t.version] })]);

/** 抽查工作指引: one per item, versioned; an inspection keeps the version it used. */
export const guidelineVersions = pgTable('guideline_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  itemId: uuid('item_id').notNull().references(() => items.id, { onDelete: 'restrict' }),
  version: integer('version').notNull(),
  content: text('content').notNull(),
  method: text('method').notNull(),
  basis: text('basis').notNull(),
  /** 检查要点: [{ code, text }] in order. */
  checkpoints: jsonb('checkpoints').$type<{ code: string; text: string }[]>().notNull(),
  reason: text('reason'),
  changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('guideline_versions_item_version_key').on(t.itemId, t.version)]);

/**
 * 检查对象名录库. kind 'subject' (主体类, keyed by USCC, or by the legacy 注册号 when it has none)
 * or 'object' (非主体类: vehicle, road project, station …, keyed by its directory code).
 * `key` is the draw key (spec/draw.md §1). `riskClass` is the class of the latest snapshot,
 * kept for filtering; a draw reads the snapshots in force at its freeze.
 */
export const entities = pgTable('entities', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  key: text('key').notNull(),
  uscc: char('uscc', { length: 18 }),
  registrationNumber: text('registration_number'),
  objectKind: text('object_kind'),
  name: text('name').notNull(),
  legalRepresentative: text('legal_representative'),
  address: text('address'),
  regionCode: char('region_code', { length: 6 }),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  industry: text('industry'),
  focusAreas: text('focus_areas').array().notNull().default(sql`'{}'::text[]`),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  status: text('status').notNull().default('active'),
  statusSince: date('status_since', { mode: 'string' }),
  foundedOn: date('founded_on', { mode: 'string' }),
  riskClass: char('risk_class', { length: 1 }).notNull().default('U'),
  ownerKey: text('owner_key'),
  attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
  claimedByDepartmentId: uuid('claimed_by_department_id').references(() => departments.id, { onDelete: 'restrict' }),
  claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('entities_key_key').on(t.key),
  uniqueIndex('entities_uscc_key').on(t.uscc),
  // Name in byte order ("C"): serves both `name COLLATE "C" LIKE 'prefix%'` and the list's
  // ORDER BY name, id (a text_pattern_ops index serves only the former).
  index('entities_name_order_idx').using('btree', sql`${t.name} collate "C"`, t.id),
  index('entities_registration_number_idx').on(t.registrationNumber),
  index('entities_owner_key_idx').on(t.ownerKey),
  index('entities_kind_industry_idx').on(t.kind, t.industry),
  // Filters that match a few percent of a million rows, each ending in the list's order
  // (name "C", id): the page is the first 20 entries of the index, wherever the matches sit
  // in the name order (a region's names cluster under a few leading characters). They also
  // serve the plain equality filter, so they replace single-column indexes.
  index('entities_risk_class_name_idx').using('btree', t.riskClass, sql`${t.name} collate "C"`, t.id),
  // The list's "risk class, descending" keeps names ascending within a class: a mixed order
  // that no direction of the index above gives (without it: an incremental sort of the
  // whole first class, 0.8–7.5 s at a million rows).
  index('entities_risk_class_desc_name_idx').using('btree', t.riskClass.desc().nullsFirst(), sql`${t.name} collate "C"`, t.id),
  index('entities_status_idx').on(t.status),
  index('entities_region_name_idx').using('btree', t.regionCode, sql`${t.name} collate "C"`, t.id),
  index('entities_claimed_by_name_idx').using('btree', t.claimedByDepartmentId, sql`${t.name} collate "C"`, t.id),
  // "Not yet claimed" is IS NULL, which the planner does not treat as fixing the leading
  // column of the index above (no equality), so the order needs its own partial index.
  index('entities_unclaimed_name_idx').using('btree', sql`${t.name} collate "C"`, t.id).where(sql`${t.claimedByDepartmentId} is null`),
  index('entities_focus_areas_idx').using('gin', t.focusAreas),
  index('entities_tags_idx').using('gin', t.tags),
  check('entities_kind_check', sql`${t.kind} in ('subject', 'object')`),
  check('entities_status_check', sql`${t.status} in ('active', 'suspended', 'deregistered', 'revoked', 'moved_out', 'closed')`),
  check('entities_risk_class_check', sql`${t.riskClass} in ('A', 'B', 'C', 'D', 'U')`),
]);

/** Monthly credit-risk classification snapshots (企业信用风险分类), one per entity and month. */
export const riskSnapshots = pgTable('risk_snapshots', {
  entityId: uuid('entity_id').notNull().references(() => entities.id, { onDelete: 'cascade' }),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  riskClass: char('risk_class', { length: 1 }).notNull(),
  importJobId: uuid('import_job_id'),
}, (t) => [
  primaryKey({ columns: [t.entityId, t.effectiveFrom] }),
  check('risk_snapshots_class_check', sql`${t.riskClass} in ('A', 'B', 'C', 'D', 'U')`),
]);

/** 执法检查人员名录库. Experts (专家) are kept here too, by category, and never count as officers. */
export const officers = pgTable('officers', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The draw key: 执法证号; experts without a certificate get a directory code instead. */
  key: text('key').notNull(),
  certificateNo: text('certificate_no'),
  certificateType: text('certificate_type'),
  validFrom: date('valid_from', { mode: 'string' }),
  validTo: date('valid_to', { mode: 'string' }),
  name: text('name').notNull(),
  gender: text('gender'),
  title: text('title'),
  departmentId: uuid('department_id').notNull().references(() => departments.id, { onDelete: 'restrict' }),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  category: text('category').notNull().default('officer'),
  status: text('status').notNull().default('active'),
  leaveFrom: date('leave_from', { mode: 'string' }),
  leaveTo: date('leave_to', { mode: 'string' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('officers_key_key').on(t.key),
  uniqueIndex('officers_certificate_no_key').on(t.certificateNo),
  index('officers_department_idx').on(t.departmentId),
  index('officers_tags_idx').using('gin', t.tags),
  check('officers_category_check', sql`${t.category} in ('officer', 'expert')`),
  check('officers_status_check', sql`${t.status} in ('active', 'suspended', 'on_leave')`),
]);

/** Declared conflicts of interest (回避): the officer is recused from the entity while valid. */
export const officerConflicts = pgTable('officer_conflicts', {
  id: uuid('id').primaryKey().defaultRandom(),
  officerId: uuid('officer_id').notNull().references(() => officers.id, { onDelete: 'cascade' }),
  entityId: uuid('entity_id').notNull().references(() => entities.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  createdAt: createdAt(),
}, (t) => [
  index('officer_conflicts_officer_idx').on(t.officerId),
  index('officer_conflicts_entity_idx').on(t.entityId),
]);

/**
 * Imports run as jobs: parse and validate into `import_rows` (staging), show a preview,
 * then commit in one transaction — so a killed import leaves the directory as it was.
 */
export const importJobs = pgTable('import_jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: char('file_sha256', { length: 64 }).notNull(),
  totalRows: integer('total_rows').notNull().default(0),
  acceptedRows: integer('accepted_rows').notNull().default(0),
  rejectedRows: integer('rejected_rows').notNull().default(0),
  /** Rows handled so far in the current phase, for the progress bar. */
  progress: integer('progress').notNull().default(0),
  /** After commit: { inserted, updated, unchanged }. */
  summary: jsonb('summary').$type<Record<string, number>>(),
  error: text('error'),
  departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  index('import_jobs_created_idx').on(t.createdAt),
  check('import_jobs_status_check', sql`${t.status} in ('validating', 'preview', 'committing', 'done', 'failed', 'cancelled')`),
]);

export const importRows = pgTable('import_rows', {
  jobId: uuid('job_id').notNull().references(() => importJobs.id, { onDelete: 'cascade' }),
  rowNo: integer('row_no').notNull(),
  accepted: boolean('accepted').notNull(),
  data: jsonb('data').$type<Record<string, string | null>>().notNull(),
  raw: jsonb('raw').$type<Record<string, string>>().notNull(),
  /** Errors (rejected rows) and warnings; `severity` absent means error. */
  issues: jsonb('issues').$type<{ column: string; reason: string; severity?: 'error' | 'warning' }[]>().notNull(),
}, (t) => [primaryKey({ columns: [t.jobId, t.rowNo] })]);

