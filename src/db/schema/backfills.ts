import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Data migrations the application runs once at start, after the SQL migrations (src/db/backfill.ts). */
export const appBackfills = pgTable('app_backfills', {
  name: text('name').primaryKey(),
  completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
});
