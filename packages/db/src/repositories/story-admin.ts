import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import {
  categories,
  seasons,
  stories,
  storyBranches,
  storyCategories,
  storyImages,
  storySeasons,
  storyThemes,
  themes,
} from '../schema';

/**
 * Story content writes of STORY-06..11 (api.md §4.2). Every function runs inside the caller's
 * transaction (platform.md §13: id validation and the write are one unit).
 */

// The API does not depend on @storytime/domain; it reaches the text metrics through here.
export { storyTextMetrics } from '@storytime/domain';

/** What the admin routes may act on and answer with: any story that is not soft-deleted. */
export const liveStory: SQL = eq(stories.isDeleted, false);

export interface StoryLinkIds {
  themeIds?: readonly string[] | undefined;
  categoryIds?: readonly string[] | undefined;
  seasonIds?: readonly string[] | undefined;
}

export interface KnownCatalogueIds {
  themes: Set<string>;
  categories: Set<string>;
  seasons: Set<string>;
}

/** Which of the given ids name live themes, categories and seasons: one statement for all three. */
export async function findKnownCatalogueIds(tx: DbOrTx, ids: StoryLinkIds): Promise<KnownCatalogueIds> {
  const known: KnownCatalogueIds = { themes: new Set(), categories: new Set(), seasons: new Set() };
  const themeIds = [...(ids.themeIds ?? [])];
  const categoryIds = [...(ids.categoryIds ?? [])];
  const seasonIds = [...(ids.seasonIds ?? [])];
  if (themeIds.length + categoryIds.length + seasonIds.length === 0) return known;
  const rows = await unionAll(
    tx
      .select({ kind: sql<string>`'theme'::text`.as('kind'), id: themes.id })
      .from(themes)
      .where(and(inArray(themes.id, themeIds), eq(themes.isDeleted, false))),
    tx
      .select({ kind: sql<string>`'category'::text`.as('kind'), id: categories.id })
      .from(categories)
      .where(and(inArray(categories.id, categoryIds), eq(categories.isDeleted, false))),
    tx
      .select({ kind: sql<string>`'season'::text`.as('kind'), id: seasons.id })
      .from(seasons)
      .where(and(inArray(seasons.id, seasonIds), eq(seasons.isDeleted, false))),
  );
  for (const row of rows) {
    if (row.kind === 'theme') known.themes.add(row.id);
    else if (row.kind === 'category') known.categories.add(row.id);
    else known.seasons.add(row.id);
  }
  return known;
}

export interface StoryFields {
  title?: string;
  description?: string;
  language?: string;
  coverImageUrl?: string;
  audioUrl?: string;
  textContent?: string | null;
  textHash?: string | null;
  wordCount?: number;
  durationSeconds?: number | null;
  isInteractive?: boolean;
  ageMin?: number;
  ageMax?: number;
  difficultyLevel?: number;
  backgroundColor?: string;
}

export type NewStory = StoryFields & { title: string; description: string; language: string };

const defined = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Inserts the story row; omitted fields take the column defaults (data-model.md §4). */
export async function insertStory(tx: DbOrTx, values: NewStory): Promise<string> {
  const [row] = await tx
    .insert(stories)
    .values({
      ...defined(values),
      title: values.title,
      description: values.description,
      language: values.language,
    })
    .returning({ id: stories.id });
  return row!.id;
}

/** Locks a live (not deleted) story for an update and returns the stored age range. */
export async function lockLiveStory(
  tx: DbOrTx,
  storyId: string,
): Promise<{ ageMin: number; ageMax: number } | undefined> {
  const [row] = await tx
    .select({ ageMin: stories.ageMin, ageMax: stories.ageMax })
    .from(stories)
    .where(and(eq(stories.id, storyId), eq(stories.isDeleted, false)))
    .for('update');
  return row;
}

/**
 * Sets the given fields (always `updatedAt`) on a live story. Also the existence check of the image
 * and branch adds: false when the story is missing or deleted.
 */
export async function updateLiveStory(tx: DbOrTx, storyId: string, fields: StoryFields): Promise<boolean> {
  const updated = await tx
    .update(stories)
    .set({ ...defined(fields), updatedAt: sql`now()` })
    .where(and(eq(stories.id, storyId), eq(stories.isDeleted, false)))
    .returning({ id: stories.id });
  return updated.length > 0;
}

/** Adds links; duplicates in the input are ignored. */
export async function insertStoryLinks(tx: DbOrTx, storyId: string, ids: StoryLinkIds): Promise<void> {
  const unique = (list: readonly string[] | undefined) => [...new Set(list ?? [])];
  const themeIds = unique(ids.themeIds);
  const categoryIds = unique(ids.categoryIds);
  const seasonIds = unique(ids.seasonIds);
  if (themeIds.length > 0)
    await tx.insert(storyThemes).values(themeIds.map((themeId) => ({ storyId, themeId })));
  if (categoryIds.length > 0)
    await tx.insert(storyCategories).values(categoryIds.map((categoryId) => ({ storyId, categoryId })));
  if (seasonIds.length > 0)
    await tx.insert(storySeasons).values(seasonIds.map((seasonId) => ({ storyId, seasonId })));
}

/** Each list given replaces its whole set (STORY-07); lists not given are left alone. */
export async function replaceStoryLinks(tx: DbOrTx, storyId: string, ids: StoryLinkIds): Promise<void> {
  if (ids.themeIds) await tx.delete(storyThemes).where(eq(storyThemes.storyId, storyId));
  if (ids.categoryIds) await tx.delete(storyCategories).where(eq(storyCategories.storyId, storyId));
  if (ids.seasonIds) await tx.delete(storySeasons).where(eq(storySeasons.storyId, storyId));
  await insertStoryLinks(tx, storyId, ids);
}

export interface NewStoryImage {
  url: string;
  caption?: string | null | undefined;
}

export async function insertStoryImages(tx: DbOrTx, storyId: string, images: readonly NewStoryImage[]) {
  if (images.length === 0) return [];
  return tx
    .insert(storyImages)
    .values(images.map((image) => ({ storyId, url: image.url, caption: image.caption ?? null })))
    .returning({
      id: storyImages.id,
      url: storyImages.url,
      caption: storyImages.caption,
      storyId: storyImages.storyId,
    });
}

export interface NewStoryBranch {
  prompt: string;
  optionA: string;
  optionB: string;
  nextA?: string | null | undefined;
  nextB?: string | null | undefined;
}

export async function insertStoryBranches(tx: DbOrTx, storyId: string, branches: readonly NewStoryBranch[]) {
  if (branches.length === 0) return [];
  return tx
    .insert(storyBranches)
    .values(
      branches.map((branch) => ({
        storyId,
        prompt: branch.prompt,
        optionA: branch.optionA,
        optionB: branch.optionB,
        nextA: branch.nextA ?? null,
        nextB: branch.nextB ?? null,
      })),
    )
    .returning({
      id: storyBranches.id,
      storyId: storyBranches.storyId,
      prompt: storyBranches.prompt,
      optionA: storyBranches.optionA,
      optionB: storyBranches.optionB,
      nextA: storyBranches.nextA,
      nextB: storyBranches.nextB,
      createdAt: storyBranches.createdAt,
      updatedAt: storyBranches.updatedAt,
    });
}

/** Soft delete of a live story; false when it is missing or already deleted. */
export async function softDeleteStory(tx: DbOrTx, storyId: string): Promise<boolean> {
  const updated = await tx
    .update(stories)
    .set({ isDeleted: true, deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(stories.id, storyId), eq(stories.isDeleted, false)))
    .returning({ id: stories.id });
  return updated.length > 0;
}

/** Hard delete (soft-deleted rows included); links, images, branches, questions… cascade. */
export async function hardDeleteStory(tx: DbOrTx, storyId: string): Promise<boolean> {
  const deleted = await tx.delete(stories).where(eq(stories.id, storyId)).returning({ id: stories.id });
  return deleted.length > 0;
}

/** Restores a soft-deleted story: 'missing' when there is no such row, 'not-deleted' when it is live. */
export async function restoreStory(
  tx: DbOrTx,
  storyId: string,
): Promise<'restored' | 'missing' | 'not-deleted'> {
  const [row] = await tx
    .select({ isDeleted: stories.isDeleted })
    .from(stories)
    .where(eq(stories.id, storyId))
    .for('update');
  if (!row) return 'missing';
  if (!row.isDeleted) return 'not-deleted';
  await tx
    .update(stories)
    .set({ isDeleted: false, deletedAt: null, updatedAt: sql`now()` })
    .where(eq(stories.id, storyId));
  return 'restored';
}
