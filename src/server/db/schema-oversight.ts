import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema.ts';
import { entities } from './schema-directory.ts';
import { tasks } from './schema-plans.ts';

/** 督导 (oversight): callbacks to inspected entities. */

/** 回访: oversight's call to an inspected entity about how the inspection went. */
export const callbacks = pgTable('callbacks', {
  id: uuid('id').primaryKey().defaultRandom(),
  entityId: uuid('entity_id').notNull().references(() => entities.id, { onDelete: 'restrict' }),
  /** The task whose inspection the call is about, when known. */
  taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'restrict' }),
  calledOn: date('called_on', { mode: 'string' }).notNull(),
  channel: text('channel').notNull(),
  contactPerson: text('contact_person').notNull().default(''),
  announcedInAdvance: boolean('announced_in_advance').notNull(),
  certificatesShown: boolean('certificates_shown').notNull(),
  improperRequests: boolean('improper_requests').notNull(),
  satisfaction: text('satisfaction').notNull(),
  summary: text('summary').notNull().default(''),
  recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('callbacks_called_on_idx').on(t.calledOn),
  index('callbacks_entity_idx').on(t.entityId),
  check('callbacks_channel_check', sql`${t.channel} in ('phone', 'visit', 'sms', 'online', 'other')`),
  check('callbacks_satisfaction_check', sql`${t.satisfaction} in ('satisfied', 'basically_satisfied', 'dissatisfied')`),
]);
