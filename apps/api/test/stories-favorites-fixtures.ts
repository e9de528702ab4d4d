import { randomUUID } from 'node:crypto';
import { categories, stories, storyCategories } from '@storytime/db';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './helpers';
import { countQueries } from './query-count';

/**
 * Story rows for the curation tests (kid favorites, restrictions, recommendations, parent
 * favorites). Other test files share the database, so every assertion filters to these rows.
 */
export async function createStory(
  app: FastifyInstance,
  options: {
    title?: string;
    ownerUserId?: string;
    isDeleted?: boolean;
    isPublished?: boolean;
    categoryName?: string;
  } = {},
): Promise<string> {
  const { db } = app.core;
  const [story] = await db
    .insert(stories)
    .values({
      title: options.title ?? `Curation story ${randomUUID().slice(0, 8)}`,
      description: 'A short story for tests',
      language: 'English',
      textContent: 'Once upon a time there was a very long text that lists must never carry.',
      ownerUserId: options.ownerUserId ?? null,
      aiGenerated: options.ownerUserId !== undefined,
      isPublished: options.isPublished ?? true,
      isDeleted: options.isDeleted ?? false,
      deletedAt: options.isDeleted ? new Date() : null,
    })
    .returning({ id: stories.id });
  if (options.categoryName) {
    const [category] = await db
      .insert(categories)
      .values({ name: options.categoryName })
      .returning({ id: categories.id });
    await db.insert(storyCategories).values({ storyId: story!.id, categoryId: category!.id });
  }
  return story!.id;
}

/** Raw SQL for set-up and assertions (apps do not depend on drizzle-orm directly). */
export async function query<Row = Record<string, unknown>>(t: TestApp, text: string, values: unknown[] = []) {
  return (await t.deps.pool.query(text, values)).rows as Row[];
}

export async function favoriteCountOf(t: TestApp, storyId: string): Promise<number> {
  const [row] = await query<{ favorite_count: number }>(
    t,
    'select favorite_count from stories where id = $1',
    [storyId],
  );
  return row!.favorite_count;
}

export async function createStories(app: FastifyInstance, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) ids.push(await createStory(app));
  return ids;
}

export async function softDeleteStory(t: TestApp, storyId: string): Promise<void> {
  await query(t, 'update stories set is_deleted = true, deleted_at = now() where id = $1', [storyId]);
}

/** Walks a cursor list to the end, returning the item ids page by page. */
export async function walkPages(
  t: TestApp,
  url: string,
  headers: Record<string, string>,
  limit: number,
  idOf: (item: Record<string, unknown>) => string = (item) => item.id as string,
): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const separator = url.includes('?') ? '&' : '?';
    const query = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await t.app.inject({ method: 'GET', url: `${url}${separator}${query}`, headers });
    expect(response.statusCode).toBe(200);
    const page = response.json().data as {
      items: Array<Record<string, unknown>>;
      nextCursor: string | null;
      hasMore: boolean;
    };
    pages.push(page.items.map(idOf));
    expect(page.hasMore).toBe(page.nextCursor !== null);
    if (!page.hasMore) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('cursor list did not end');
}

/**
 * The page's statement count must not depend on its size (no N+1): a warm-up request fills the
 * session cache, then limit=2 and limit=50 run the same (expected) number of statements.
 */
export async function expectConstantQueries(
  t: TestApp,
  url: string,
  headers: Record<string, string>,
  expected: number,
) {
  const separator = url.includes('?') ? '&' : '?';
  await t.app.inject({ method: 'GET', url: `${url}${separator}limit=2`, headers });
  const small = await countQueries(t, { method: 'GET', url: `${url}${separator}limit=2`, headers });
  const large = await countQueries(t, { method: 'GET', url: `${url}${separator}limit=50`, headers });
  expect(small.response.statusCode).toBe(200);
  expect(large.response.statusCode).toBe(200);
  expect(large.count).toBe(small.count);
  expect(small.count).toBe(expected);
  return { small, large };
}
