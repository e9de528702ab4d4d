import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { categories, seasons, stories, storyCategories, themes } from '../schema';
import { publicStory } from './story-list';

/** The story catalogue: categories, themes and seasons (api.md STORY-03..05). */

export interface CategoryWithCount {
  id: string;
  name: string;
  image: string | null;
  description: string | null;
  storyCount: number;
}

/**
 * Live categories with the number of public stories in each, in ONE aggregate query: the story
 * join carries the public predicate, so a category without public stories still appears with 0.
 */
export async function listCategoriesWithCounts(tx: DbOrTx): Promise<CategoryWithCount[]> {
  return tx
    .select({
      id: categories.id,
      name: categories.name,
      image: categories.image,
      description: categories.description,
      storyCount: sql<number>`count(${stories.id})::int`,
    })
    .from(categories)
    .leftJoin(storyCategories, eq(storyCategories.categoryId, categories.id))
    .leftJoin(stories, and(eq(stories.id, storyCategories.storyId), publicStory))
    .where(eq(categories.isDeleted, false))
    .groupBy(categories.id)
    .orderBy(asc(categories.name));
}

export interface ThemeRecord {
  id: string;
  name: string;
  image: string | null;
  description: string | null;
}

export async function listThemes(tx: DbOrTx): Promise<ThemeRecord[]> {
  return tx
    .select({ id: themes.id, name: themes.name, image: themes.image, description: themes.description })
    .from(themes)
    .where(eq(themes.isDeleted, false))
    .orderBy(asc(themes.name));
}

export interface SeasonRecord {
  id: string;
  name: string;
  description: string | null;
  iconUrl: string | null;
  /** `MM-DD` */
  startDate: string | null;
  /** `MM-DD` */
  endDate: string | null;
  isActive: boolean;
}

/** Live seasons, enabled or not, by start date (seasons without one last). */
export async function listSeasons(tx: DbOrTx): Promise<SeasonRecord[]> {
  return tx
    .select({
      id: seasons.id,
      name: seasons.name,
      description: seasons.description,
      iconUrl: seasons.iconUrl,
      startDate: seasons.startDate,
      endDate: seasons.endDate,
      isActive: seasons.isActive,
    })
    .from(seasons)
    .where(eq(seasons.isDeleted, false))
    .orderBy(sql`${seasons.startDate} asc nulls last`, asc(seasons.name));
}
