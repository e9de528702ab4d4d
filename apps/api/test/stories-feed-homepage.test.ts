import { cacheKeys } from '@storytime/cache';
import { userPreferredCategories } from '@storytime/db';
import { findSeasonalStories } from '@storytime/db/repositories/story-feed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySeasons } from '../src/modules/stories/seasons';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { createCategory, createSeason, createStories, getData, type ListItem } from './stories-feed-fixtures';

/** STORY-02 `GET /stories/homepage/parent` (rules.md §6, fix 38). */

interface Homepage {
  recommended: ListItem[];
  seasonal: ListItem[];
  topLiked: ListItem[];
}

const ids = (items: ListItem[]) => items.map((item) => item.id);
const URL = '/api/v1/stories/homepage/parent';

describe('GET /stories/homepage/parent', () => {
  let t: TestApp;
  let parent: TestUser;
  const JULY_15 = new Date('2025-07-15T12:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
    parent = await createUser(t.app);
    // Enough public stories for every row to fill its largest limit.
    await createStories(
      t,
      Array.from({ length: 21 }, (_, index) => ({ favoriteCount: index % 5 })),
    );
  });
  afterAll(async () => t.close());

  it('needs a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: URL });
    expect(response.statusCode).toBe(401);
  });

  for (const query of ['limitRecommended=0', 'limitSeasonal=21', 'limitTopLiked=abc', 'limitTopLiked=']) {
    it(`${query} → 400`, async () => {
      const response = await t.app.inject({ method: 'GET', url: `${URL}?${query}`, headers: parent.auth });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_ERROR');
    });
  }

  it('honours each limit (default 5)', async () => {
    const defaults = await getData<Homepage>(t, URL, parent.auth);
    expect(defaults.recommended).toHaveLength(5);
    expect(defaults.topLiked).toHaveLength(5);
    expect(defaults.seasonal.length).toBeLessThanOrEqual(5);

    const custom = await getData<Homepage>(
      t,
      `${URL}?limitRecommended=1&limitSeasonal=2&limitTopLiked=20`,
      parent.auth,
    );
    expect(custom.recommended).toHaveLength(1);
    expect(custom.seasonal.length).toBeLessThanOrEqual(2);
    expect(custom.topLiked).toHaveLength(20);
  });

  it('recommended: newest stories when the parent has no preferred category', async () => {
    const page = await getData<Homepage>(t, `${URL}?limitRecommended=20`, parent.auth);
    expect(page.recommended).toHaveLength(20);
    const times = page.recommended.map((story) => story.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("recommended: newest first among the parent's preferred categories", async () => {
    const fan = await createUser(t.app);
    const [liked, alsoLiked, other] = [
      await createCategory(t),
      await createCategory(t),
      await createCategory(t),
    ];
    const [oldest, middle, newest] = await createStories(t, [
      { categoryIds: [liked], createdAt: '2024-01-01T00:00:00Z' },
      { categoryIds: [alsoLiked, liked], createdAt: '2024-02-01T00:00:00Z' },
      { categoryIds: [alsoLiked], createdAt: '2024-03-01T00:00:00Z' },
      { categoryIds: [other], createdAt: '2030-01-01T00:00:00Z', isPublished: false },
      { categoryIds: [liked], isDeleted: true },
    ]);
    await t.app.core.db.insert(userPreferredCategories).values([
      { userId: fan.id, categoryId: liked },
      { userId: fan.id, categoryId: alsoLiked },
    ]);
    const page = await getData<Homepage>(t, `${URL}?limitRecommended=20`, fan.auth);
    expect(ids(page.recommended)).toEqual([newest, middle, oldest]);
    const one = await getData<Homepage>(t, `${URL}?limitRecommended=1`, fan.auth);
    expect(ids(one.recommended)).toEqual([newest]);
  });

  it('topLiked: favoriteCount desc, then newest', async () => {
    const [favourite] = await createStories(t, [{ favoriteCount: 2_000_000_000 }]);
    const page = await getData<Homepage>(t, `${URL}?limitTopLiked=20`, parent.auth);
    expect(page.topLiked[0]!.id).toBe(favourite);
    const { rows } = await t.deps.pool.query<{ id: string; favorite_count: number; created_at: Date }>(
      'select id, favorite_count, created_at from stories where id = any($1::uuid[])',
      [ids(page.topLiked)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const keys = page.topLiked.map((story) => byId.get(story.id)!);
    for (let index = 1; index < keys.length; index += 1) {
      const [previous, current] = [keys[index - 1]!, keys[index]!];
      const ordered =
        previous.favorite_count > current.favorite_count ||
        (previous.favorite_count === current.favorite_count && previous.created_at >= current.created_at);
      expect(ordered).toBe(true);
    }
  });

  it('seasonal: active seasons first, then recently ended ones, each newest first, no duplicates', async () => {
    const realNow = t.app.core.now;
    t.app.core.now = () => JULY_15;
    try {
      const active = await createSeason(t, { startDate: '07-01', endDate: '07-31' });
      const ended = await createSeason(t, { startDate: '06-01', endDate: '06-20' });
      await createStories(t, [
        { seasonIds: [active] },
        { seasonIds: [ended] },
        { seasonIds: [active, ended] },
      ]);
      await t.app.core.cache.del([cacheKeys.seasonsAll]);
      const seasons = await getData<
        Array<{ id: string; startDate: string; endDate: string; isActive: boolean }>
      >(t, '/api/v1/stories/seasons');
      const split = classifySeasons(seasons, '2025-07-15');
      expect(split.active).toContain(active);
      expect(split.backfill).toContain(ended);

      const page = await getData<Homepage>(t, `${URL}?limitSeasonal=20`, parent.auth);
      const seasonal = page.seasonal;
      expect(seasonal.length).toBeGreaterThan(0);
      expect(new Set(ids(seasonal)).size).toBe(seasonal.length);
      const inActive = seasonal.map((story) =>
        story.seasons.some((season) => split.active.includes(season.id)),
      );
      const inBackfill = seasonal.map((story) =>
        story.seasons.some((season) => split.backfill.includes(season.id)),
      );
      seasonal.forEach((_, index) => {
        expect(inActive[index] || inBackfill[index]).toBe(true);
      });
      // Once the backfill top-up starts, no active-season story follows.
      const firstBackfill = inActive.indexOf(false);
      if (firstBackfill >= 0) expect(inActive.slice(firstBackfill).every((flag) => !flag)).toBe(true);
    } finally {
      t.app.core.now = realNow;
    }
  });

  it('seasonal query: active newest first, topped up from backfill, a story in both counts once', async () => {
    const active = await createSeason(t);
    const backfill = await createSeason(t);
    const [activeOld, activeNew, both, backfillNewest, backfillOld] = await createStories(t, [
      { seasonIds: [active], createdAt: '2024-01-01T00:00:00Z' },
      { seasonIds: [active], createdAt: '2024-02-01T00:00:00Z' },
      { seasonIds: [active, backfill], createdAt: '2024-01-15T00:00:00Z' },
      { seasonIds: [backfill], createdAt: '2024-03-01T00:00:00Z' },
      { seasonIds: [backfill], createdAt: '2023-12-01T00:00:00Z' },
      { seasonIds: [active], isPublished: false },
      { seasonIds: [backfill], isDeleted: true },
    ]);
    const db = t.app.core.db;
    const split = { active: [active], backfill: [backfill] };
    expect((await findSeasonalStories(db, split, 10)).map((row) => row.id)).toEqual([
      activeNew,
      both,
      activeOld,
      backfillNewest,
      backfillOld,
    ]);
    expect((await findSeasonalStories(db, split, 4)).map((row) => row.id)).toEqual([
      activeNew,
      both,
      activeOld,
      backfillNewest,
    ]);
    expect((await findSeasonalStories(db, split, 2)).map((row) => row.id)).toEqual([activeNew, both]);
    expect(
      (await findSeasonalStories(db, { active: [], backfill: [backfill] }, 10)).map((row) => row.id),
    ).toEqual([backfillNewest, both, backfillOld]);
    expect(await findSeasonalStories(db, { active: [], backfill: [] }, 10)).toEqual([]);
  });
});
