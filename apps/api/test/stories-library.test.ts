import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';
import {
  cancelWhileBlocked,
  collectPages,
  createStories,
  createStory,
  seedKidProgress,
  seedUserProgress,
} from './stories-progress-fixtures';
import { call, query, RELAXED_LIMITS } from './users-fixtures';

type Page = {
  items: Array<Record<string, unknown> & { id: string }>;
  nextCursor: string | null;
  hasMore: boolean;
};

/** STORY-22..24 and STORY-40..46 (api.md §4.6, rules.md §17, fix 23). */
describe('story libraries', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let othersKid: string;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    [parent, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
    othersKid = await createKid(t.app, other.id);
  });
  afterAll(async () => t.close());

  const page = async (url: string, as: TestUser, cursor?: string, limit?: number): Promise<Page> => {
    const params = new URLSearchParams();
    if (cursor) params.set('cursor', cursor);
    if (limit) params.set('limit', String(limit));
    const res = await call(t, 'GET', `${url}${params.size > 0 ? `?${params}` : ''}`, { as });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  };
  const ids = (p: Page) => p.items.map((item) => item.id);

  /**
   * Five stories on each shelf, ordered by `lastAccessed`, plus rows that must not show: progress 0,
   * a deleted story, and another reader's rows.
   */
  async function seedShelves(seed: typeof seedKidProgress, owner: string, stranger: string) {
    const reading = await createStories(t, 5);
    const done = await createStories(t, 5);
    const [untouched, deleted] = await Promise.all([createStory(t), createStory(t, { deleted: true })]);
    for (const [index, storyId] of reading.entries()) {
      await seed(t, owner, storyId, { progress: 10 + index, minutesAgo: index + 1, totalTimeSpent: 60 });
    }
    for (const [index, storyId] of done.entries()) {
      await seed(t, owner, storyId, { progress: 100, completed: true, minutesAgo: index + 1 });
    }
    await seed(t, owner, untouched, { progress: 0, minutesAgo: 0 });
    await seed(t, owner, deleted, { progress: 50, minutesAgo: 0 });
    await seed(t, stranger, reading[0]!, { progress: 99, minutesAgo: 0 });
    return { reading, done };
  }

  describe('parent shelves (STORY-22, STORY-23)', () => {
    let reader: TestUser;
    let shelves: { reading: string[]; done: string[] };
    beforeAll(async () => {
      reader = await createUser(t.app);
      shelves = await seedShelves(seedUserProgress, reader.id, other.id);
    });

    it('lists continue-reading as LibraryItem, lastAccessed desc, across pages', async () => {
      const url = '/stories/user/library/continue-reading';
      const all = await page(url, reader);
      expect(ids(all)).toEqual(shelves.reading);
      expect(all).toMatchObject({ hasMore: false, nextCursor: null });
      expect(all.items[0]).toMatchObject({
        progress: 10,
        totalTimeSpent: 60,
        categories: [],
        themes: [],
        seasons: [],
      });
      expect(typeof all.items[0]!.lastAccessed).toBe('string');
      expect(all.items[0]).not.toHaveProperty('textContent');
      expect(all.items[0]).not.toHaveProperty('favoriteCount');
      const pages = await collectPages((cursor) => page(url, reader, cursor, 2));
      expect(pages).toEqual([
        shelves.reading.slice(0, 2),
        shelves.reading.slice(2, 4),
        shelves.reading.slice(4),
      ]);
    });

    it('lists completed rows', async () => {
      const url = '/stories/user/library/completed';
      expect(ids(await page(url, reader))).toEqual(shelves.done);
      expect((await collectPages((cursor) => page(url, reader, cursor, 3))).flat()).toEqual(shelves.done);
    });

    it('refuses a cursor of another list and a bad limit with 400', async () => {
      const first = await page('/stories/user/library/continue-reading', reader, undefined, 2);
      const wrong = await call(t, 'GET', `/stories/user/library/completed?cursor=${first.nextCursor}`, {
        as: reader,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('VALIDATION_ERROR');
      expect(
        (await call(t, 'GET', '/stories/user/library/completed?cursor=garbage', { as: reader })).statusCode,
      ).toBe(400);
      expect(
        (await call(t, 'GET', '/stories/user/library/completed?limit=101', { as: reader })).statusCode,
      ).toBe(400);
    });

    it('answers 401 without a token', async () => {
      expect((await call(t, 'GET', '/stories/user/library/continue-reading')).statusCode).toBe(401);
      expect((await call(t, 'GET', '/stories/user/library/completed')).statusCode).toBe(401);
    });

    it('runs the same number of statements for limit 2 and 50 (STORY-22)', async () => {
      const url = '/api/v1/stories/user/library/continue-reading';
      await t.app.inject({ method: 'GET', url, headers: reader.auth });
      const small = await countQueries(t, { method: 'GET', url: `${url}?limit=2`, headers: reader.auth });
      const large = await countQueries(t, { method: 'GET', url: `${url}?limit=50`, headers: reader.auth });
      expect(small.response.json().data.items).toHaveLength(2);
      expect(large.response.json().data.items).toHaveLength(5);
      expect(small.count).toBe(large.count);
      expect(large.count).toBeLessThanOrEqual(4);
    });
  });

  describe('DELETE /stories/user/library/remove/:storyId (STORY-24)', () => {
    async function setUp() {
      const reader = await createUser(t.app);
      const storyId = await createStory(t);
      // Quota record, parent favorite (counted) and progress, as the routes would leave them.
      await call(t, 'POST', '/stories/user/progress', { as: reader, body: { storyId, progress: 40 } });
      await query(
        t,
        'insert into parent_favorites (id, user_id, story_id) values (gen_random_uuid(), $1, $2)',
        [reader.id, storyId],
      );
      await query(
        t,
        'insert into parent_favorites (id, user_id, story_id) values (gen_random_uuid(), $1, $2)',
        [other.id, storyId],
      );
      await query(t, 'update stories set favorite_count = 2 where id = $1', [storyId]);
      return { reader, storyId };
    }
    const state = async (userId: string, storyId: string) => {
      const [row] = await query<{ favorites: number; count: number; progress: number; access: number }>(
        t,
        `select (select count(*)::int from parent_favorites where user_id = $1 and story_id = $2) as favorites,
                (select favorite_count from stories where id = $2) as count,
                (select count(*)::int from user_story_progress where user_id = $1 and story_id = $2) as progress,
                (select count(*)::int from story_access where user_id = $1 and story_id = $2) as access`,
        [userId, storyId],
      );
      return row!;
    };

    it('removes the parent favorite (decrementing favoriteCount) and progress, keeping the quota record', async () => {
      const { reader, storyId } = await setUp();
      expect(await state(reader.id, storyId)).toEqual({ favorites: 1, count: 2, progress: 1, access: 1 });
      const res = await call(t, 'DELETE', `/stories/user/library/remove/${storyId}`, { as: reader });
      expect(res.statusCode).toBe(200);
      expect(res.json().message).toEqual(expect.any(String));
      expect(res.json().data).toEqual({ message: res.json().message });
      expect(await state(reader.id, storyId)).toEqual({ favorites: 0, count: 1, progress: 0, access: 1 });
      // Idempotent: nothing left to remove, the count does not move again.
      expect(
        (await call(t, 'DELETE', `/stories/user/library/remove/${storyId}`, { as: reader })).statusCode,
      ).toBe(200);
      expect(await state(reader.id, storyId)).toEqual({ favorites: 0, count: 1, progress: 0, access: 1 });
      // Another parent's favorite is untouched.
      expect((await state(other.id, storyId)).favorites).toBe(1);
    });

    it('is atomic: a failure after the favorite delete leaves everything in place', async () => {
      const { reader, storyId } = await setUp();
      const { response, cancelled } = await cancelWhileBlocked(
        t,
        'select 1 from user_story_progress where user_id = $1 and story_id = $2 for update',
        [reader.id, storyId],
        () => call(t, 'DELETE', `/stories/user/library/remove/${storyId}`, { as: reader }),
      );
      expect(cancelled).toBe(true);
      expect(response.statusCode).not.toBe(200);
      expect(await state(reader.id, storyId)).toEqual({ favorites: 1, count: 2, progress: 1, access: 1 });
    });

    it('answers 400 for a bad id and 401 without a token', async () => {
      expect((await call(t, 'DELETE', '/stories/user/library/remove/nope', { as: parent })).statusCode).toBe(
        400,
      );
      expect(
        (await call(t, 'DELETE', `/stories/user/library/remove/${await createStory(t)}`)).statusCode,
      ).toBe(401);
    });
  });

  describe('kid shelves (STORY-40, STORY-41)', () => {
    let kidId: string;
    let shelves: { reading: string[]; done: string[] };
    beforeAll(async () => {
      kidId = await createKid(t.app, parent.id);
      shelves = await seedShelves(seedKidProgress, kidId, othersKid);
    });

    it('lists the kid’s continue-reading and completed shelves across pages', async () => {
      const reading = `/stories/library/${kidId}/continue-reading`;
      const first = await page(reading, parent);
      expect(ids(first)).toEqual(shelves.reading);
      expect(first.items[4]).toMatchObject({ progress: 14, totalTimeSpent: 60 });
      expect(await collectPages((cursor) => page(reading, parent, cursor, 2))).toEqual([
        shelves.reading.slice(0, 2),
        shelves.reading.slice(2, 4),
        shelves.reading.slice(4),
      ]);
      const completed = `/stories/library/${kidId}/completed`;
      expect((await collectPages((cursor) => page(completed, parent, cursor, 4))).flat()).toEqual(
        shelves.done,
      );
    });

    it('answers 404 for another parent’s kid, 400 for a bad id, 401 without a token', async () => {
      for (const shelf of ['continue-reading', 'completed']) {
        const res = await call(t, 'GET', `/stories/library/${othersKid}/${shelf}`, { as: parent });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
        expect((await call(t, 'GET', `/stories/library/nope/${shelf}`, { as: parent })).statusCode).toBe(400);
        expect((await call(t, 'GET', `/stories/library/${kidId}/${shelf}`)).statusCode).toBe(401);
      }
    });

    it('runs the same number of statements for limit 2 and 50 (STORY-40)', async () => {
      const url = `/api/v1/stories/library/${kidId}/continue-reading`;
      await t.app.inject({ method: 'GET', url, headers: parent.auth });
      const small = await countQueries(t, { method: 'GET', url: `${url}?limit=2`, headers: parent.auth });
      const large = await countQueries(t, { method: 'GET', url: `${url}?limit=50`, headers: parent.auth });
      expect(small.response.json().data.items).toHaveLength(2);
      expect(large.response.json().data.items).toHaveLength(5);
      expect(small.count).toBe(large.count);
      expect(large.count).toBeLessThanOrEqual(4);
    });
  });

  describe('GET /stories/library/:kidId/created (STORY-42)', () => {
    it('lists the kid’s own non-deleted stories, newest first, across pages', async () => {
      const kidId = await createKid(t.app, parent.id);
      const created = await createStories(t, 3, { creatorKidId: kidId, ownerUserId: parent.id });
      await createStory(t, { creatorKidId: kidId, deleted: true });
      await createStory(t, { creatorKidId: othersKid });
      const newestFirst = [...created].reverse();
      expect(ids(await page(`/stories/library/${kidId}/created`, parent))).toEqual(newestFirst);
      expect(
        await collectPages((cursor) => page(`/stories/library/${kidId}/created`, parent, cursor, 2)),
      ).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2)]);
    });

    it('answers 404 for another parent’s kid and 401 without a token', async () => {
      expect((await call(t, 'GET', `/stories/library/${othersKid}/created`, { as: parent })).statusCode).toBe(
        404,
      );
      expect(
        (await call(t, 'GET', `/stories/library/${othersKid}/created?limit=0`, { as: parent })).statusCode,
      ).toBe(400);
      expect((await call(t, 'GET', `/stories/library/${othersKid}/created`)).statusCode).toBe(401);
    });
  });

  describe('downloads (STORY-43..45)', () => {
    const download = (kidId: string, storyId: string, as: TestUser = parent) =>
      call(t, 'POST', `/stories/library/${kidId}/download/${storyId}`, { as });

    it('records a download and refreshes it on a repeat (STORY-44)', async () => {
      const kidId = await createKid(t.app, parent.id);
      const storyId = await createStory(t);
      const first = await download(kidId, storyId);
      expect(first.statusCode).toBe(201);
      expect(first.json().data).toEqual({
        id: expect.any(String),
        kidId,
        storyId,
        downloadedAt: expect.any(String),
      });
      const second = await download(kidId, storyId);
      expect(second.json().data.id).toBe(first.json().data.id);
      expect(Date.parse(second.json().data.downloadedAt)).toBeGreaterThan(
        Date.parse(first.json().data.downloadedAt),
      );
      // The family's own generated story may be downloaded too.
      expect((await download(kidId, await createStory(t, { ownerUserId: parent.id }))).statusCode).toBe(201);
    });

    it('refuses stories the caller cannot see and others’ kids with 404 (STORY-44)', async () => {
      const kidId = await createKid(t.app, parent.id);
      const [hidden, deleted, visible] = await Promise.all([
        createStory(t, { ownerUserId: other.id }),
        createStory(t, { deleted: true }),
        createStory(t),
      ]);
      expect((await download(kidId, hidden)).statusCode).toBe(404);
      expect((await download(kidId, deleted)).statusCode).toBe(404);
      expect((await download(othersKid, visible)).statusCode).toBe(404);
      expect((await download(kidId, 'nope')).statusCode).toBe(400);
      expect((await call(t, 'POST', `/stories/library/${kidId}/download/${visible}`)).statusCode).toBe(401);
    });

    it('lists downloads, downloadedAt desc, across pages (STORY-43)', async () => {
      const kidId = await createKid(t.app, parent.id);
      const storyIds = await createStories(t, 5);
      for (const storyId of storyIds) await download(kidId, storyId);
      // Re-downloading moves a story to the top.
      await download(kidId, storyIds[0]!);
      const gone = await createStory(t);
      await download(kidId, gone);
      await query(t, 'update stories set is_deleted = true where id = $1', [gone]);
      const expected = [storyIds[0]!, ...[...storyIds.slice(1)].reverse()];
      const all = await page(`/stories/library/${kidId}/downloads`, parent);
      expect(ids(all)).toEqual(expected);
      expect(all.items[0]).toMatchObject({ downloadedAt: expect.any(String), categories: [] });
      expect(
        await collectPages((cursor) => page(`/stories/library/${kidId}/downloads`, parent, cursor, 2)),
      ).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);

      const url = `/api/v1/stories/library/${kidId}/downloads`;
      const small = await countQueries(t, { method: 'GET', url: `${url}?limit=2`, headers: parent.auth });
      const large = await countQueries(t, { method: 'GET', url: `${url}?limit=50`, headers: parent.auth });
      expect(large.response.json().data.items).toHaveLength(5);
      expect(small.count).toBe(large.count);
      expect(large.count).toBeLessThanOrEqual(4);
    });

    it('answers 404 for another parent’s kid and 401 without a token (STORY-43)', async () => {
      expect(
        (await call(t, 'GET', `/stories/library/${othersKid}/downloads`, { as: parent })).statusCode,
      ).toBe(404);
      expect((await call(t, 'GET', `/stories/library/${othersKid}/downloads`)).statusCode).toBe(401);
    });

    it('removes a download idempotently (STORY-45)', async () => {
      const kidId = await createKid(t.app, parent.id);
      const storyId = await createStory(t);
      await download(kidId, storyId);
      const url = `/stories/library/${kidId}/download/${storyId}`;
      expect((await call(t, 'DELETE', url, { as: parent })).json().data).toEqual({ removed: true });
      expect((await call(t, 'DELETE', url, { as: parent })).json().data).toEqual({ removed: false });
      expect(
        (await call(t, 'DELETE', `/stories/library/${othersKid}/download/${storyId}`, { as: parent }))
          .statusCode,
      ).toBe(404);
      expect(
        (await call(t, 'DELETE', `/stories/library/${kidId}/download/nope`, { as: parent })).statusCode,
      ).toBe(400);
      expect((await call(t, 'DELETE', url)).statusCode).toBe(401);
    });
  });

  describe('DELETE /stories/library/:kidId/remove/:storyId (STORY-46)', () => {
    async function setUp() {
      const kidId = await createKid(t.app, parent.id);
      const sibling = await createKid(t.app, parent.id);
      const storyId = await createStory(t);
      for (const kid of [kidId, sibling]) {
        await query(t, 'insert into favorites (id, kid_id, story_id) values (gen_random_uuid(), $1, $2)', [
          kid,
          storyId,
        ]);
        await query(
          t,
          'insert into downloaded_stories (id, kid_id, story_id) values (gen_random_uuid(), $1, $2)',
          [kid, storyId],
        );
        await seedKidProgress(t, kid, storyId, { progress: 30, minutesAgo: 1 });
      }
      return { kidId, sibling, storyId };
    }
    const state = async (kidId: string, storyId: string) => {
      const [row] = await query<{ favorite: number; download: number; progress: number }>(
        t,
        `select (select count(*)::int from favorites where kid_id = $1 and story_id = $2) as favorite,
                (select count(*)::int from downloaded_stories where kid_id = $1 and story_id = $2) as download,
                (select count(*)::int from story_progress where kid_id = $1 and story_id = $2) as progress`,
        [kidId, storyId],
      );
      return row!;
    };

    it('deletes the kid’s favorite, download and progress for the story', async () => {
      const { kidId, sibling, storyId } = await setUp();
      const res = await call(t, 'DELETE', `/stories/library/${kidId}/remove/${storyId}`, { as: parent });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ message: expect.any(String) });
      expect(await state(kidId, storyId)).toEqual({ favorite: 0, download: 0, progress: 0 });
      expect(await state(sibling, storyId)).toEqual({ favorite: 1, download: 1, progress: 1 });
    });

    it('is atomic: a failure on the last delete keeps the favorite and download', async () => {
      const { kidId, storyId } = await setUp();
      const { response, cancelled } = await cancelWhileBlocked(
        t,
        'select 1 from story_progress where kid_id = $1 and story_id = $2 for update',
        [kidId, storyId],
        () => call(t, 'DELETE', `/stories/library/${kidId}/remove/${storyId}`, { as: parent }),
      );
      expect(cancelled).toBe(true);
      expect(response.statusCode).not.toBe(200);
      expect(await state(kidId, storyId)).toEqual({ favorite: 1, download: 1, progress: 1 });
    });

    it('answers 404 for another parent’s kid (touching nothing), 400 for a bad id, 401 without a token', async () => {
      const { kidId, storyId } = await setUp();
      const res = await call(t, 'DELETE', `/stories/library/${kidId}/remove/${storyId}`, { as: other });
      expect(res.statusCode).toBe(404);
      expect(await state(kidId, storyId)).toEqual({ favorite: 1, download: 1, progress: 1 });
      expect(
        (await call(t, 'DELETE', `/stories/library/${kidId}/remove/nope`, { as: parent })).statusCode,
      ).toBe(400);
      expect((await call(t, 'DELETE', `/stories/library/${kidId}/remove/${storyId}`)).statusCode).toBe(401);
    });
  });
});
