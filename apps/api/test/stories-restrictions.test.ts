import { randomUUID } from 'node:crypto';
import { CACHE_TTL, cacheKeys } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKidProfileSnapshot } from '../src/modules/kids/kid-profile';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import {
  createStories,
  createStory,
  expectConstantQueries,
  query,
  walkPages,
} from './stories-favorites-fixtures';

/** STORY-15..17 (api.md §4.4, rules.md §21): a parent blocks stories for a kid. */
describe('story restrictions', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let kidId: string;
  let otherKidId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [parent, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
    kidId = await createKid(t.app, parent.id);
    otherKidId = await createKid(t.app, other.id);
  });
  afterAll(async () => t.close());

  const restrict = (user: TestUser, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/stories/auth/restrict', headers: user.auth, payload: body });

  /** Reads `kid:{kidId}:profile` through the cache, as the feed does. */
  const cachedProfile = (id: string) =>
    t.app.core.cache.getOrSet(cacheKeys.kidProfile(id), CACHE_TTL.kidProfile, () =>
      loadKidProfileSnapshot(t.app.core.db, id),
    );

  describe('POST /stories/auth/restrict (STORY-15)', () => {
    it('restricts a story and answers 201 with the row', async () => {
      const storyId = await createStory(t.app);
      const res = await restrict(parent, { kidId, storyId, reason: '  Too scary  ' });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({
        id: expect.any(String),
        kidId,
        storyId,
        userId: parent.id,
        reason: 'Too scary',
        createdAt: expect.stringMatching(/Z$/),
      });
    });

    it('upserts on (kidId, storyId): the same row, with the new reason', async () => {
      const storyId = await createStory(t.app);
      const first = (await restrict(parent, { kidId, storyId, reason: 'first' })).json().data;
      const second = await restrict(parent, { kidId, storyId, reason: 'second' });
      expect(second.statusCode).toBe(201);
      expect(second.json().data).toEqual({ ...first, reason: 'second' });
      const third = (await restrict(parent, { kidId, storyId })).json().data;
      expect(third).toEqual({ ...first, reason: null });
      const rows = await query(t, 'select id from restricted_stories where kid_id = $1 and story_id = $2', [
        kidId,
        storyId,
      ]);
      expect(rows).toHaveLength(1);
    });

    it('drops the cached kid profile, so the feed sees the restriction at once', async () => {
      const kid = await createKid(t.app, parent.id);
      const storyId = await createStory(t.app);
      expect((await cachedProfile(kid))?.restrictedStoryIds).toEqual([]);
      await restrict(parent, { kidId: kid, storyId });
      expect((await cachedProfile(kid))?.restrictedStoryIds).toEqual([storyId]);
    });

    it('takes a recommended story out of the kid feed at once (restriction wins, rules.md §21)', async () => {
      const kid = await createKid(t.app, parent.id);
      const storyId = await createStory(t.app);
      const recommended = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories/recommend',
        headers: parent.auth,
        payload: { kidId: kid, storyId },
      });
      expect(recommended.statusCode).toBe(201);
      const feed = async () => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/stories?kidId=${kid}&recommended=true`,
          headers: parent.auth,
        });
        expect(res.statusCode).toBe(200);
        return res.json().data.items.map((item: { id: string }) => item.id);
      };
      expect(await feed()).toEqual([storyId]);
      await restrict(parent, { kidId: kid, storyId });
      expect(await feed()).toEqual([]);
      // The recommendation itself stays.
      const stats = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${kid}/stats`,
        headers: parent.auth,
      });
      expect(stats.json().data).toEqual({ totalCount: 1 });
    });

    it('answers 404 for a story that does not exist (or is deleted, or private to another family)', async () => {
      for (const storyId of [
        randomUUID(),
        await createStory(t.app, { isDeleted: true }),
        await createStory(t.app, { ownerUserId: other.id }),
      ]) {
        const res = await restrict(parent, { kidId, storyId });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
    });

    it('answers 400 for a reason over 500 characters, a bad UUID or an unknown property', async () => {
      const storyId = await createStory(t.app);
      for (const body of [
        { kidId, storyId, reason: 'x'.repeat(501) },
        { kidId: 'nope', storyId },
        { kidId, storyId, userId: other.id },
      ]) {
        const res = await restrict(parent, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it("answers 404 for another parent's kid and 401 without a token", async () => {
      const storyId = await createStory(t.app);
      const foreign = await restrict(parent, { kidId: otherKidId, storyId });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('RESOURCE_NOT_FOUND');
      const rows = await query(t, 'select id from restricted_stories where kid_id = $1', [otherKidId]);
      expect(rows).toHaveLength(0);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories/auth/restrict',
        payload: { kidId, storyId },
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('DELETE /stories/auth/restrict/:kidId/:storyId (STORY-16)', () => {
    it('lifts the restriction (and refreshes the cached profile); a second delete is 404', async () => {
      const kid = await createKid(t.app, parent.id);
      const storyId = await createStory(t.app);
      await restrict(parent, { kidId: kid, storyId });
      expect((await cachedProfile(kid))?.restrictedStoryIds).toEqual([storyId]);

      const url = `/api/v1/stories/auth/restrict/${kid}/${storyId}`;
      const res = await t.app.inject({ method: 'DELETE', url, headers: parent.auth });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ removed: true });
      expect((await cachedProfile(kid))?.restrictedStoryIds).toEqual([]);

      const again = await t.app.inject({ method: 'DELETE', url, headers: parent.auth });
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe('RESOURCE_NOT_FOUND');
    });

    it("answers 404 for another parent's kid (the restriction stays), 400 for a bad UUID, 401 without a token", async () => {
      const storyId = await createStory(t.app);
      expect((await restrict(other, { kidId: otherKidId, storyId })).statusCode).toBe(201);
      const url = `/api/v1/stories/auth/restrict/${otherKidId}/${storyId}`;
      expect((await t.app.inject({ method: 'DELETE', url, headers: parent.auth })).statusCode).toBe(404);
      const rows = await query(t, 'select id from restricted_stories where kid_id = $1 and story_id = $2', [
        otherKidId,
        storyId,
      ]);
      expect(rows).toHaveLength(1);

      const bad = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/stories/auth/restrict/${kidId}/123`,
        headers: parent.auth,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
      expect((await t.app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
    });
  });

  describe('GET /stories/auth/restrict/:kidId (STORY-17)', () => {
    let listKid: string;
    let storyIds: string[];

    beforeAll(async () => {
      listKid = await createKid(t.app, parent.id, 'Restricted');
      storyIds = await createStories(t.app, 5);
      for (const [index, storyId] of storyIds.entries()) {
        expect(
          (await restrict(parent, { kidId: listKid, storyId, reason: `reason ${index}` })).statusCode,
        ).toBe(201);
      }
    });

    it('lists StoryListItem & { restrictionReason, restrictedAt }, newest restriction first', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/auth/restrict/${listKid}`,
        headers: parent.auth,
      });
      expect(res.statusCode).toBe(200);
      const page = res.json().data;
      expect(page.hasMore).toBe(false);
      expect(page.items.map((item: { id: string }) => item.id)).toEqual([...storyIds].reverse());
      const [newest] = page.items;
      expect(newest).toMatchObject({
        id: storyIds[4],
        restrictionReason: 'reason 4',
        restrictedAt: expect.stringMatching(/Z$/),
        categories: [],
        themes: [],
        seasons: [],
      });
      expect(newest).not.toHaveProperty('textContent');
      expect(newest).not.toHaveProperty('sortKey');
    });

    it('pages with a cursor across pages without gaps or repeats', async () => {
      const pages = await walkPages(t, `/api/v1/stories/auth/restrict/${listKid}`, parent.auth, 2);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...storyIds].reverse());
    });

    it('keeps restrictions that share a timestamp apart', async () => {
      const kid = await createKid(t.app, parent.id);
      const ids = await createStories(t.app, 3);
      await query(
        t,
        `insert into restricted_stories (id, kid_id, story_id, user_id, created_at)
         select gen_random_uuid(), $1, s, $2, '2024-02-02T00:00:00.5Z' from unnest($3::uuid[]) as s`,
        [kid, parent.id, ids],
      );
      const pages = await walkPages(t, `/api/v1/stories/auth/restrict/${kid}`, parent.auth, 1);
      expect(pages.flat()).toEqual([...ids].sort().reverse());
    });

    it('runs the same small number of statements for limit 2 and limit 50', async () => {
      await expectConstantQueries(t, `/api/v1/stories/auth/restrict/${listKid}`, parent.auth, 2);
    });

    it("answers 400 for another list's cursor, 404 for another parent's kid, 401 without a token", async () => {
      const favoritesCursor = Buffer.from(
        JSON.stringify({
          v: 1,
          s: 'kid-favorites:created_at:desc',
          k: ['2024-01-01T00:00:00.000000Z'],
          id: randomUUID(),
        }),
      ).toString('base64url');
      const url = `/api/v1/stories/auth/restrict/${listKid}`;
      const bad = await t.app.inject({
        method: 'GET',
        url: `${url}?cursor=${favoritesCursor}`,
        headers: parent.auth,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/auth/restrict/${otherKidId}`,
        headers: parent.auth,
      });
      expect(foreign.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    });
  });
});
