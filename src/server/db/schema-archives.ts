import { char, customType, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema.ts';
import { draws, tasks } from './schema-plans.ts';

/**
 * 归档 (issue #7): one archive per task, made once its completed draw, every inspection and
 * every follow-up are complete. A task is archived when it has a row here; from then on the
 * task, its draws, its inspections and their follow-ups are read-only (services refuse with
 * 409; triggers of migration archives refuse at the database). The row itself is never
 * changed or deleted (trigger).
 */

/** File bytes in the database (PGlite returns Uint8Array, node-postgres a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

export const taskArchives = pgTable('task_archives', {
  id: uuid('id').primaryKey().defaultRandom(),
  taskId: uuid('task_id').notNull().references(() => tasks.id, { onDelete: 'restrict' }),
  /** The completed draw whose objects the archive holds. */
  drawId: uuid('draw_id').notNull().references(() => draws.id, { onDelete: 'restrict' }),
  fileName: text('file_name').notNull(),
  /** SHA-256 of manifest.json inside the zip (also in the audit event): protects the manifest. */
  manifestSha256: char('manifest_sha256', { length: 64 }).notNull(),
  /** SHA-256 of the zip as stored. */
  zipSha256: char('zip_sha256', { length: 64 }).notNull(),
  fileCount: integer('file_count').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('task_archives_task_key').on(t.taskId)]);
