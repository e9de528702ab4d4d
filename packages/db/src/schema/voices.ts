import { type AnyPgColumn, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, softDelete, timestamps, tstz } from './columns';
import { voiceTypeEnum } from './enums';
import { users } from './users';

/**
 * Narration voices (rules.md §7): the six system voices (`user_id` null, `catalogue_key` set) and
 * users' own. The per-user ElevenLabs id unique is partial with NULLS NOT DISTINCT, which drizzle
 * cannot declare: see drizzle/0001_partial_unique_nulls_not_distinct.sql.
 */
export const voices = pgTable(
  'voices',
  {
    id: id(),
    userId: uuid().references((): AnyPgColumn => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    type: voiceTypeEnum().notNull(),
    /** Sample or preview URL. */
    url: text(),
    elevenLabsVoiceId: text(),
    voiceAvatar: text(),
    /** `CHARLIE`… for the system voices, so seeding and the importer never duplicate them. */
    catalogueKey: text().unique('voices_catalogue_key_unique'),
    samplePublicId: text(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    index('voices_user_id_idx').on(t.userId),
    index('voices_eleven_labs_voice_id_idx').on(t.elevenLabsVoiceId),
    index('voices_type_is_deleted_idx').on(t.type, t.isDeleted),
  ],
);

/** Per-user monthly AI counters and the free-tier second voice (rules.md §2, §7). */
export const userUsages = pgTable(
  'user_usages',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .unique('user_usages_user_id_unique')
      .references((): AnyPgColumn => users.id, { onDelete: 'cascade' }),
    /** `YYYY-MM` (UTC) the monthly counters belong to; a new month resets them first. */
    currentMonth: text().notNull(),
    elevenLabsCount: integer().notNull().default(0),
    geminiStoryCount: integer().notNull().default(0),
    geminiImageCount: integer().notNull().default(0),
    /** Lifetime; equals the user's story_access row count. */
    uniqueStoriesRead: integer().notNull().default(0),
    bonusStories: integer().notNull().default(0),
    lastBonusGrantedAt: tstz(),
    selectedSecondVoiceId: uuid().references(() => voices.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [index('user_usages_selected_second_voice_id_idx').on(t.selectedSecondVoiceId)],
);
