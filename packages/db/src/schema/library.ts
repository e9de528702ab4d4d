import { index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, notDeleted, softDelete, tstzNow } from './columns';
import { kids } from './kids';
import { stories } from './stories';
import { users } from './users';

/** Favorites, downloads, quota markers, recommendations and restrictions (data-model.md §5). */

export const favorites = pgTable(
  'favorites',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('favorites_kid_id_story_id_unique').on(t.kidId, t.storyId),
    index('favorites_kid_id_created_at_id_idx').on(
      t.kidId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('favorites_story_id_idx').on(t.storyId),
  ],
);

/** Insert/delete also adjusts stories.favoriteCount in the same transaction. */
export const parentFavorites = pgTable(
  'parent_favorites',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('parent_favorites_user_id_story_id_unique').on(t.userId, t.storyId),
    index('parent_favorites_user_id_created_at_id_idx').on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('parent_favorites_story_id_idx').on(t.storyId),
  ],
);

/**
 * One row per distinct story a user has opened; their count drives the free quota (rules.md §2).
 * Kept when the story leaves the library.
 */
export const storyAccess = pgTable(
  'story_access',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    firstAccessedAt: tstzNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.storyId] }), index('story_access_story_id_idx').on(t.storyId)],
);

export const downloadedStories = pgTable(
  'downloaded_stories',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    downloadedAt: tstzNow(),
  },
  (t) => [
    unique('downloaded_stories_kid_id_story_id_unique').on(t.kidId, t.storyId),
    index('downloaded_stories_kid_id_downloaded_at_idx').on(t.kidId, t.downloadedAt.desc().nullsFirst()),
    index('downloaded_stories_story_id_idx').on(t.storyId),
  ],
);

export const parentRecommendations = pgTable(
  'parent_recommendations',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    message: text(),
    recommendedAt: tstzNow(),
    ...softDelete(),
  },
  (t) => [
    unique('parent_recommendations_user_id_kid_id_story_id_unique').on(t.userId, t.kidId, t.storyId),
    index('parent_recommendations_kid_id_recommended_at_idx')
      .on(t.kidId, t.recommendedAt.desc().nullsFirst())
      .where(notDeleted),
    index('parent_recommendations_story_id_active_idx').on(t.storyId).where(notDeleted),
    index('parent_recommendations_user_id_idx').on(t.userId),
    // A partial index cannot serve the ON DELETE CASCADE lookup (its predicate is not implied), so the
    // FK columns whose spec'd indexes are partial also get a plain one.
    index('parent_recommendations_kid_id_idx').on(t.kidId),
    index('parent_recommendations_story_id_idx').on(t.storyId),
  ],
);

export const restrictedStories = pgTable(
  'restricted_stories',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('restricted_stories_kid_id_story_id_unique').on(t.kidId, t.storyId),
    index('restricted_stories_story_id_idx').on(t.storyId),
    index('restricted_stories_user_id_idx').on(t.userId),
  ],
);
