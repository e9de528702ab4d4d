import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, notDeleted, softDelete, timestamps } from './columns';
import { kids } from './kids';
import { users } from './users';

/**
 * Rows every public feed reads: not deleted, published, and not a family's private AI story.
 * The feed indexes below are partial on it so they stay small and match the repository filter exactly.
 */
const publicStory = sql`is_deleted = false and is_published = true and owner_user_id is null`;

/** data-model.md §4. */
export const stories = pgTable(
  'stories',
  {
    id: id(),
    title: text().notNull(),
    description: text().notNull(),
    language: text().notNull(),
    coverImageUrl: text().notNull().default(''),
    audioUrl: text().notNull().default(''),
    textContent: text(),
    // SHA-256 of the normalised text (rules.md §7.4); part of the audio cache key.
    textHash: text(),
    isInteractive: boolean().notNull().default(false),
    ageMin: integer().notNull().default(0),
    ageMax: integer().notNull().default(9),
    backgroundColor: text().notNull().default('#5E3A54'),
    recommended: boolean().notNull().default(false),
    aiGenerated: boolean().notNull().default(false),
    difficultyLevel: integer().notNull().default(1),
    wordCount: integer().notNull().default(0),
    durationSeconds: integer(),
    creatorKidId: uuid().references(() => kids.id, { onDelete: 'set null' }),
    // Set for AI-generated stories: private to that family (rules.md §12).
    ownerUserId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    isPublished: boolean().notNull().default(true),
    // Kept equal to the parent_favorites count in the same transaction, for keyset "most liked" ordering.
    favoriteCount: integer().notNull().default(0),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    check('stories_age_range_check', sql`age_min <= age_max`),
    check('stories_difficulty_level_check', sql`difficulty_level between 1 and 10`),
    index('stories_feed_created_idx')
      .on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(publicStory),
    index('stories_feed_difficulty_idx')
      .on(t.difficultyLevel, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(publicStory),
    index('stories_feed_favorites_idx')
      .on(t.favoriteCount.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(publicStory),
    index('stories_feed_age_idx').on(t.ageMin, t.ageMax).where(publicStory),
    index('stories_feed_recommended_idx')
      .on(t.recommended, t.createdAt.desc().nullsFirst())
      .where(sql`${publicStory} and recommended = true`),
    index('stories_language_idx').on(t.language).where(notDeleted),
    index('stories_creator_kid_id_idx').on(t.creatorKidId),
    index('stories_owner_user_id_idx').on(t.ownerUserId),
    index('stories_ai_generated_is_deleted_idx').on(t.aiGenerated, t.isDeleted),
    index('stories_is_deleted_deleted_at_idx').on(t.isDeleted, t.deletedAt),
  ],
);
