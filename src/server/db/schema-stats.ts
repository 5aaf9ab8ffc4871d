import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema.ts';

/**
 * 统计与督导 (issue #7.3–6): the dashboards and anomaly flags are computed from the other
 * tables on every request; only what a person adds is stored — oversight's review of a flag.
 */

/**
 * 异常核查记录: oversight marks a flag reviewed with a note. A flag has no row of its own (flags
 * are recomputed); its id is a hash of the rule and the records it names, so a review stays
 * attached while those records stay the same. Append-only: a second review adds a row and the
 * latest one is shown.
 */
export const anomalyReviews = pgTable('anomaly_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  flagId: text('flag_id').notNull(),
  rule: text('rule').notNull(),
  year: integer('year').notNull(),
  note: text('note').notNull(),
  reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
  reviewerName: text('reviewer_name').notNull(),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('anomaly_reviews_flag_idx').on(t.flagId, t.reviewedAt),
  index('anomaly_reviews_year_idx').on(t.year),
]);
