import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { avatars } from './avatars';
import { storyBuddies } from './buddies';
import { categories } from './catalog';
import { id, notDeleted, softDelete, timestamps, tstz } from './columns';
import { users } from './users';
import { voices } from './voices';

/** Kid profiles (data-model.md §3). Kids have no login; the parent's session acts for them. */
export const kids = pgTable(
  'kids',
  {
    id: id(),
    parentId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text(),
    // Free text such as `4-6`; the age is its first integer (rules.md §5.1).
    ageRange: text(),
    avatarId: text().references((): AnyPgColumn => avatars.id, { onDelete: 'set null' }),
    currentReadingLevel: integer().notNull().default(1),
    dailyScreenTimeLimitMins: integer(),
    preferredVoiceId: uuid().references((): AnyPgColumn => voices.id, { onDelete: 'set null' }),
    excludedTags: text().array().notNull().default(sql`'{}'::text[]`),
    isBedtimeEnabled: boolean().notNull().default(false),
    bedtimeStart: text(),
    bedtimeEnd: text(),
    // 0 = Sunday … 6 = Saturday.
    bedtimeDays: integer().array().notNull().default(sql`'{}'::integer[]`),
    bedtimeLockApp: boolean().notNull().default(false),
    bedtimeDimScreen: boolean().notNull().default(false),
    bedtimeReminder: boolean().notNull().default(false),
    bedtimeStoriesOnly: boolean().notNull().default(false),
    storyBuddyId: uuid().references((): AnyPgColumn => storyBuddies.id, { onDelete: 'set null' }),
    buddySelectedAt: tstz(),
    // Cached sum of kid_point_transactions, updated in the same transaction (rules.md §11).
    pointsBalance: integer().notNull().default(0),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    check('kids_current_reading_level_check', sql`current_reading_level between 1 and 10`),
    check('kids_daily_screen_time_limit_mins_check', sql`daily_screen_time_limit_mins between 0 and 1440`),
    index('kids_parent_id_created_at_idx').on(t.parentId, t.createdAt.desc().nullsFirst()).where(notDeleted),
    index('kids_parent_id_idx').on(t.parentId),
    index('kids_avatar_id_idx').on(t.avatarId),
    index('kids_preferred_voice_id_idx').on(t.preferredVoiceId),
    index('kids_story_buddy_id_idx').on(t.storyBuddyId),
  ],
);

export const kidPreferredCategories = pgTable(
  'kid_preferred_categories',
  {
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.kidId, t.categoryId] }),
    index('kid_preferred_categories_category_id_idx').on(t.categoryId),
  ],
);
