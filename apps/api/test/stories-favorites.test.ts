import { randomUUID } from 'node:crypto';
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

/** STORY-12..14 (api.md §4.3): kid favorites. */
describe('kid favorites', () => {
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

  const add = (user: TestUser, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/stories/favorites', headers: user.auth, payload: body });

  describe('POST /stories/favorites (STORY-12)', () => {
    it('adds a favorite and answers 201 with the row', async () => {
      const storyId = await createStory(t.app);
      const res = await add(parent, { kidId, storyId });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.statusCode).toBe(201);
      expect(body.data).toEqual({
        id: expect.any(String),
        kidId,
        storyId,
        createdAt: expect.stringMatching(/Z$/),
      });
    });

    it('is idempotent on (kidId, storyId): the existing favorite comes back unchanged', async () => {
      const storyId = await createStory(t.app);
      const first = (await add(parent, { kidId, storyId })).json().data;
      const again = await add(parent, { kidId, storyId });
      expect(again.statusCode).toBe(201);
      expect(again.json().data).toEqual(first);
      // Concurrent duplicates still leave one row (unique constraint, fix 16).
      const racing = await Promise.all([1, 2, 3].map(() => add(parent, { kidId, storyId })));
      expect(racing.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      const rows = await query(t, 'select id from favorites where kid_id = $1 and story_id = $2', [
        kidId,
        storyId,
      ]);
      expect(rows).toEqual([{ id: first.id }]);
    });

    it("accepts the family's own generated story", async () => {
      const storyId = await createStory(t.app, { ownerUserId: parent.id });
      expect((await add(parent, { kidId, storyId })).statusCode).toBe(201);
    });

    it('answers 404 for a story that is unknown, deleted, unpublished or private to another family', async () => {
      const cases = [
        randomUUID(),
        await createStory(t.app, { isDeleted: true }),
        await createStory(t.app, { isPublished: false }),
        await createStory(t.app, { ownerUserId: other.id }),
      ];
      for (const storyId of cases) {
        const res = await add(parent, { kidId, storyId });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
    });

    it('answers 400 VALIDATION_ERROR for a bad UUID, a missing field or an unknown property', async () => {
      const storyId = await createStory(t.app);
      for (const body of [{ kidId: 'not-a-uuid', storyId }, { kidId }, { kidId, storyId, extra: true }]) {
        const res = await add(parent, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it("answers 404 for another parent's kid and for a soft-deleted kid, 401 without a token", async () => {
      const storyId = await createStory(t.app);
      const foreign = await add(parent, { kidId: otherKidId, storyId });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('RESOURCE_NOT_FOUND');

      const deletedKid = await createKid(t.app, parent.id);
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [deletedKid]);
      expect((await add(parent, { kidId: deletedKid, storyId })).statusCode).toBe(404);

      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories/favorites',
        payload: { kidId, storyId },
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('DELETE /stories/favorites/:kidId/:storyId (STORY-13)', () => {
    it('removes the favorite and answers { removed } (false the second time)', async () => {
      const storyId = await createStory(t.app);
      await add(parent, { kidId, storyId });
      const url = `/api/v1/stories/favorites/${kidId}/${storyId}`;
      const first = await t.app.inject({ method: 'DELETE', url, headers: parent.auth });
      expect(first.statusCode).toBe(200);
      expect(first.json().data).toEqual({ removed: true });
      const second = await t.app.inject({ method: 'DELETE', url, headers: parent.auth });
      expect(second.json().data).toEqual({ removed: false });
    });

    it("answers 404 for another parent's kid (their favorite stays), 400 for a bad UUID, 401 without a token", async () => {
      const storyId = await createStory(t.app);
      expect((await add(other, { kidId: otherKidId, storyId })).statusCode).toBe(201);
      const url = `/api/v1/stories/favorites/${otherKidId}/${storyId}`;
      const foreign = await t.app.inject({ method: 'DELETE', url, headers: parent.auth });
      expect(foreign.statusCode).toBe(404);
      const rows = await query(t, 'select id from favorites where kid_id = $1 and story_id = $2', [
        otherKidId,
        storyId,
      ]);
      expect(rows).toHaveLength(1);

      const bad = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/stories/favorites/${kidId}/nope`,
        headers: parent.auth,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
      expect((await t.app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
    });
  });

  describe('GET /stories/favorites/:kidId (STORY-14)', () => {
    let listKid: string;
    let storyIds: string[];

    beforeAll(async () => {
      listKid = await createKid(t.app, parent.id, 'Lister');
      storyIds = await createStories(t.app, 5);
      for (const storyId of storyIds) {
        expect((await add(parent, { kidId: listKid, storyId })).statusCode).toBe(201);
      }
    });

    it('lists newest first as { id, createdAt, story: StoryListItem } without textContent', async () => {
      const category = `Favorites category ${randomUUID().slice(0, 8)}`;
      const withCategory = await createStory(t.app, { categoryName: category });
      const kid = await createKid(t.app, parent.id);
      await add(parent, { kidId: kid, storyId: storyIds[0] });
      await add(parent, { kidId: kid, storyId: withCategory });

      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/favorites/${kid}`,
        headers: parent.auth,
      });
      expect(res.statusCode).toBe(200);
      const page = res.json().data;
      expect(page.hasMore).toBe(false);
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((item: { story: { id: string } }) => item.story.id)).toEqual([
        withCategory,
        storyIds[0],
      ]);
      const [first] = page.items;
      expect(Object.keys(first).sort()).toEqual(['createdAt', 'id', 'story']);
      expect(first.story.categories).toEqual([{ id: expect.any(String), name: category }]);
      expect(first.story).not.toHaveProperty('textContent');
      expect(first.story).not.toHaveProperty('favoriteCount');
      expect(first.story).not.toHaveProperty('createdAtKey');
      expect(first.story).toMatchObject({ themes: [], seasons: [], title: expect.any(String) });
    });

    it('omits deleted stories', async () => {
      const kid = await createKid(t.app, parent.id);
      const [keep, drop] = await createStories(t.app, 2);
      await add(parent, { kidId: kid, storyId: keep! });
      await add(parent, { kidId: kid, storyId: drop! });
      await softDeleteStory(t, drop!);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/favorites/${kid}`,
        headers: parent.auth,
      });
      expect(res.json().data.items.map((item: { story: { id: string } }) => item.story.id)).toEqual([keep]);
    });

    it('pages with a cursor across pages, newest first, without gaps or repeats', async () => {
      const pages = await walkPages(t, `/api/v1/stories/favorites/${listKid}`, parent.auth, 2, (item) =>
        String((item.story as { id: string }).id),
      );
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...storyIds].reverse());
    });

    it('keeps rows that share a timestamp apart (microsecond keyset with id tie-breaker)', async () => {
      const kid = await createKid(t.app, parent.id);
      const ids = await createStories(t.app, 4);
      await query(
        t,
        `insert into favorites (id, kid_id, story_id, created_at)
         select gen_random_uuid(), $1, s, '2024-01-01T00:00:00.123456Z' from unnest($2::uuid[]) as s`,
        [kid, ids],
      );
      const pages = await walkPages(t, `/api/v1/stories/favorites/${kid}`, parent.auth, 1, (item) =>
        String((item.story as { id: string }).id),
      );
      expect(pages.flat().sort()).toEqual([...ids].sort());
    });

    it('runs the same small number of statements for limit 2 and limit 50', async () => {
      // The kid ownership probe and the page itself.
      await expectConstantQueries(t, `/api/v1/stories/favorites/${listKid}`, parent.auth, 2);
    });

    it("answers 400 for a bad cursor or limit, 404 for another parent's kid, 401 without a token", async () => {
      const url = `/api/v1/stories/favorites/${listKid}`;
      for (const query of ['?cursor=garbage', '?limit=0', '?limit=101']) {
        const res = await t.app.inject({ method: 'GET', url: `${url}${query}`, headers: parent.auth });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      const foreign = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stories/favorites/${otherKidId}`,
        headers: parent.auth,
      });
      expect(foreign.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    });
  });
});
