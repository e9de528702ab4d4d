import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, randomId, tstz, tstzNow } from './columns';
import { stories } from './stories';
import { users } from './users';

/** Phase 2 guest mode (rules.md §3). */

export const guestSessions = pgTable(
  'guest_sessions',
  {
    id: randomId(),
    createdAt: createdAt(),
    expiresAt: tstz().notNull().default(sql`now() + interval '7 days'`),
    ipHash: text().notNull(),
    convertedUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('guest_sessions_expires_at_idx').on(t.expiresAt),
    index('guest_sessions_converted_user_id_idx').on(t.convertedUserId),
  ],
);

export const guestStoryAccess = pgTable(
  'guest_story_access',
  {
    guestSessionId: uuid()
      .notNull()
      .references(() => guestSessions.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    progress: real().notNull().default(0),
    completed: boolean().notNull().default(false),
    totalTimeSpent: integer().notNull().default(0),
    firstAccessedAt: tstzNow(),
    lastAccessed: tstzNow(),
  },
  (t) => [
    primaryKey({ columns: [t.guestSessionId, t.storyId] }),
    index('guest_story_access_story_id_idx').on(t.storyId),
  ],
);

export const guestActivity = pgTable(
  'guest_activity',
  {
    id: id(),
    guestSessionId: uuid()
      .notNull()
      .references(() => guestSessions.id, { onDelete: 'cascade' }),
    /** `session_created`, `story_accessed`, `quota_exhausted`. */
    action: text().notNull(),
    storyId: uuid().references(() => stories.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('guest_activity_action_created_at_idx').on(t.action, t.createdAt),
    index('guest_activity_guest_session_id_idx').on(t.guestSessionId),
    index('guest_activity_story_id_idx').on(t.storyId),
  ],
);
