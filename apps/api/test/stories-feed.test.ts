import { cacheKeys } from '@storytime/cache';
import { parentRecommendations, restrictedStories } from '@storytime/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/lib/pagination';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import {
  allPages,
  type CursorPage,
  createCategory,
  createSeason,
  createStories,
  createTheme,
  getData,
  type ListItem,
  setCreatedAt,
  updateKid,
} from './stories-feed-fixtures';

/** STORY-01 `GET /stories` (api.md §4.1, rules.md §5). */

const ids = (items: ListItem[]) => items.map((item) => item.id);
const sorted = (values: string[]) => [...values].sort();

describe('GET /stories', () => {
  let t: TestApp;
  let parent: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
    parent = await createUser(t.app);
  });
  afterAll(async () => t.close());

  describe('filters, each only when given', () => {
    it('category: only stories linked to it, public ones only', async () => {
      const category = await createCategory(t);
      const other = await createCategory(t);
      const [a, b] = await createStories(t, [
        { categoryIds: [category] },
        { categoryIds: [category, other] },
      ]);
      await createStories(t, [
        { categoryIds: [other] },
        { categoryIds: [category], isPublished: false },
        { categoryIds: [category], isDeleted: true },
        { categoryIds: [category], ownerUserId: parent.id },
      ]);
      const page = await getData<CursorPage>(t, `/api/v1/stories?category=${category}`);
      expect(sorted(ids(page.items))).toEqual(sorted([a!, b!]));
      expect(page.hasMore).toBe(false);
      expect(page.nextCursor).toBeNull();
      const item = page.items.find((story) => story.id === b)!;
      expect(sorted(item.categories.map((c) => c.id))).toEqual(sorted([category, other]));
      // List items never carry the text, nor the internal sort columns.
      expect(item).not.toHaveProperty('textContent');
      expect(item).not.toHaveProperty('favoriteCount');
      expect(item).not.toHaveProperty('createdAtKey');
      expect(Object.keys(item).sort()).toEqual(
        [
          'id',
          'title',
          'description',
          'language',
          'coverImageUrl',
          'audioUrl',
          'isInteractive',
          'ageMin',
          'ageMax',
          'backgroundColor',
          'recommended',
          'aiGenerated',
          'difficultyLevel',
          'wordCount',
          'durationSeconds',
          'creatorKidId',
          'createdAt',
          'updatedAt',
          'categories',
          'themes',
          'seasons',
        ].sort(),
      );
    });

    it('theme', async () => {
      const theme = await createTheme(t);
      const [a] = await createStories(t, [{ themeIds: [theme] }, {}]);
      const page = await getData<CursorPage>(t, `/api/v1/stories?theme=${theme}`);
      expect(ids(page.items)).toEqual([a]);
      expect(page.items[0]!.themes.map((x) => x.id)).toEqual([theme]);
    });

    it('season (the reference ignored it, fix 36)', async () => {
      const season = await createSeason(t);
      const [a] = await createStories(t, [{ seasonIds: [season] }, {}]);
      const page = await getData<CursorPage>(t, `/api/v1/stories?season=${season}`);
      expect(ids(page.items)).toEqual([a]);
      expect(page.items[0]!.seasons.map((x) => x.id)).toEqual([season]);
    });

    it('recommended=true|false filters on the flag; absent, both kinds are listed (fix 35)', async () => {
      const category = await createCategory(t);
      const [yes, no] = await createStories(t, [
        { categoryIds: [category], recommended: true },
        { categoryIds: [category], recommended: false },
      ]);
      const base = `/api/v1/stories?category=${category}`;
      expect(ids((await getData<CursorPage>(t, `${base}&recommended=true`)).items)).toEqual([yes]);
      expect(ids((await getData<CursorPage>(t, `${base}&recommended=false`)).items)).toEqual([no]);
      expect(sorted(ids((await getData<CursorPage>(t, base)).items))).toEqual(sorted([yes!, no!]));
    });

    it('age, minAge and maxAge (range overlap)', async () => {
      const category = await createCategory(t);
      const [young, middle, old] = await createStories(t, [
        { categoryIds: [category], ageMin: 2, ageMax: 4 },
        { categoryIds: [category], ageMin: 5, ageMax: 8 },
        { categoryIds: [category], ageMin: 9, ageMax: 12 },
      ]);
      const base = `/api/v1/stories?category=${category}`;
      const list = async (query: string) =>
        sorted(ids((await getData<CursorPage>(t, `${base}&${query}`)).items));
      expect(await list('age=5')).toEqual([middle]);
      expect(await list('age=4')).toEqual([young]);
      expect(await list('minAge=8')).toEqual(sorted([middle!, old!]));
      expect(await list('maxAge=4')).toEqual([young]);
      expect(await list('minAge=4&maxAge=5')).toEqual(sorted([young!, middle!]));
      expect(await list('age=0')).toEqual([]);
    });

    it('isSeasonal=true: active and recently ended seasons only, by today in APP_TIMEZONE', async () => {
      const realNow = t.app.core.now;
      t.app.core.now = () => new Date('2025-07-15T12:00:00Z');
      try {
        const category = await createCategory(t);
        const active = await createSeason(t, { startDate: '07-01', endDate: '07-31' });
        const wrapped = await createSeason(t, { startDate: '11-01', endDate: '07-20' });
        const backfill = await createSeason(t, { startDate: '06-01', endDate: '06-20' });
        const longGone = await createSeason(t, { startDate: '03-01', endDate: '04-01' });
        const disabled = await createSeason(t, { startDate: '07-01', endDate: '07-31', isActive: false });
        const [a, w, b] = await createStories(t, [
          { categoryIds: [category], seasonIds: [active] },
          { categoryIds: [category], seasonIds: [wrapped] },
          { categoryIds: [category], seasonIds: [backfill] },
          { categoryIds: [category], seasonIds: [longGone] },
          { categoryIds: [category], seasonIds: [disabled] },
          { categoryIds: [category] },
        ]);
        // The season list is cached: drop it so this test's seasons are in it.
        await t.app.core.cache.del([cacheKeys.seasonsAll]);
        const page = await getData<CursorPage>(t, `/api/v1/stories?category=${category}&isSeasonal=true`);
        expect(sorted(ids(page.items))).toEqual(sorted([a!, w!, b!]));
        // isSeasonal=false is no filter.
        const all = await getData<CursorPage>(t, `/api/v1/stories?category=${category}&isSeasonal=false`);
        expect(all.items).toHaveLength(6);
      } finally {
        t.app.core.now = realNow;
      }
    });

    it('filters combine', async () => {
      const category = await createCategory(t);
      const theme = await createTheme(t);
      const [both] = await createStories(t, [
        { categoryIds: [category], themeIds: [theme] },
        { categoryIds: [category] },
        { themeIds: [theme] },
      ]);
      const page = await getData<CursorPage>(t, `/api/v1/stories?category=${category}&theme=${theme}`);
      expect(ids(page.items)).toEqual([both]);
    });
  });

  describe('kid personalisation', () => {
    let category: string;
    let kidId: string;
    const story: Record<string, string> = {};

    beforeAll(async () => {
      category = await createCategory(t);
      kidId = await createKid(t.app, parent.id);
      await updateKid(t, kidId, 'current_reading_level = 5');
      const specs = {
        level3: { difficultyLevel: 3 },
        level4: { difficultyLevel: 4 },
        level5: { difficultyLevel: 5, ageMin: 12, ageMax: 14 },
        level6: { difficultyLevel: 6 },
        level7: { difficultyLevel: 7 },
        recommendedLevel9: { difficultyLevel: 9 },
        restrictedLevel5: { difficultyLevel: 5 },
        recommendedAndRestricted: { difficultyLevel: 9 },
        recommendedDeleted: { difficultyLevel: 9, isDeleted: true },
        recommendedUnpublished: { difficultyLevel: 5, isPublished: false },
        recommendedRemoved: { difficultyLevel: 9 },
      } as const;
      const names = Object.keys(specs) as Array<keyof typeof specs>;
      const created = await createStories(
        t,
        names.map((name) => ({ ...specs[name], categoryIds: [category] })),
      );
      names.forEach((name, index) => {
        story[name] = created[index]!;
      });
      const recommend = (storyId: string, isDeleted = false) => ({
        userId: parent.id,
        kidId,
        storyId,
        isDeleted,
      });
      await t.app.core.db
        .insert(parentRecommendations)
        .values([
          recommend(story.recommendedLevel9!),
          recommend(story.recommendedAndRestricted!),
          recommend(story.recommendedDeleted!),
          recommend(story.recommendedUnpublished!),
          recommend(story.recommendedRemoved!, true),
        ]);
      await t.app.core.db.insert(restrictedStories).values([
        { kidId, userId: parent.id, storyId: story.restrictedLevel5! },
        { kidId, userId: parent.id, storyId: story.recommendedAndRestricted! },
      ]);
    });

    it('level window [L-1, L+1], recommended stories bypass it, restrictions always win', async () => {
      const page = await getData<CursorPage>(
        t,
        `/api/v1/stories?category=${category}&kidId=${kidId}`,
        parent.auth,
      );
      expect(sorted(ids(page.items))).toEqual(
        sorted([story.level4!, story.level5!, story.level6!, story.recommendedLevel9!]),
      );
    });

    it('age filters give way to the level window', async () => {
      const page = await getData<CursorPage>(
        t,
        `/api/v1/stories?category=${category}&kidId=${kidId}&age=3`,
        parent.auth,
      );
      expect(ids(page.items)).toContain(story.level5);
    });

    it('recommended=true with a kid: only its live, public, unrestricted recommendations, no window', async () => {
      const page = await getData<CursorPage>(
        t,
        `/api/v1/stories?kidId=${kidId}&recommended=true`,
        parent.auth,
      );
      expect(ids(page.items)).toEqual([story.recommendedLevel9]);
      const filtered = await getData<CursorPage>(
        t,
        `/api/v1/stories?kidId=${kidId}&recommended=true&theme=${await createTheme(t)}`,
        parent.auth,
      );
      expect(filtered.items).toEqual([]);
    });

    it('the window clamps to 1..10', async () => {
      const lowCategory = await createCategory(t);
      const lowKid = await createKid(t.app, parent.id);
      await updateKid(t, lowKid, 'current_reading_level = 1');
      const [one, two] = await createStories(t, [
        { categoryIds: [lowCategory], difficultyLevel: 1 },
        { categoryIds: [lowCategory], difficultyLevel: 2 },
        { categoryIds: [lowCategory], difficultyLevel: 3 },
      ]);
      const page = await getData<CursorPage>(
        t,
        `/api/v1/stories?category=${lowCategory}&kidId=${lowKid}`,
        parent.auth,
      );
      expect(sorted(ids(page.items))).toEqual(sorted([one!, two!]));
    });

    it('no token with kidId → 401; a bad token → 401', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/stories?kidId=${kidId}` });
      expect(anonymous.statusCode).toBe(401);
      const bad = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories?kidId=${kidId}`,
        headers: { authorization: 'Bearer not-a-token' },
      });
      expect(bad.statusCode).toBe(401);
    });

    it("another parent's kid, an unknown kid or a deleted kid → 404", async () => {
      const stranger = await createUser(t.app);
      const theirs = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories?kidId=${kidId}`,
        headers: stranger.auth,
      });
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().code).toBe('RESOURCE_NOT_FOUND');
      const unknown = await t.app.inject({
        method: 'GET',
        url: '/api/v1/stories?kidId=0190c7d0-0000-7000-8000-000000000000',
        headers: parent.auth,
      });
      expect(unknown.statusCode).toBe(404);
      const deletedKid = await createKid(t.app, parent.id);
      await updateKid(t, deletedKid, 'is_deleted = true');
      const deleted = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories?kidId=${deletedKid}`,
        headers: parent.auth,
      });
      expect(deleted.statusCode).toBe(404);
    });

    it('a deactivated account: 410 with kidId, the public feed without', async () => {
      const leaving = await createUser(t.app);
      const leavingKid = await createKid(t.app, leaving.id);
      await t.deps.pool.query('update users set is_deleted = true, deleted_at = now() where id = $1', [
        leaving.id,
      ]);
      await t.app.core.sessions.forgetSessions([leaving.sessionId]);
      const withKid = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories?kidId=${leavingKid}`,
        headers: leaving.auth,
      });
      expect(withKid.statusCode).toBe(410);
      expect(withKid.json().code).toBe('ACCOUNT_DEACTIVATED');
      const publicFeed = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories?category=${category}`,
        headers: leaving.auth,
      });
      expect(publicFeed.statusCode).toBe(200);
    });

    it('without kidId the feed stays public for anyone, with or without a token', async () => {
      const page = await getData<CursorPage>(t, `/api/v1/stories?category=${category}`, {
        authorization: 'Bearer stale',
      });
      // No kid: every public story of the category, whatever its level or restrictions elsewhere.
      expect(page.items).toHaveLength(9);
    });
  });

  describe('cursor paging', () => {
    it('walks stories sharing one created_at without duplicates or gaps (id breaks ties)', async () => {
      const category = await createCategory(t);
      const created = await createStories(
        t,
        Array.from({ length: 7 }, () => ({ categoryIds: [category], createdAt: '2024-03-01T10:00:00.000Z' })),
      );
      const pages = await allPages(t, `/api/v1/stories?category=${category}&limit=3`);
      expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
      expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
      const seen = pages.flatMap((page) => ids(page.items));
      expect(seen).toEqual([...created].sort().reverse());
    });

    it('keeps microsecond order inside one millisecond', async () => {
      const category = await createCategory(t);
      const created = await createStories(
        t,
        Array.from({ length: 4 }, () => ({ categoryIds: [category] })),
      );
      // Reverse id order against time order, so only the microseconds decide.
      const byId = [...created].sort();
      for (const [index, id] of byId.entries()) {
        await setCreatedAt(t, id, `2024-03-02T10:00:00.00000${4 - index}Z`);
      }
      const pages = await allPages(t, `/api/v1/stories?category=${category}&limit=1`);
      expect(pages.flatMap((page) => ids(page.items))).toEqual(byId);
    });

    it('orders newest first by default and honours the default limit of 12', async () => {
      const category = await createCategory(t);
      const created = await createStories(
        t,
        Array.from({ length: 13 }, (_, index) => ({
          categoryIds: [category],
          createdAt: new Date(Date.UTC(2024, 0, 1 + index)),
        })),
      );
      const first = await getData<CursorPage>(t, `/api/v1/stories?category=${category}`);
      expect(ids(first.items)).toEqual([...created].reverse().slice(0, 12));
      expect(first.hasMore).toBe(true);
      const second = await getData<CursorPage>(
        t,
        `/api/v1/stories?category=${category}&cursor=${first.nextCursor}`,
      );
      expect(ids(second.items)).toEqual([created[0]]);
      expect(second).toMatchObject({ hasMore: false, nextCursor: null });
    });

    it('isMostLiked: favoriteCount desc, createdAt desc, id desc, keyset on all three', async () => {
      const category = await createCategory(t);
      const same = '2024-04-01T00:00:00.000Z';
      const older = '2024-03-01T00:00:00.000Z';
      const specs = [
        { favoriteCount: 3, createdAt: same },
        { favoriteCount: 5, createdAt: older },
        { favoriteCount: 3, createdAt: older },
        { favoriteCount: 5, createdAt: same },
        { favoriteCount: 3, createdAt: same },
        { favoriteCount: 0, createdAt: same },
        { favoriteCount: 5, createdAt: same },
      ];
      const created = await createStories(
        t,
        specs.map((spec) => ({ ...spec, categoryIds: [category] })),
      );
      const expected = created
        .map((id, index) => ({ id, ...specs[index]! }))
        .sort(
          (x, y) =>
            y.favoriteCount - x.favoriteCount ||
            y.createdAt.localeCompare(x.createdAt) ||
            y.id.localeCompare(x.id),
        )
        .map((row) => row.id);
      const pages = await allPages(t, `/api/v1/stories?category=${category}&isMostLiked=true&limit=2`);
      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 2, 1]);
      expect(pages.flatMap((page) => ids(page.items))).toEqual(expected);
      // A most-liked cursor on the recent feed is refused.
      const wrongSort = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories?category=${category}&cursor=${pages[0]!.nextCursor}`,
      });
      expect(wrongSort.statusCode).toBe(400);
      expect(wrongSort.json().code).toBe('VALIDATION_ERROR');
    });
  });

  describe('offset paging when page is present', () => {
    it('answers { items, pagination } with the total', async () => {
      const category = await createCategory(t);
      const created = await createStories(
        t,
        Array.from({ length: 5 }, (_, index) => ({
          categoryIds: [category],
          createdAt: new Date(Date.UTC(2024, 5, 1 + index)),
        })),
      );
      const newest = [...created].reverse();
      const first = await getData<{ items: ListItem[]; pagination: unknown }>(
        t,
        `/api/v1/stories?category=${category}&page=1&limit=2`,
      );
      expect(ids(first.items)).toEqual(newest.slice(0, 2));
      expect(first.pagination).toEqual({ page: 1, limit: 2, total: 5, totalPages: 3 });
      expect(first).not.toHaveProperty('nextCursor');
      const last = await getData<{ items: ListItem[]; pagination: unknown }>(
        t,
        `/api/v1/stories?category=${category}&page=3&limit=2`,
      );
      expect(ids(last.items)).toEqual(newest.slice(4));
      const beyond = await getData<{ items: ListItem[]; pagination: unknown }>(
        t,
        `/api/v1/stories?category=${category}&page=9&limit=2`,
      );
      expect(beyond).toEqual({ items: [], pagination: { page: 9, limit: 2, total: 5, totalPages: 3 } });
      const defaults = await getData<{ pagination: { limit: number } }>(
        t,
        `/api/v1/stories?category=${category}&page=1`,
      );
      expect(defaults.pagination.limit).toBe(12);
    });
  });

  describe('topPicksFromUs=true', () => {
    it('answers the STORY-56 sample as a single page', async () => {
      await createStories(t, [{}, {}, {}]);
      const page = await getData<CursorPage>(t, '/api/v1/stories?topPicksFromUs=true&limit=3');
      expect(page.items).toHaveLength(3);
      expect(page).toMatchObject({ hasMore: false, nextCursor: null });
      const sample = await getData<ListItem[]>(t, '/api/v1/stories/top-picks-from-us?limit=3');
      expect(ids(sample)).toEqual(ids(page.items));
    });
  });

  describe('validation', () => {
    const bad = [
      'limit=101',
      'limit=0',
      'limit=abc',
      'age=19',
      'minAge=-1',
      'maxAge=',
      'page=0',
      'theme=not-a-uuid',
      'category=123',
      'season=x',
      'kidId=nope',
      'recommended=yes',
      'isMostLiked=1',
      'cursor=%%%',
      'cursor=bm90LWpzb24',
      `cursor=${encodeCursor('other-list', ['2024-01-01T00:00:00.000000Z'], '0190c7d0-0000-7000-8000-000000000000')}`,
      `cursor=${encodeCursor('stories:created_at:desc', ['yesterday'], '0190c7d0-0000-7000-8000-000000000000')}`,
      `cursor=${encodeCursor('stories:created_at:desc', ['2024-01-01T00:00:00.000000Z'], 'not-a-uuid')}`,
      `isMostLiked=true&cursor=${encodeCursor('stories:favorite_count:desc', ['many', '2024-01-01T00:00:00.000000Z'], '0190c7d0-0000-7000-8000-000000000000')}`,
    ];
    for (const query of bad) {
      it(`${query} → 400 VALIDATION_ERROR`, async () => {
        const response = await t.app.inject({ method: 'GET', url: `/api/v1/stories?${query}` });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('VALIDATION_ERROR');
      });
    }

    it('a well-formed cursor of this sort is accepted', async () => {
      const cursor = encodeCursor(
        'stories:created_at:desc',
        ['2000-01-01T00:00:00.000000Z'],
        '0190c7d0-0000-7000-8000-000000000000',
      );
      const page = await getData<CursorPage>(t, `/api/v1/stories?cursor=${cursor}`);
      expect(page.items).toEqual([]);
    });
  });
});
