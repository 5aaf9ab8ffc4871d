import { sql } from 'drizzle-orm';
import {
  check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { DrawOutput, DrawRecord, ExclusionCount, MatchingInput, QuotaRule, StratumInput } from '../../domain/draw/types.ts';
import type { ExclusionRulesBody, ScopeFilters, StrataPlan, TeamRules } from '../../contracts/tasks.ts';
import { departments, users } from './schema.ts';

/**
 * 年度抽查计划, 抽查任务 and the draws (抽取). Published plan versions and draws are
 * immutable: a plan revision is a new version; a changed draw is a new draw with a new
 * drawId, the abandoned one stays. Triggers (migration plans_tasks_draws_immutable) refuse
 * DELETE of draws and any UPDATE of frozen inputs, the seed once set, or a finished record.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The scope filters of a plan line or a task (定向抽查); all empty = untargeted (不定向). */
export type ScopeFiltersJson = ScopeFilters;

/** One line of a plan: a planned inspection (task summary). */
export interface PlanLineJson {
  name: string;
  itemIds: string[];
  departmentIds: string[];
  scope: ScopeFiltersJson;
  ratioBp: number;
  periodFrom: string;
  periodTo: string;
}

/** One plan per department and year; its content lives in versions. */
export const plans = pgTable('plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  departmentId: uuid('department_id').notNull().references(() => departments.id, { onDelete: 'restrict' }),
  year: integer('year').notNull(),
  currentVersion: integer('current_version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('plans_department_year_key').on(t.departmentId, t.year),
  index('plans_year_idx').on(t.year),
]);

/** Every version of a plan. A published version is never changed; a revision (计划调整) is the next version. */
export const planVersions = pgTable('plan_versions', {
  planId: uuid('plan_id').notNull().references(() => plans.id, { onDelete: 'restrict' }),
  version: integer('version').notNull(),
  status: text('status').notNull(),
  title: text('title').notNull(),
  lines: jsonb('lines').$type<PlanLineJson[]>().notNull(),
  /** Why this version exists (required from version 2: the revision reason). */
  reason: text('reason'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  submittedAt: at('submitted_at'),
  submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
  approvedAt: at('approved_at'),
  approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: at('published_at'),
  publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  supersededAt: at('superseded_at'),
}, (t) => [
  primaryKey({ columns: [t.planId, t.version] }),
  index('plan_versions_status_idx').on(t.status),
  check('plan_versions_status_check', sql`${t.status} in ('draft', 'submitted', 'approved', 'published', 'superseded')`),
  check('plan_versions_reason_check', sql`${t.version} = 1 or ${t.reason} is not null`),
]);

/** 抽查任务 / 实施方案. `code` is the public drawId of its first draw. */
export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  source: text('source').notNull(),
  planId: uuid('plan_id').references(() => plans.id, { onDelete: 'restrict' }),
  organizerDepartmentId: uuid('organizer_department_id').notNull().references(() => departments.id, { onDelete: 'restrict' }),
  participatingDepartmentIds: uuid('participating_department_ids').array().notNull(),
  itemIds: uuid('item_ids').array().notNull(),
  scope: jsonb('scope').$type<ScopeFiltersJson>().notNull(),
  strataPlan: jsonb('strata_plan').$type<StrataPlan>().notNull(),
  exclusionRules: jsonb('exclusion_rules').$type<ExclusionRulesBody>().notNull(),
  teamRules: jsonb('team_rules').$type<TeamRules>().notNull(),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  description: text('description').notNull().default(''),
  status: text('status').notNull().default('draft'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('tasks_code_key').on(t.code),
  index('tasks_plan_idx').on(t.planId),
  index('tasks_organizer_idx').on(t.organizerDepartmentId),
  check('tasks_source_check', sql`${t.source} in ('plan', 'ad_hoc')`),
  check('tasks_status_check', sql`${t.status} in ('draft', 'frozen', 'drawn')`),
]);

/** The public failure of a draw (e.g. a slot with no eligible officer). */
export interface DrawFailureJson {
  code: string;
  message: string;
}

/** The frozen inputs and, once drawn, the complete public record of one draw. */
export const draws = pgTable('draws', {
  id: uuid('id').primaryKey().defaultRandom(),
  taskId: uuid('task_id').notNull().references(() => tasks.id, { onDelete: 'restrict' }),
  drawId: text('draw_id').notNull(),
  attempt: integer('attempt').notNull(),
  status: text('status').notNull(),
  frozenAt: at('frozen_at').notNull(),
  freezeDate: date('freeze_date', { mode: 'string' }).notNull(),
  strata: jsonb('strata').$type<StratumInput[]>().notNull(),
  exclusions: jsonb('exclusions').$type<ExclusionCount[]>().notNull(),
  unplanned: jsonb('unplanned').$type<ExclusionCount[]>().notNull(),
  matching: jsonb('matching').$type<MatchingInput>().notNull(),
  listHashes: jsonb('list_hashes').$type<Record<string, string>>().notNull(),
  /** Each stratum's name, quota and candidate count, in the order of `strata`: what pages show without reading the lists. */
  strataCounts: jsonb('strata_counts').$type<{ name: string; quota: QuotaRule; n: number }[]>().notNull(),
  /** The task's public scheme as frozen (items, scope, rules): published with the announcement. */
  scheme: jsonb('scheme').$type<Record<string, unknown>>().notNull(),
  confirmWorkdays: integer('confirm_workdays').notNull(),
  seed: text('seed'),
  seedMethod: text('seed_method'),
  seedContributions: jsonb('seed_contributions').$type<{ department: string; digits: string }[]>(),
  witnesses: text('witnesses').array(),
  seededAt: at('seeded_at'),
  startedAt: at('started_at'),
  drawnAt: at('drawn_at'),
  output: jsonb('output').$type<DrawOutput>(),
  record: jsonb('record').$type<DrawRecord>(),
  failure: jsonb('failure').$type<DrawFailureJson>(),
  abandonedAt: at('abandoned_at'),
  abandonReason: text('abandon_reason'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('draws_draw_id_key').on(t.drawId),
  uniqueIndex('draws_task_attempt_key').on(t.taskId, t.attempt),
  check('draws_status_check', sql`${t.status} in ('frozen', 'seeded', 'running', 'completed', 'failed', 'abandoned')`),
  check('draws_seed_method_check', sql`${t.seedMethod} is null or ${t.seedMethod} in ('dice', 'departments', 'system')`),
]);

/** 人员替换: an officer who cannot go, replaced by the next eligible one in the standard's order. Append-only. */
export const drawReplacements = pgTable('draw_replacements', {
  id: uuid('id').primaryKey().defaultRandom(),
  drawId: uuid('draw_id').notNull().references(() => draws.id, { onDelete: 'restrict' }),
  seq: integer('seq').notNull(),
  objectKey: text('object_key').notNull(),
  replacedOfficerKey: text('replaced_officer_key').notNull(),
  replacementOfficerKey: text('replacement_officer_key').notNull(),
  slot: integer('slot').notNull(),
  reason: text('reason').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('draw_replacements_draw_seq_key').on(t.drawId, t.seq)]);

/** 名单确认: each participating department confirms its dispatched list. */
export const drawConfirmations = pgTable('draw_confirmations', {
  drawId: uuid('draw_id').notNull().references(() => draws.id, { onDelete: 'restrict' }),
  departmentId: uuid('department_id').notNull().references(() => departments.id, { onDelete: 'restrict' }),
  confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
  confirmedAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.drawId, t.departmentId] })]);
