import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, tstz, tstzNow } from './columns';
import { kids } from './kids';

/** Screen-time sessions of a kid (rules.md §17). */
export const screenTimeSessions = pgTable(
  'screen_time_sessions',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    startTime: tstzNow(),
    endTime: tstz(),
    /** Seconds. */
    duration: integer(),
    /** Start day in APP_TIMEZONE. */
    date: date().notNull(),
  },
  (t) => [
    index('screen_time_sessions_kid_id_date_idx').on(t.kidId, t.date),
    // At most one open session per kid: a second "start" must close or reuse the open one.
    uniqueIndex('screen_time_sessions_open_kid_id_uidx').on(t.kidId).where(sql`end_time is null`),
  ],
);
