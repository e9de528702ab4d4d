import { randomUUID } from 'node:crypto';
import {
  categories,
  seasons,
  stories,
  storyCategories,
  storySeasons,
  storyThemes,
  themes,
} from '@storytime/db';
import type { TestApp } from './helpers';

/**
 * Story rows for the feed and catalogue tests, written straight to the database. Test files share
 * one database, so every test makes its own category/theme/season and asserts on its own rows only.
 */

export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

export async function createCategory(t: TestApp, values: { isDeleted?: boolean } = {}): Promise<string> {
  const [row] = await t.app.core.db
    .insert(categories)
    .values({ name: unique('Category'), description: 'test category', ...values })
    .returning({ id: categories.id });
  return row!.id;
}

export async function createTheme(t: TestApp, values: { isDeleted?: boolean } = {}): Promise<string> {
  const [row] = await t.app.core.db
    .insert(themes)
    .values({ name: unique('Theme'), ...values })
    .returning({ id: themes.id });
  return row!.id;
}

export async function createSeason(
  t: TestApp,
  values: {
    startDate?: string | null;
    endDate?: string | null;
    isActive?: boolean;
    isDeleted?: boolean;
  } = {},
): Promise<string> {
  const [row] = await t.app.core.db
    .insert(seasons)
    .values({ name: unique('Season'), startDate: '01-01', endDate: '12-31', ...values })
    .returning({ id: seasons.id });
  return row!.id;
}

export interface StorySpec {
  title?: string;
  createdAt?: Date | string;
  difficultyLevel?: number;
  ageMin?: number;
  ageMax?: number;
  favoriteCount?: number;
  recommended?: boolean;
  isPublished?: boolean;
  isDeleted?: boolean;
  ownerUserId?: string | null;
  categoryIds?: string[];
  themeIds?: string[];
  seasonIds?: string[];
}

/** Inserts the stories (in one statement) and their links; returns the ids in the order given. */
export async function createStories(t: TestApp, specs: StorySpec[]): Promise<string[]> {
  const db = t.app.core.db;
  const rows = await db
    .insert(stories)
    .values(
      specs.map((spec) => ({
        title: spec.title ?? unique('Story'),
        description: 'A test story',
        language: 'en',
        textContent: 'Once upon a time.',
        difficultyLevel: spec.difficultyLevel ?? 1,
        ageMin: spec.ageMin ?? 0,
        ageMax: spec.ageMax ?? 9,
        favoriteCount: spec.favoriteCount ?? 0,
        recommended: spec.recommended ?? false,
        isPublished: spec.isPublished ?? true,
        isDeleted: spec.isDeleted ?? false,
        ownerUserId: spec.ownerUserId ?? null,
        ...(spec.createdAt ? { createdAt: new Date(spec.createdAt) } : {}),
      })),
    )
    .returning({ id: stories.id });
  const ids = rows.map((row) => row.id);
  const links = <T>(
    pick: (spec: StorySpec) => string[] | undefined,
    make: (storyId: string, id: string) => T,
  ) => specs.flatMap((spec, index) => (pick(spec) ?? []).map((id) => make(ids[index]!, id)));
  const categoryLinks = links(
    (spec) => spec.categoryIds,
    (storyId, categoryId) => ({ storyId, categoryId }),
  );
  const themeLinks = links(
    (spec) => spec.themeIds,
    (storyId, themeId) => ({ storyId, themeId }),
  );
  const seasonLinks = links(
    (spec) => spec.seasonIds,
    (storyId, seasonId) => ({ storyId, seasonId }),
  );
  if (categoryLinks.length > 0) await db.insert(storyCategories).values(categoryLinks);
  if (themeLinks.length > 0) await db.insert(storyThemes).values(themeLinks);
  if (seasonLinks.length > 0) await db.insert(storySeasons).values(seasonLinks);
  return ids;
}

/** Sets `created_at` with microsecond precision (a JS Date cannot carry it). */
export async function setCreatedAt(t: TestApp, storyId: string, timestamp: string): Promise<void> {
  await t.deps.pool.query('update stories set created_at = $1::timestamptz where id = $2', [
    timestamp,
    storyId,
  ]);
}

export interface ListItem {
  id: string;
  createdAt: string;
  categories: Array<{ id: string; name: string }>;
  themes: Array<{ id: string; name: string }>;
  seasons: Array<{ id: string; name: string }>;
  [key: string]: unknown;
}

export interface CursorPage {
  items: ListItem[];
  nextCursor: string | null;
  hasMore: boolean;
}

/** GET a feed URL and return its data, failing loudly on a non-200. */
export async function getData<T>(t: TestApp, url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await t.app.inject({ method: 'GET', url, headers });
  if (response.statusCode !== 200) throw new Error(`${url} → ${response.statusCode}: ${response.body}`);
  return response.json().data as T;
}

/** Follows `nextCursor` to the end; returns every page. */
export async function allPages(
  t: TestApp,
  url: string,
  headers: Record<string, string> = {},
): Promise<CursorPage[]> {
  const pages: CursorPage[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page: CursorPage = await getData<CursorPage>(
      t,
      cursor ? `${url}${separator}cursor=${encodeURIComponent(cursor)}` : url,
      headers,
    );
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 50) throw new Error('too many pages');
  } while (cursor);
  return pages;
}

/** A raw column update on a kid (apps/api does not depend on drizzle-orm directly). */
export async function updateKid(t: TestApp, kidId: string, assignment: string): Promise<void> {
  await t.deps.pool.query(`update kids set ${assignment} where id = $1`, [kidId]);
}
