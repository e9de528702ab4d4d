import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { collectPages, createStory } from './stories-progress-fixtures';
import { call, query, RELAXED_LIMITS } from './users-fixtures';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** STORY-35..38 (api.md §4.9): owner-only story paths (fix 22). */
describe('story paths', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let kidId: string;
  let othersKid: string;
  let storyId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    [parent, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
    [kidId, othersKid, storyId] = await Promise.all([
      createKid(t.app, parent.id),
      createKid(t.app, other.id),
      createStory(t),
    ]);
  });
  afterAll(async () => t.close());

  const start = (body: Record<string, unknown>, as: TestUser = parent) =>
    call(t, 'POST', '/stories/story-path/start', { as, body });
  const startPath = async (kid = kidId) =>
    (await start({ kidId: kid, storyId })).json().data as { id: string };

  describe('POST /stories/story-path/start (STORY-35)', () => {
    it('starts an empty path', async () => {
      const res = await start({ kidId, storyId });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({
        id: expect.any(String),
        kidId,
        storyId,
        path: '',
        startedAt: expect.any(String),
        completedAt: null,
      });
    });

    it('answers 404 for a missing, deleted or other family’s story and for another parent’s kid', async () => {
      const [deleted, hidden] = await Promise.all([
        createStory(t, { deleted: true }),
        createStory(t, { ownerUserId: other.id }),
      ]);
      for (const body of [
        { kidId, storyId: MISSING },
        { kidId, storyId: deleted },
        { kidId, storyId: hidden },
        { kidId: othersKid, storyId },
      ]) {
        const res = await start(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
    });

    it('answers 400 for bad input and 401 without a token', async () => {
      expect((await start({ kidId })).statusCode).toBe(400);
      expect((await start({ kidId, storyId: 'nope' })).statusCode).toBe(400);
      const extra = await start({ kidId, storyId, path: 'a' });
      expect(extra.statusCode).toBe(400);
      expect(extra.json().code).toBe('VALIDATION_ERROR');
      expect(
        (await call(t, 'POST', '/stories/story-path/start', { body: { kidId, storyId } })).statusCode,
      ).toBe(401);
    });
  });

  describe('PATCH /stories/story-path/update (STORY-36)', () => {
    const update = (body: Record<string, unknown>, as: TestUser = parent) =>
      call(t, 'PATCH', '/stories/story-path/update', { as, body });

    it('stores the path as sent and the completion time', async () => {
      const path = await startPath();
      const first = await update({ pathId: path.id, path: 'A,B' });
      expect(first.statusCode).toBe(200);
      expect(first.json().data).toMatchObject({ id: path.id, path: 'A,B', completedAt: null });
      const done = await update({
        pathId: path.id,
        path: ' A,B,A ',
        completedAt: '2026-03-01T10:00:00+01:00',
      });
      expect(done.json().data).toMatchObject({ path: ' A,B,A ', completedAt: '2026-03-01T09:00:00.000Z' });
      // Omitting completedAt keeps it.
      expect((await update({ pathId: path.id, path: 'A' })).json().data.completedAt).toBe(
        '2026-03-01T09:00:00.000Z',
      );
    });

    it('answers 404 to anyone but the parent of the path’s kid, and for a missing path', async () => {
      const path = await startPath();
      const res = await update({ pathId: path.id, path: 'hijack' }, other);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      expect((await update({ pathId: MISSING, path: 'x' })).statusCode).toBe(404);
      const [row] = await query<{ path: string }>(t, 'select path from story_paths where id = $1', [path.id]);
      expect(row!.path).toBe('');
    });

    it('answers 404 once the kid is deleted', async () => {
      const kid = await createKid(t.app, parent.id);
      const path = await startPath(kid);
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [kid]);
      expect((await update({ pathId: path.id, path: 'x' })).statusCode).toBe(404);
      expect((await call(t, 'GET', `/stories/story-path/${path.id}`, { as: parent })).statusCode).toBe(404);
    });

    it('answers 400 for bad input and 401 without a token', async () => {
      const path = await startPath();
      for (const body of [
        { pathId: path.id, path: 'x'.repeat(10_001) },
        { pathId: path.id, path: 'x', completedAt: 'yesterday' },
        { pathId: 'nope', path: 'x' },
        { pathId: path.id },
        { pathId: path.id, path: 'x', kidId },
      ]) {
        const res = await update(body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect((await update({ pathId: path.id, path: 'x'.repeat(10_000) })).statusCode).toBe(200);
      expect(
        (await call(t, 'PATCH', '/stories/story-path/update', { body: { pathId: path.id, path: 'x' } }))
          .statusCode,
      ).toBe(401);
    });
  });

  describe('GET /stories/story-path/kid/:kidId (STORY-37)', () => {
    it('lists the kid’s paths, startedAt desc, across pages', async () => {
      const kid = await createKid(t.app, parent.id);
      const started: string[] = [];
      for (let i = 0; i < 5; i += 1) started.push((await startPath(kid)).id);
      await startPath(kidId);
      const newestFirst = [...started].reverse();
      const all = await call(t, 'GET', `/stories/story-path/kid/${kid}`, { as: parent });
      expect(all.statusCode).toBe(200);
      expect(all.json().data).toMatchObject({ hasMore: false, nextCursor: null });
      expect(all.json().data.items.map((item: { id: string }) => item.id)).toEqual(newestFirst);
      const pages = await collectPages(async (cursor) => {
        const res = await call(
          t,
          'GET',
          `/stories/story-path/kid/${kid}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          {
            as: parent,
          },
        );
        return res.json().data;
      });
      expect(pages).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);
    });

    it('answers 404 for another parent’s kid, 400 for a bad cursor or limit, 401 without a token', async () => {
      expect((await call(t, 'GET', `/stories/story-path/kid/${othersKid}`, { as: parent })).statusCode).toBe(
        404,
      );
      expect(
        (await call(t, 'GET', `/stories/story-path/kid/${kidId}?cursor=abc`, { as: parent })).statusCode,
      ).toBe(400);
      expect(
        (await call(t, 'GET', `/stories/story-path/kid/${kidId}?limit=0`, { as: parent })).statusCode,
      ).toBe(400);
      expect((await call(t, 'GET', `/stories/story-path/kid/${kidId}`)).statusCode).toBe(401);
    });
  });

  describe('GET /stories/story-path/:id (STORY-38)', () => {
    it('answers the caller’s path', async () => {
      const path = await startPath();
      const res = await call(t, 'GET', `/stories/story-path/${path.id}`, { as: parent });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id: path.id, kidId, storyId, path: '', completedAt: null });
    });

    it('answers 404 for a missing or another parent’s path, 400 for a bad id, 401 without a token', async () => {
      const path = await startPath();
      expect((await call(t, 'GET', `/stories/story-path/${MISSING}`, { as: parent })).statusCode).toBe(404);
      expect((await call(t, 'GET', `/stories/story-path/${path.id}`, { as: other })).statusCode).toBe(404);
      expect((await call(t, 'GET', '/stories/story-path/nope', { as: parent })).statusCode).toBe(400);
      expect((await call(t, 'GET', `/stories/story-path/${path.id}`)).statusCode).toBe(401);
    });
  });
});
