import { cacheKeys, cacheTags } from '@storytime/cache';
import { parentRecommendations } from '@storytime/db';
import { findRandomStories, findSampledStories } from '@storytime/db/repositories/story-feed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import {
  createCategory,
  createSeason,
  createStories,
  createTheme,
  getData,
  type ListItem,
} from './stories-feed-fixtures';

/** STORY-03..05, STORY-55 and STORY-56 (api.md §4.1, §4.14) and their caches (platform.md §6). */

interface Category {
  id: string;
  name: string;
  image: string | null;
  description: string | null;
  storyCount: number;
}
interface Season {
  id: string;
  name: string;
  startDate: string | null;
  endDate: string | null;
  isActive: boolean;
  isCurrentlyActive: boolean;
}
type TopPick = ListItem & { recommendationCount: number };

describe('story catalogue', () => {
  let t: TestApp;
  let parent: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
    parent = await createUser(t.app);
  });
  afterAll(async () => t.close());

  describe('GET /stories/categories', () => {
    it('lists live categories with their public story counts, cached until story-content changes', async () => {
      const counted = await createCategory(t);
      const empty = await createCategory(t);
      const deleted = await createCategory(t, { isDeleted: true });
      await createStories(t, [
        { categoryIds: [counted] },
        { categoryIds: [counted, deleted] },
        { categoryIds: [counted], isPublished: false },
        { categoryIds: [counted], isDeleted: true },
        { categoryIds: [counted], ownerUserId: parent.id },
      ]);
      await t.app.core.cache.invalidateTags([cacheTags.storyContent]);

      const list = await getData<Category[]>(t, '/api/v1/stories/categories');
      const byId = new Map(list.map((category) => [category.id, category]));
      expect(byId.get(counted)).toMatchObject({ storyCount: 2, description: 'test category', image: null });
      expect(byId.get(empty)?.storyCount).toBe(0);
      expect(byId.has(deleted)).toBe(false);
      expect(Object.keys(byId.get(counted)!).sort()).toEqual(
        ['description', 'id', 'image', 'name', 'storyCount'].sort(),
      );
      expect(await t.deps.redis.exists(`${t.prefixes.cache}${cacheKeys.categoriesAll}`)).toBe(1);

      // A new story is not counted until the story-content tag is invalidated.
      await createStories(t, [{ categoryIds: [counted] }]);
      const cached = await getData<Category[]>(t, '/api/v1/stories/categories');
      expect(cached.find((category) => category.id === counted)?.storyCount).toBe(2);
      await t.app.core.cache.invalidateTags([cacheTags.storyContent]);
      const fresh = await getData<Category[]>(t, '/api/v1/stories/categories');
      expect(fresh.find((category) => category.id === counted)?.storyCount).toBe(3);

      // The catalogue tag invalidates it too (category writes, seeding).
      const added = await createCategory(t);
      expect((await getData<Category[]>(t, '/api/v1/stories/categories')).some((c) => c.id === added)).toBe(
        false,
      );
      await t.app.core.cache.invalidateTags([cacheTags.catalogue]);
      expect((await getData<Category[]>(t, '/api/v1/stories/categories')).some((c) => c.id === added)).toBe(
        true,
      );
    });

    it('is public: a token is accepted but not required', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/stories/categories',
        headers: parent.auth,
      });
      expect(response.statusCode).toBe(200);
    });
  });

  describe('GET /stories/themes', () => {
    it('lists live themes, cached under the catalogue tag', async () => {
      const live = await createTheme(t);
      const gone = await createTheme(t, { isDeleted: true });
      await t.app.core.cache.invalidateTags([cacheTags.catalogue]);
      const themes = await getData<Array<{ id: string }>>(t, '/api/v1/stories/themes');
      expect(themes.some((theme) => theme.id === live)).toBe(true);
      expect(themes.some((theme) => theme.id === gone)).toBe(false);
      expect(Object.keys(themes.find((theme) => theme.id === live)!).sort()).toEqual([
        'description',
        'id',
        'image',
        'name',
      ]);
      const later = await createTheme(t);
      expect(
        (await getData<Array<{ id: string }>>(t, '/api/v1/stories/themes')).some((x) => x.id === later),
      ).toBe(false);
      await t.app.core.cache.invalidateTags([cacheTags.catalogue]);
      expect(
        (await getData<Array<{ id: string }>>(t, '/api/v1/stories/themes')).some((x) => x.id === later),
      ).toBe(true);
    });
  });

  describe('GET /stories/seasons', () => {
    it('orders by start date and computes isCurrentlyActive per request from the cached rows', async () => {
      const realNow = t.app.core.now;
      try {
        const summer = await createSeason(t, { startDate: '06-01', endDate: '08-31' });
        const winter = await createSeason(t, { startDate: '12-01', endDate: '02-28' });
        const disabled = await createSeason(t, { startDate: '01-01', endDate: '12-31', isActive: false });
        const deleted = await createSeason(t, { isDeleted: true });
        await t.app.core.cache.invalidateTags([cacheTags.catalogue]);

        t.app.core.now = () => new Date('2025-07-15T12:00:00Z');
        const july = await getData<Season[]>(t, '/api/v1/stories/seasons');
        const starts = july.map((season) => season.startDate ?? '99-99');
        expect(starts).toEqual([...starts].sort());
        const inJuly = new Map(july.map((season) => [season.id, season]));
        expect(inJuly.get(summer)).toMatchObject({ isActive: true, isCurrentlyActive: true });
        expect(inJuly.get(winter)).toMatchObject({ isActive: true, isCurrentlyActive: false });
        expect(inJuly.get(disabled)).toMatchObject({ isActive: false, isCurrentlyActive: false });
        expect(inJuly.has(deleted)).toBe(false);

        // Same cached rows, another day: only the computed flag changes.
        t.app.core.now = () => new Date('2026-01-10T12:00:00Z');
        const january = new Map(
          (await getData<Season[]>(t, '/api/v1/stories/seasons')).map((season) => [season.id, season]),
        );
        expect(january.get(summer)?.isCurrentlyActive).toBe(false);
        expect(january.get(winter)?.isCurrentlyActive).toBe(true);

        const cachedValue = await t.deps.redis.get(`${t.prefixes.cache}${cacheKeys.seasonsAll}`);
        expect(cachedValue).toContain(summer);
        expect(cachedValue).not.toContain('isCurrentlyActive');
      } finally {
        t.app.core.now = realNow;
      }
    });

    it('uses APP_TIMEZONE for today', async () => {
      const tokyo = await createTestApp({ env: { APP_TIMEZONE: 'Asia/Tokyo' } });
      try {
        const newYear = await createSeason(tokyo, { startDate: '01-01', endDate: '01-01' });
        // 2025-12-31 20:00 UTC is already 2026-01-01 in Tokyo.
        tokyo.app.core.now = () => new Date('2025-12-31T20:00:00Z');
        const seasons = await getData<Season[]>(tokyo, '/api/v1/stories/seasons');
        expect(seasons.find((season) => season.id === newYear)?.isCurrentlyActive).toBe(true);
      } finally {
        await tokyo.close();
      }
    });
  });

  describe('GET /stories/recommendations/top-picks', () => {
    it('ranks public stories by live parent recommendations, cached until top-picks changes', async () => {
      const kidIds = await Promise.all([1, 2, 3, 4, 5].map(() => createKid(t.app, parent.id)));
      const [top, second, unpublished, privateStory] = await createStories(t, [
        {},
        {},
        { isPublished: false },
        { ownerUserId: parent.id },
      ]);
      const recommend = (storyId: string, kids: string[], isDeleted = false) =>
        kids.map((kidId) => ({ userId: parent.id, kidId, storyId, isDeleted }));
      await t.app.core.db
        .insert(parentRecommendations)
        .values([
          ...recommend(top!, kidIds.slice(0, 4)),
          ...recommend(second!, kidIds.slice(0, 2)),
          ...recommend(second!, kidIds.slice(2, 4), true),
          ...recommend(unpublished!, kidIds.slice(0, 4)),
          ...recommend(privateStory!, kidIds.slice(0, 4)),
        ]);
      await t.app.core.cache.invalidateTags([cacheTags.topPicks]);

      const picks = await getData<TopPick[]>(t, '/api/v1/stories/recommendations/top-picks?limit=50');
      const counts = picks.map((pick) => pick.recommendationCount);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const mine = picks.filter((pick) => [top, second, unpublished, privateStory].includes(pick.id));
      expect(mine.map((pick) => [pick.id, pick.recommendationCount])).toEqual([
        [top, 4],
        [second, 2],
      ]);
      expect(mine[0]).not.toHaveProperty('textContent');
      expect(mine[0]).toHaveProperty('categories');

      await t.app.core.db.insert(parentRecommendations).values(recommend(second!, kidIds.slice(4, 5)));
      const cached = await getData<TopPick[]>(t, '/api/v1/stories/recommendations/top-picks?limit=50');
      expect(cached.find((pick) => pick.id === second)?.recommendationCount).toBe(2);
      await t.app.core.cache.invalidateTags([cacheTags.topPicks]);
      const fresh = await getData<TopPick[]>(t, '/api/v1/stories/recommendations/top-picks?limit=50');
      expect(fresh.find((pick) => pick.id === second)?.recommendationCount).toBe(3);

      // The limit is part of the key (D14) and is honoured.
      const one = await getData<TopPick[]>(t, '/api/v1/stories/recommendations/top-picks?limit=1');
      expect(one).toHaveLength(1);
      expect(await t.deps.redis.exists(`${t.prefixes.cache}${cacheKeys.topPicksParents(1)}`)).toBe(1);
      expect(await t.deps.redis.exists(`${t.prefixes.cache}${cacheKeys.topPicksParents(50)}`)).toBe(1);
      const defaults = await getData<TopPick[]>(t, '/api/v1/stories/recommendations/top-picks');
      expect(defaults.length).toBeLessThanOrEqual(10);
    });

    for (const limit of ['0', '51', 'abc', '']) {
      it(`limit=${limit} → 400`, async () => {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/v1/stories/recommendations/top-picks?limit=${limit}`,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('VALIDATION_ERROR');
      });
    }
  });

  describe('GET /stories/top-picks-from-us', () => {
    it('a random sample of public stories, stable while cached, one key per limit', async () => {
      const hidden = new Set(
        await createStories(t, [
          { isPublished: false },
          { isDeleted: true },
          { ownerUserId: parent.id },
          {},
          {},
          {},
          {},
          {},
          {},
        ]).then((created) => created.slice(0, 3)),
      );
      const five = await getData<ListItem[]>(t, '/api/v1/stories/top-picks-from-us?limit=5');
      expect(five).toHaveLength(5);
      expect(new Set(five.map((story) => story.id)).size).toBe(5);
      expect(five.some((story) => hidden.has(story.id))).toBe(false);
      expect(five[0]).not.toHaveProperty('textContent');

      const again = await getData<ListItem[]>(t, '/api/v1/stories/top-picks-from-us?limit=5');
      expect(again.map((story) => story.id)).toEqual(five.map((story) => story.id));
      expect(await t.deps.redis.exists(`${t.prefixes.cache}${cacheKeys.topPicksFromUs(5)}`)).toBe(1);

      const defaults = await getData<ListItem[]>(t, '/api/v1/stories/top-picks-from-us');
      expect(defaults).toHaveLength(10);
      expect(await t.deps.redis.exists(`${t.prefixes.cache}${cacheKeys.topPicksFromUs(10)}`)).toBe(1);

      await t.app.core.cache.invalidateTags([cacheTags.storyContent]);
      expect(await t.deps.redis.exists(`${t.prefixes.cache}${cacheKeys.topPicksFromUs(5)}`)).toBe(0);
    });

    it('both sampling strategies return distinct public stories only', async () => {
      const created = await createStories(t, [
        { isPublished: false },
        { isDeleted: true },
        { ownerUserId: parent.id },
        ...Array.from({ length: 20 }, () => ({})),
      ]);
      const hidden = new Set(created.slice(0, 3));
      for (const sample of [findSampledStories, findRandomStories]) {
        for (let round = 0; round < 3; round += 1) {
          const rows = await sample(t.app.core.db, 20);
          expect(rows.length).toBeLessThanOrEqual(20);
          expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
          expect(rows.some((row) => hidden.has(row.id))).toBe(false);
        }
      }
      expect(await findRandomStories(t.app.core.db, 20)).toHaveLength(20);
    });

    for (const limit of ['0', '21', '1.5']) {
      it(`limit=${limit} → 400`, async () => {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/v1/stories/top-picks-from-us?limit=${limit}`,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('VALIDATION_ERROR');
      });
    }
  });
});
