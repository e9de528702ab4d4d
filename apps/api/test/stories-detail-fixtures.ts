import { randomUUID } from 'node:crypto';
import {
  categories,
  seasons,
  stories,
  storyBranches,
  storyCategories,
  storyImages,
  storyQuestions,
  storySeasons,
  storyThemes,
  subscriptions,
  themes,
  userUsages,
} from '@storytime/db';
import type { TestApp } from './helpers';

/** Rows for the story detail, admin and quota tests, written straight to the database. */

type NewStoryRow = typeof stories.$inferInsert;

export async function insertStory(t: TestApp, values: Partial<NewStoryRow> = {}): Promise<string> {
  const [row] = await t.app.core.db
    .insert(stories)
    .values({
      title: `detail-${randomUUID().slice(0, 8)}`,
      description: 'A story for the detail tests',
      language: 'English',
      textContent: 'Once upon a time there was a test.',
      ...values,
    })
    .returning({ id: stories.id });
  return row!.id;
}

/** `count` live stories, public unless told otherwise. */
export async function insertStories(
  t: TestApp,
  count: number,
  values: Partial<NewStoryRow> = {},
): Promise<string[]> {
  const rows = await t.app.core.db
    .insert(stories)
    .values(
      Array.from({ length: count }, (_, index) => ({
        title: `quota-${index}-${randomUUID().slice(0, 8)}`,
        description: 'A story for the quota tests',
        language: 'English',
        ...values,
      })),
    )
    .returning({ id: stories.id });
  return rows.map((row) => row.id);
}

/** Questions inserted in reverse position order, so the answer's ordering is really the query's. */
export async function insertQuestions(t: TestApp, storyId: string, count: number): Promise<void> {
  await t.app.core.db.insert(storyQuestions).values(
    Array.from({ length: count }, (_, index) => {
      const position = count - 1 - index;
      return {
        storyId,
        question: `Question ${position}?`,
        options: ['a', 'b', 'c', 'd'],
        correctOption: position % 4,
        position,
      };
    }),
  );
}

export async function insertImagesAndBranches(t: TestApp, storyId: string): Promise<void> {
  const { db } = t.app.core;
  await db.insert(storyImages).values([
    { storyId, url: 'https://img.example.com/1.png', caption: 'first' },
    { storyId, url: 'https://img.example.com/2.png', caption: null },
  ]);
  await db
    .insert(storyBranches)
    .values({ storyId, prompt: 'Left or right?', optionA: 'Left', optionB: 'Right', nextA: 'cave' });
}

export interface Catalogue {
  categoryId: string;
  themeId: string;
  seasonId: string;
  names: { category: string; theme: string; season: string };
}

/** A category, a theme and a season of this test run's own (names are globally unique). */
export async function insertCatalogue(t: TestApp): Promise<Catalogue> {
  const { db } = t.app.core;
  const suffix = randomUUID().slice(0, 8);
  const names = { category: `cat-${suffix}`, theme: `theme-${suffix}`, season: `season-${suffix}` };
  const [category] = await db.insert(categories).values({ name: names.category }).returning();
  const [theme] = await db.insert(themes).values({ name: names.theme }).returning();
  const [season] = await db.insert(seasons).values({ name: names.season }).returning();
  return { categoryId: category!.id, themeId: theme!.id, seasonId: season!.id, names };
}

export async function linkCatalogue(t: TestApp, storyId: string, catalogue: Catalogue): Promise<void> {
  const { db } = t.app.core;
  await db.insert(storyCategories).values({ storyId, categoryId: catalogue.categoryId });
  await db.insert(storyThemes).values({ storyId, themeId: catalogue.themeId });
  await db.insert(storySeasons).values({ storyId, seasonId: catalogue.seasonId });
}

export async function subscribe(
  t: TestApp,
  userId: string,
  plan: 'free' | 'weekly' | 'monthly' | 'yearly',
  endsAt: Date | null = new Date(Date.now() + 30 * 86_400_000),
): Promise<void> {
  await t.app.core.db
    .insert(subscriptions)
    .values({ userId, plan, status: 'active', source: plan === 'free' ? 'free' : 'store', endsAt });
}

/** Usage counters as if the user had already read `read` stories. */
export async function setUsage(
  t: TestApp,
  userId: string,
  usage: { read: number; bonusStories?: number; lastBonusGrantedAt?: Date | null },
): Promise<void> {
  await t.app.core.db.insert(userUsages).values({
    userId,
    currentMonth: new Date().toISOString().slice(0, 7),
    uniqueStoriesRead: usage.read,
    bonusStories: usage.bonusStories ?? 0,
    lastBonusGrantedAt: usage.lastBonusGrantedAt ?? null,
  });
}

export async function usageOf(t: TestApp, userId: string) {
  const { rows } = await t.deps.pool.query<{
    unique_stories_read: number;
    bonus_stories: number;
    last_bonus_granted_at: Date | null;
    accessed: string;
  }>(
    `select u.unique_stories_read, u.bonus_stories, u.last_bonus_granted_at,
            (select count(*) from story_access a where a.user_id = $1) as accessed
       from user_usages u where u.user_id = $1`,
    [userId],
  );
  return rows[0];
}
