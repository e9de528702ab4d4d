import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import {
  createStories,
  createStory,
  expectConstantQueries,
  favoriteCountOf,
  query,
  softDeleteStory,
  walkPages,
} from './stories-favorites-fixtures';

/** PFAV-01..03 (api.md §15): parent favorites and `stories.favoriteCount` (platform.md §13). */
describe('parent favorites', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [parent, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
  });
  afterAll(async () => t.close());

  const add = (user: TestUser, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/parent-favorites', headers: user.auth, payload: body });
  const remove = (user: TestUser, storyId: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/parent-favorites/${storyId}`, headers: user.auth });

  /** The counter must always equal the rows it counts. */
  async function expectConsistentCount(storyId: string, expected: number) {
    const [row] = await query<{ n: number }>(
      t,
      'select count(*)::int as n from parent_favorites where story_id = $1',
      [storyId],
    );
    expect(row!.n).toBe(expected);
    expect(await favoriteCountOf(t, storyId)).toBe(expected);
  }

  describe('POST /parent-favorites (PFAV-01)', () => {
    it('answers 201 { id, storyId, createdAt, story } and increments favoriteCount', async () => {
      const storyId = await createStory(t.app, { title: 'Parent pick' });
      const res = await add(parent, { storyId });
      expect(res.statusCode).toBe(201);
      const data = res.json().data;
      expect(data).toEqual({
        id: expect.any(String),
        storyId,
        createdAt: expect.stringMatching(/Z$/),
        story: expect.objectContaining({ id: storyId, title: 'Parent pick', categories: [], themes: [] }),
      });
      expect(data.story).not.toHaveProperty('textContent');
      expect(data.story).not.toHaveProperty('favoriteCount');
      await expectConsistentCount(storyId, 1);
    });

    it('is idempotent: the existing favorite comes back unchanged and the count does not move', async () => {
      const storyId = await createStory(t.app);
      const first = (await add(parent, { storyId })).json().data;
      const again = await add(parent, { storyId });
      expect(again.statusCode).toBe(201);
      expect(again.json().data).toEqual(first);
      await expectConsistentCount(storyId, 1);
    });

    it('keeps favoriteCount consistent under concurrent favorites', async () => {
      const storyId = await createStory(t.app);
      const [a, b] = await Promise.all([add(parent, { storyId }), add(other, { storyId })]);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      await expectConsistentCount(storyId, 2);

      // The same parent racing itself, plus a third parent: still one row per parent.
      const third = await createUser(t.app);
      const racing = await Promise.all([
        ...[1, 2, 3, 4].map(() => add(parent, { storyId })),
        ...[1, 2].map(() => add(third, { storyId })),
      ]);
      expect(racing.every((res) => res.statusCode === 201)).toBe(true);
      await expectConsistentCount(storyId, 3);

      // And concurrent removals.
      const removals = await Promise.all([remove(parent, storyId), remove(other, storyId)]);
      expect(removals.map((res) => res.statusCode)).toEqual([200, 200]);
      await expectConsistentCount(storyId, 1);
    });

    it("accepts the caller's own generated story", async () => {
      const storyId = await createStory(t.app, { ownerUserId: parent.id });
      expect((await add(parent, { storyId })).statusCode).toBe(201);
    });

    it('answers 404 for a story that is unknown, deleted, unpublished or private to another family', async () => {
      const cases = [
        randomUUID(),
        await createStory(t.app, { isDeleted: true }),
        await createStory(t.app, { isPublished: false }),
        await createStory(t.app, { ownerUserId: other.id }),
      ];
      for (const storyId of cases) {
        const res = await add(parent, { storyId });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
      await expectConsistentCount(cases[1]!, 0);
    });

    it('answers 400 for a bad UUID, a missing storyId or an unknown property; 401 without a token', async () => {
      const storyId = await createStory(t.app);
      for (const body of [{ storyId: 'bad' }, {}, { storyId, userId: other.id }]) {
        const res = await add(parent, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/parent-favorites',
        payload: { storyId },
      });
      expect(anonymous.statusCode).toBe(401);
      await expectConsistentCount(storyId, 0);
    });
  });

  describe('GET /parent-favorites (PFAV-02)', () => {
    let lister: TestUser;
    let storyIds: string[];
    let favoriteIds: string[];

    beforeAll(async () => {
      lister = await createUser(t.app);
      storyIds = await createStories(t.app, 5);
      favoriteIds = [];
      for (const storyId of storyIds) favoriteIds.push((await add(lister, { storyId })).json().data.id);
    });

    it("lists only the caller's favorites in the PFAV-01 shape, newest first", async () => {
      // Another parent's favorite of the same story is not in the caller's list.
      await add(other, { storyId: storyIds[0] });
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/parent-favorites',
        headers: lister.auth,
      });
      expect(res.statusCode).toBe(200);
      const page = res.json().data;
      expect(page.hasMore).toBe(false);
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((item: { id: string }) => item.id)).toEqual([...favoriteIds].reverse());
      expect(page.items[0]).toEqual({
        id: favoriteIds[4],
        storyId: storyIds[4],
        createdAt: expect.any(String),
        story: expect.objectContaining({ id: storyIds[4] }),
      });
    });

    it('omits deleted stories', async () => {
      const user = await createUser(t.app);
      const [keep, drop] = await createStories(t.app, 2);
      await add(user, { storyId: keep });
      await add(user, { storyId: drop });
      await softDeleteStory(t, drop!);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/parent-favorites', headers: user.auth });
      expect(res.json().data.items.map((item: { storyId: string }) => item.storyId)).toEqual([keep]);
    });

    it('pages with a cursor across pages without gaps or repeats', async () => {
      const pages = await walkPages(t, '/api/v1/parent-favorites', lister.auth, 2);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual([...favoriteIds].reverse());
    });

    it('runs the same single statement for limit 2 and limit 50', async () => {
      await expectConstantQueries(t, '/api/v1/parent-favorites', lister.auth, 1);
    });

    it('answers 400 for a bad cursor or limit and 401 without a token', async () => {
      for (const q of ['?cursor=%%%', '?limit=0', '?limit=500']) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/parent-favorites${q}`,
          headers: lister.auth,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/parent-favorites' })).statusCode).toBe(401);
    });
  });

  describe('DELETE /parent-favorites/:storyId (PFAV-03)', () => {
    it('removes the favorite and decrements favoriteCount; a second delete is 404', async () => {
      const storyId = await createStory(t.app);
      await add(parent, { storyId });
      await add(other, { storyId });
      await expectConsistentCount(storyId, 2);

      const res = await remove(parent, storyId);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ removed: true });
      await expectConsistentCount(storyId, 1);

      const again = await remove(parent, storyId);
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe('RESOURCE_NOT_FOUND');
      await expectConsistentCount(storyId, 1);
    });

    it("never touches another parent's favorite: 404 and the count stays", async () => {
      const storyId = await createStory(t.app);
      await add(other, { storyId });
      const res = await remove(parent, storyId);
      expect(res.statusCode).toBe(404);
      await expectConsistentCount(storyId, 1);
    });

    it('answers 400 for a bad UUID and 401 without a token', async () => {
      const bad = await remove(parent, 'not-a-uuid');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
      const anonymous = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/parent-favorites/${randomUUID()}`,
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });
});
