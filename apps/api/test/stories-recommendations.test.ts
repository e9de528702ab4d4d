import { randomUUID } from 'node:crypto';
import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import {
  createStories,
  createStory,
  expectConstantQueries,
  query,
  softDeleteStory,
  walkPages,
} from './stories-favorites-fixtures';

/** STORY-51..54 (api.md §4.13, rules.md §21): parent recommendations. */
describe('parent recommendations', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let kidId: string;
  let otherKidId: string;

  beforeAll(async () => {
    t = await createTestApp();
    parent = await createUser(t.app, { name: 'Rec Parent' });
    other = await createUser(t.app);
    kidId = await createKid(t.app, parent.id, 'Ada');
    otherKidId = await createKid(t.app, other.id);
  });
  afterAll(async () => t.close());

  const recommend = (user: TestUser, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/stories/recommend', headers: user.auth, payload: body });
  const remove = (user: TestUser, id: string, permanent?: boolean) =>
    t.app.inject({
      method: 'DELETE',
      url: `/api/v1/stories/recommendations/${id}${permanent === undefined ? '' : `?permanent=${permanent}`}`,
      headers: user.auth,
    });
  const stats = async (kid: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${kid}/stats`,
        headers: parent.auth,
      })
    ).json().data.totalCount as number;

  describe('POST /stories/recommend (STORY-51)', () => {
    it('answers 201 with the row, its story, the parent and the kid', async () => {
      const storyId = await createStory(t.app, { title: 'Recommended tale' });
      const res = await recommend(parent, { kidId, storyId, message: 'You will love it' });
      expect(res.statusCode).toBe(201);
      // The note to the kid stays in the data; it is not promoted to the envelope message.
      expect(res.json().message).toBe('Story recommended');
      const data = res.json().data;
      expect(data).toEqual({
        id: expect.any(String),
        userId: parent.id,
        kidId,
        storyId,
        message: 'You will love it',
        recommendedAt: expect.stringMatching(/Z$/),
        story: expect.objectContaining({ id: storyId, title: 'Recommended tale', categories: [] }),
        user: { id: parent.id, name: 'Rec Parent', email: parent.email },
        kid: { id: kidId, name: 'Ada' },
      });
      expect(data.story).not.toHaveProperty('textContent');
      expect(data.user).not.toHaveProperty('passwordHash');
    });

    it('answers 409 RESOURCE_ALREADY_EXISTS for an active duplicate', async () => {
      const storyId = await createStory(t.app);
      expect((await recommend(parent, { kidId, storyId })).statusCode).toBe(201);
      const again = await recommend(parent, { kidId, storyId, message: 'again' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('RESOURCE_ALREADY_EXISTS');
    });

    it('revives a soft-deleted recommendation of the same triple with the new message', async () => {
      const kid = await createKid(t.app, parent.id);
      const storyId = await createStory(t.app);
      const first = (await recommend(parent, { kidId: kid, storyId, message: 'old' })).json().data;
      expect((await remove(parent, first.id)).statusCode).toBe(200);
      expect(await stats(kid)).toBe(0);

      const revived = await recommend(parent, { kidId: kid, storyId, message: 'new' });
      expect(revived.statusCode).toBe(201);
      expect(revived.json().data).toMatchObject({ id: first.id, message: 'new' });
      expect(await stats(kid)).toBe(1);
      const rows = await query<{ is_deleted: boolean; deleted_at: Date | null }>(
        t,
        'select is_deleted, deleted_at from parent_recommendations where user_id = $1 and kid_id = $2 and story_id = $3',
        [parent.id, kid, storyId],
      );
      expect(rows).toEqual([{ is_deleted: false, deleted_at: null }]);
    });

    it('answers 400 STORY_RESTRICTED when the story is restricted for the kid', async () => {
      const storyId = await createStory(t.app);
      const restricted = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories/auth/restrict',
        headers: parent.auth,
        payload: { kidId, storyId },
      });
      expect(restricted.statusCode).toBe(201);
      const res = await recommend(parent, { kidId, storyId });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('STORY_RESTRICTED');
      const rows = await query(
        t,
        'select id from parent_recommendations where kid_id = $1 and story_id = $2',
        [kidId, storyId],
      );
      expect(rows).toHaveLength(0);
    });

    it('drops the top-picks cache and the kid profile (KID-03 count follows at once)', async () => {
      const kid = await createKid(t.app, parent.id);
      const { cache } = t.app.core;
      const key = cacheKeys.topPicksParents(7);
      // What the top-picks route caches under its tag; a hit returns the cached value, a miss the loader's.
      const topPicks = (value: string) =>
        cache.getOrSet(key, CACHE_TTL.topPicksParents, async () => value, { tags: [cacheTags.topPicks] });
      expect(await topPicks('cached')).toBe('cached');
      const profile = () =>
        t.app.inject({ method: 'GET', url: `/api/v1/user/kids/${kid}`, headers: parent.auth });
      expect((await profile()).json().data.recommendationStats).toEqual({ total: 0 });

      const storyId = await createStory(t.app);
      const created = (await recommend(parent, { kidId: kid, storyId })).json().data;
      expect(await topPicks('after recommend')).toBe('after recommend');
      expect((await profile()).json().data.recommendationStats).toEqual({ total: 1 });

      expect((await remove(parent, created.id)).statusCode).toBe(200);
      expect(await topPicks('after delete')).toBe('after delete');
      expect((await profile()).json().data.recommendationStats).toEqual({ total: 0 });
    });

    it('answers 404 for a story that is unknown, deleted or private to another family', async () => {
      for (const storyId of [
        randomUUID(),
        await createStory(t.app, { isDeleted: true }),
        await createStory(t.app, { ownerUserId: other.id }),
      ]) {
        const res = await recommend(parent, { kidId, storyId });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
    });

    it('answers 400 for a message over 500 characters, a bad UUID or an unknown property', async () => {
      const storyId = await createStory(t.app);
      for (const body of [
        { kidId, storyId, message: 'm'.repeat(501) },
        { kidId, storyId: 'x' },
        { kidId, storyId, userId: other.id },
      ]) {
        const res = await recommend(parent, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it("answers 404 for another parent's kid and 401 without a token", async () => {
      const storyId = await createStory(t.app);
      const foreign = await recommend(parent, { kidId: otherKidId, storyId });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('RESOURCE_NOT_FOUND');
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories/recommend',
        payload: { kidId, storyId },
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('GET /stories/recommendations/kid/:kidId (STORY-52)', () => {
    let listKid: string;
    let storyIds: string[];
    let recommendationIds: string[];

    beforeAll(async () => {
      listKid = await createKid(t.app, parent.id, 'Lister');
      storyIds = await createStories(t.app, 5);
      recommendationIds = [];
      for (const storyId of storyIds) {
        const res = await recommend(parent, { kidId: listKid, storyId, message: `for ${storyId}` });
        expect(res.statusCode).toBe(201);
        recommendationIds.push(res.json().data.id);
      }
    });

    it('lists active recommendations in the STORY-51 shape, newest first', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${listKid}`,
        headers: parent.auth,
      });
      expect(res.statusCode).toBe(200);
      const page = res.json().data;
      expect(page.items.map((item: { id: string }) => item.id)).toEqual([...recommendationIds].reverse());
      expect(page.items[0]).toMatchObject({
        userId: parent.id,
        kidId: listKid,
        storyId: storyIds[4],
        message: `for ${storyIds[4]}`,
        story: { id: storyIds[4] },
        user: { id: parent.id, email: parent.email },
        kid: { id: listKid, name: 'Lister' },
      });
      expect(page.items[0]).not.toHaveProperty('sortKey');
    });

    it('leaves out soft-deleted recommendations and deleted stories', async () => {
      const kid = await createKid(t.app, parent.id);
      const [a, b, c] = await createStories(t.app, 3);
      const ids: string[] = [];
      for (const storyId of [a, b, c])
        ids.push((await recommend(parent, { kidId: kid, storyId })).json().data.id);
      await remove(parent, ids[0]!);
      await softDeleteStory(t, b!);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${kid}`,
        headers: parent.auth,
      });
      expect(res.json().data.items.map((item: { id: string }) => item.id)).toEqual([ids[2]]);
    });

    it('pages with a cursor across pages without gaps or repeats', async () => {
      const pages = await walkPages(t, `/api/v1/stories/recommendations/kid/${listKid}`, parent.auth, 2);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...recommendationIds].reverse());
    });

    it('runs the same small number of statements for limit 2 and limit 50', async () => {
      await expectConstantQueries(t, `/api/v1/stories/recommendations/kid/${listKid}`, parent.auth, 2);
    });

    it("answers 400 for a bad limit, 404 for another parent's kid, 401 without a token", async () => {
      const url = `/api/v1/stories/recommendations/kid/${listKid}`;
      const bad = await t.app.inject({ method: 'GET', url: `${url}?limit=abc`, headers: parent.auth });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${otherKidId}`,
        headers: parent.auth,
      });
      expect(foreign.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    });
  });

  describe('DELETE /stories/recommendations/:recommendationId (STORY-53)', () => {
    it('soft deletes by default, then permanently on request', async () => {
      const storyId = await createStory(t.app);
      const { id } = (await recommend(parent, { kidId, storyId })).json().data;
      const soft = await remove(parent, id);
      expect(soft.statusCode).toBe(200);
      expect(soft.json().data).toEqual({ id, permanent: false });
      expect(await query(t, 'select is_deleted from parent_recommendations where id = $1', [id])).toEqual([
        { is_deleted: true },
      ]);
      // Already soft-deleted: nothing left to soft delete.
      expect((await remove(parent, id)).statusCode).toBe(404);

      const hard = await remove(parent, id, true);
      expect(hard.statusCode).toBe(200);
      expect(hard.json().data).toEqual({ id, permanent: true });
      expect(await query(t, 'select id from parent_recommendations where id = $1', [id])).toEqual([]);
      expect((await remove(parent, id, true)).statusCode).toBe(404);
    });

    it('answers 404 to anyone but the recommending parent (the row stays)', async () => {
      const storyId = await createStory(t.app);
      const { id } = (await recommend(parent, { kidId, storyId })).json().data;
      for (const permanent of [false, true]) {
        const res = await remove(other, id, permanent);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
      expect(await query(t, 'select is_deleted from parent_recommendations where id = $1', [id])).toEqual([
        { is_deleted: false },
      ]);
    });

    it('answers 400 for a bad UUID or permanent value, 401 without a token', async () => {
      const bad = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/stories/recommendations/nope',
        headers: parent.auth,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
      const badFlag = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/stories/recommendations/${randomUUID()}?permanent=yes`,
        headers: parent.auth,
      });
      expect(badFlag.statusCode).toBe(400);
      const anonymous = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/stories/recommendations/${randomUUID()}`,
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('GET /stories/recommendations/kid/:kidId/stats (STORY-54)', () => {
    it('counts the non-deleted recommendations of the kid', async () => {
      const kid = await createKid(t.app, parent.id);
      expect(await stats(kid)).toBe(0);
      const [a, b] = await createStories(t.app, 2);
      const first = (await recommend(parent, { kidId: kid, storyId: a })).json().data;
      await recommend(parent, { kidId: kid, storyId: b });
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${kid}/stats`,
        headers: parent.auth,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ totalCount: 2 });
      await remove(parent, first.id);
      expect(await stats(kid)).toBe(1);
    });

    it("answers 404 for another parent's kid, 400 for a bad UUID, 401 without a token", async () => {
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${otherKidId}/stats`,
        headers: parent.auth,
      });
      expect(foreign.statusCode).toBe(404);
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/v1/stories/recommendations/kid/zzz/stats',
        headers: parent.auth,
      });
      expect(bad.statusCode).toBe(400);
      const anonymous = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/recommendations/kid/${kidId}/stats`,
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });
});
