import { index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { categories, seasons, themes } from './catalog';
import { stories } from './stories';

/**
 * Story ↔ category/theme/season links. The primary key serves "links of a story"; the reversed
 * index serves the catalogue filters ("stories in category X").
 */

export const storyCategories = pgTable(
  'story_categories',
  {
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.categoryId] }),
    index('story_categories_category_id_story_id_idx').on(t.categoryId, t.storyId),
  ],
);

export const storyThemes = pgTable(
  'story_themes',
  {
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    themeId: uuid()
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.themeId] }),
    index('story_themes_theme_id_story_id_idx').on(t.themeId, t.storyId),
  ],
);

export const storySeasons = pgTable(
  'story_seasons',
  {
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    seasonId: uuid()
      .notNull()
      .references(() => seasons.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.seasonId] }),
    index('story_seasons_season_id_story_id_idx').on(t.seasonId, t.storyId),
  ],
);
