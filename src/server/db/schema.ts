import { sql } from 'drizzle-orm';
import {
  bigint, boolean, char, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** 局、科、室、中心、站、队: the organisation tree of a bureau. */
export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  parentId: uuid('parent_id').references((): AnyPgColumn => departments.id, { onDelete: 'restrict' }),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  code: text('code').notNull(),
  regionCode: char('region_code', { length: 6 }).notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('departments_code_key').on(t.code),
  index('departments_parent_idx').on(t.parentId),
  check('departments_kind_check', sql`${t.kind} in ('bureau', 'section', 'office', 'center', 'station', 'brigade')`),
]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
  departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'restrict' }),
  active: boolean('active').notNull().default(true),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** Consecutive failed logins since the last success; 5 lock the account for 15 minutes. */
  failedLoginCount: integer('failed_login_count').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('users_username_key').on(t.username),
  index('users_department_idx').on(t.departmentId),
]);

/** Browser sessions. Only the SHA-256 of the cookie value is stored. */
export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: char('token_hash', { length: 64 }).notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [
  uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
  index('sessions_user_idx').on(t.userId),
]);

/** Personal API tokens for machine clients (Bearer). Only the SHA-256 is stored. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: char('token_hash', { length: 64 }).notNull(),
  scopes: text('scopes').array().notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash),
  index('api_tokens_user_idx').on(t.userId),
]);

/**
 * The append-only, hash-chained audit log. `seq` is assigned by appendAudit under a
 * transaction-scoped advisory lock (never by a sequence), so that it has no gaps: a gap
 * means a deleted row.
 */
export const auditEvents = pgTable('audit_events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id'),
  summary: text('summary').notNull(),
  changes: jsonb('changes').$type<Record<string, unknown>>(),
  prevHash: char('prev_hash', { length: 64 }).notNull(),
  hash: char('hash', { length: 64 }).notNull(),
}, (t) => [
  index('audit_events_at_idx').on(t.at),
  index('audit_events_action_idx').on(t.action),
  index('audit_events_actor_idx').on(t.actorId),
  index('audit_events_subject_idx').on(t.subjectType, t.subjectId),
]);

/** Small key/value settings of the installation (bureau name, etc.). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
