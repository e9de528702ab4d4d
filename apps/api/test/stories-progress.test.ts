import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';
import { createStory } from './stories-progress-fixtures';
import { call, query, RELAXED_LIMITS } from './users-fixtures';

/** STORY-18..21 (api.md §4.5), reading level (rules.md §8) and the story_read event (§10.2). */
describe('story progress', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let kidId: string;
  let othersKid: string;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    [parent, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
    [kidId, othersKid] = await Promise.all([createKid(t.app, parent.id), createKid(t.app, other.id)]);
  });
  afterAll(async () => t.close());

  const kidLevel = async (id: string) =>
    (
      await query<{ level: number }>(t, 'select current_reading_level as level from kids where id = $1', [id])
    )[0]!.level;
  const storyReads = (where: string, params: unknown[]) =>
    query<{ user_id: string; kid_id: string | null; status: string; details: string }>(
      t,
      `select user_id, kid_id, status, details from activity_logs where action = 'story_read' and ${where}`,
      params,
    );
  const kidProgress = (body: Record<string, unknown>, as: TestUser = parent) =>
    call(t, 'POST', '/stories/progress', { as, body });

  describe('POST /stories/progress (STORY-18)', () => {
    it('creates then updates the row, adding session time', async () => {
      const storyId = await createStory(t);
      const first = await kidProgress({ kidId, storyId, progress: 20, sessionTime: 40 });
      expect(first.statusCode).toBe(201);
      const created = first.json().data;
      expect(Object.keys(created).sort()).toEqual(
        ['completed', 'id', 'kidId', 'lastAccessed', 'progress', 'storyId', 'totalTimeSpent'].sort(),
      );
      expect(created).toMatchObject({ kidId, storyId, progress: 20, completed: false, totalTimeSpent: 40 });
      const second = await kidProgress({ kidId, storyId, progress: 55.5, sessionTime: 25 });
      expect(second.statusCode).toBe(201);
      expect(second.json().data).toMatchObject({ id: created.id, progress: 55.5, totalTimeSpent: 65 });
      expect(Date.parse(second.json().data.lastAccessed)).toBeGreaterThanOrEqual(
        Date.parse(created.lastAccessed),
      );
      const third = await kidProgress({ kidId, storyId, progress: 60 });
      expect(third.json().data.totalTimeSpent).toBe(65);
    });

    it('never takes completed back to false and stamps completedAt once', async () => {
      const storyId = await createStory(t);
      await kidProgress({ kidId, storyId, progress: 100, completed: true });
      const [before] = await query<{ completed_at: Date }>(
        t,
        'select completed_at from story_progress where kid_id = $1 and story_id = $2',
        [kidId, storyId],
      );
      const again = await kidProgress({ kidId, storyId, progress: 10, completed: false });
      expect(again.json().data).toMatchObject({ completed: true, progress: 10 });
      await kidProgress({ kidId, storyId, progress: 100, completed: true });
      const [after] = await query<{ completed: boolean; completed_at: Date }>(
        t,
        'select completed, completed_at from story_progress where kid_id = $1 and story_id = $2',
        [kidId, storyId],
      );
      expect(after!.completed).toBe(true);
      expect(after!.completed_at.getTime()).toBe(before!.completed_at.getTime());
    });

    it('writes one story_read activity for the first completion only', async () => {
      const storyId = await createStory(t);
      await kidProgress({ kidId, storyId, progress: 50 });
      expect(
        await storyReads('kid_id = $1 and details::jsonb->>$2 = $3', [kidId, 'storyId', storyId]),
      ).toEqual([]);
      await kidProgress({ kidId, storyId, progress: 100, completed: true });
      await kidProgress({ kidId, storyId, progress: 100, completed: true });
      const logs = await storyReads('kid_id = $1 and details::jsonb->>$2 = $3', [kidId, 'storyId', storyId]);
      expect(logs).toEqual([
        { user_id: parent.id, kid_id: kidId, status: 'SUCCESS', details: `{"storyId":"${storyId}"}` },
      ]);
    });

    describe('reading level (rules.md §8)', () => {
      it('goes up above 120 wpm and drops the cached kid profile and list', async () => {
        const kid = await createKid(t.app, parent.id, 'Fast reader');
        await query(t, 'update kids set current_reading_level = 3 where id = $1', [kid]);
        // Warm both caches the adjustment must drop.
        expect(
          (await call(t, 'GET', `/user/kids/${kid}`, { as: parent })).json().data.currentReadingLevel,
        ).toBe(3);
        await call(t, 'GET', '/auth/kids', { as: parent });
        const storyId = await createStory(t, { wordCount: 600, difficultyLevel: 5 });
        await kidProgress({ kidId: kid, storyId, progress: 50, sessionTime: 30 });
        expect(await kidLevel(kid)).toBe(3);
        // 600 words in 60 s = 600 wpm.
        await kidProgress({ kidId: kid, storyId, progress: 100, completed: true, sessionTime: 30 });
        expect(await kidLevel(kid)).toBe(4);
        expect(
          (await call(t, 'GET', `/user/kids/${kid}`, { as: parent })).json().data.currentReadingLevel,
        ).toBe(4);
        const listed = (await call(t, 'GET', '/auth/kids', { as: parent })).json().data;
        expect(listed.find((row: { id: string }) => row.id === kid).currentReadingLevel).toBe(4);
      });

      it('goes down below 40 wpm', async () => {
        const kid = await createKid(t.app, parent.id);
        await query(t, 'update kids set current_reading_level = 3 where id = $1', [kid]);
        const storyId = await createStory(t, { wordCount: 100, difficultyLevel: 3 });
        // 100 words in 600 s = 10 wpm.
        await kidProgress({ kidId: kid, storyId, progress: 100, completed: true, sessionTime: 600 });
        expect(await kidLevel(kid)).toBe(2);
      });

      it('does not change without timing data (fix 12)', async () => {
        const kid = await createKid(t.app, parent.id);
        await query(t, 'update kids set current_reading_level = 3 where id = $1', [kid]);
        const [untimed, short, wordless] = await Promise.all([
          createStory(t, { wordCount: 100, difficultyLevel: 5 }),
          createStory(t, { wordCount: 100, difficultyLevel: 5 }),
          createStory(t, { wordCount: 0, difficultyLevel: 5 }),
        ]);
        await kidProgress({ kidId: kid, storyId: untimed, progress: 100, completed: true });
        await kidProgress({ kidId: kid, storyId: short, progress: 100, completed: true, sessionTime: 29 });
        await kidProgress({
          kidId: kid,
          storyId: wordless,
          progress: 100,
          completed: true,
          sessionTime: 600,
        });
        expect(await kidLevel(kid)).toBe(3);
      });

      it('adjusts only on the first completion', async () => {
        const kid = await createKid(t.app, parent.id);
        await query(t, 'update kids set current_reading_level = 3 where id = $1', [kid]);
        const storyId = await createStory(t, { wordCount: 1000, difficultyLevel: 9 });
        await kidProgress({ kidId: kid, storyId, progress: 100, completed: true, sessionTime: 60 });
        expect(await kidLevel(kid)).toBe(4);
        await kidProgress({ kidId: kid, storyId, progress: 100, completed: true, sessionTime: 60 });
        await kidProgress({ kidId: kid, storyId, progress: 100, completed: false, sessionTime: 60 });
        expect(await kidLevel(kid)).toBe(4);
      });

      it('ignores stories below the kid’s level', async () => {
        const kid = await createKid(t.app, parent.id);
        await query(t, 'update kids set current_reading_level = 5 where id = $1', [kid]);
        const storyId = await createStory(t, { wordCount: 1000, difficultyLevel: 4 });
        await kidProgress({ kidId: kid, storyId, progress: 100, completed: true, sessionTime: 60 });
        expect(await kidLevel(kid)).toBe(5);
      });
    });

    it('runs a constant number of statements', async () => {
      const storyId = await createStory(t, { wordCount: 300, difficultyLevel: 2 });
      const url = '/api/v1/stories/progress';
      // Warm the session cache.
      await call(t, 'GET', `/stories/progress/${kidId}/${storyId}`, { as: parent });
      const insert = await countQueries(t, {
        method: 'POST',
        url,
        headers: parent.auth,
        payload: { kidId, storyId, progress: 10, sessionTime: 5 },
      });
      const update = await countQueries(t, {
        method: 'POST',
        url,
        headers: parent.auth,
        payload: { kidId, storyId, progress: 20, sessionTime: 5 },
      });
      expect(insert.response.statusCode).toBe(201);
      expect(update.response.statusCode).toBe(201);
      // Ownership, visibility, begin, lock, write, commit.
      expect(insert.count).toBe(update.count);
      expect(update.count).toBeLessThanOrEqual(6);
      const completion = await countQueries(t, {
        method: 'POST',
        url,
        headers: parent.auth,
        payload: { kidId, storyId, progress: 100, completed: true, sessionTime: 60 },
      });
      // A first completion adds the level lock, the level update (300 words in 70 s: level 1 → 2) and
      // the engagement event's four statements (activity log with points, active days, badge upsert,
      // bulk unlock), whatever the kid's history.
      expect(completion.response.statusCode).toBe(201);
      expect(completion.count).toBe(update.count + 6);
      expect(await kidLevel(kidId)).toBe(2);
    });

    it('rejects bad input with 400', async () => {
      const storyId = await createStory(t);
      for (const body of [
        { kidId, storyId, progress: 101 },
        { kidId, storyId, progress: -1 },
        { kidId, storyId, progress: 10, sessionTime: 86_401 },
        { kidId, storyId, progress: 10, sessionTime: 1.5 },
        { kidId: 'nope', storyId, progress: 10 },
        { kidId, storyId },
        { kidId, storyId, progress: 10, extra: true },
      ]) {
        const res = await kidProgress(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 404 for another parent’s kid, a deleted kid, and stories the caller cannot see', async () => {
      const storyId = await createStory(t);
      expect((await kidProgress({ kidId: othersKid, storyId, progress: 10 })).statusCode).toBe(404);
      const gone = await createKid(t.app, parent.id);
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [gone]);
      expect((await kidProgress({ kidId: gone, storyId, progress: 10 })).statusCode).toBe(404);
      const [privateStory, deleted, own] = await Promise.all([
        createStory(t, { ownerUserId: other.id }),
        createStory(t, { deleted: true }),
        createStory(t, { ownerUserId: parent.id }),
      ]);
      const res = await kidProgress({ kidId, storyId: privateStory, progress: 10 });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      expect((await kidProgress({ kidId, storyId: deleted, progress: 10 })).statusCode).toBe(404);
      expect((await kidProgress({ kidId, storyId: own, progress: 10 })).statusCode).toBe(201);
      const rows = await query(t, 'select 1 from story_progress where story_id = any($1)', [
        [privateStory, deleted],
      ]);
      expect(rows).toEqual([]);
    });

    it('answers 401 without a token', async () => {
      const storyId = await createStory(t);
      expect(
        (await call(t, 'POST', '/stories/progress', { body: { kidId, storyId, progress: 1 } })).statusCode,
      ).toBe(401);
    });
  });

  describe('GET /stories/progress/:kidId/:storyId (STORY-19)', () => {
    it('answers the row, or null when there is none', async () => {
      const storyId = await createStory(t);
      const none = await call(t, 'GET', `/stories/progress/${kidId}/${storyId}`, { as: parent });
      expect(none.statusCode).toBe(200);
      expect(none.json().data).toBeNull();
      await kidProgress({ kidId, storyId, progress: 100, completed: true, sessionTime: 12 });
      const res = await call(t, 'GET', `/stories/progress/${kidId}/${storyId}`, { as: parent });
      expect(res.json().data).toMatchObject({
        kidId,
        storyId,
        progress: 100,
        completed: true,
        totalTimeSpent: 12,
      });
      expect(typeof res.json().data.completedAt).toBe('string');
    });

    it('answers 404 for a missing story and another parent’s kid, 400 for a bad id, 401 without a token', async () => {
      const storyId = await createStory(t);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await call(t, 'GET', `/stories/progress/${kidId}/${missing}`, { as: parent })).statusCode).toBe(
        404,
      );
      expect(
        (await call(t, 'GET', `/stories/progress/${othersKid}/${storyId}`, { as: parent })).statusCode,
      ).toBe(404);
      expect((await call(t, 'GET', `/stories/progress/${kidId}/nope`, { as: parent })).statusCode).toBe(400);
      expect((await call(t, 'GET', `/stories/progress/${kidId}/${storyId}`)).statusCode).toBe(401);
    });
  });

  describe('POST /stories/user/progress (STORY-20)', () => {
    const userProgress = (as: TestUser, body: Record<string, unknown>) =>
      call(t, 'POST', '/stories/user/progress', { as, body });

    it('upserts the parent’s row with the session time and the parent-scope story_read once', async () => {
      const user = await createUser(t.app);
      const storyId = await createStory(t);
      const first = await userProgress(user, { storyId, progress: 30, sessionTime: 20 });
      expect(first.statusCode).toBe(201);
      expect(Object.keys(first.json().data).sort()).toEqual(
        ['completed', 'id', 'lastAccessed', 'progress', 'storyId', 'totalTimeSpent'].sort(),
      );
      const done = await userProgress(user, { storyId, progress: 100, completed: true, sessionTime: 20 });
      expect(done.json().data).toMatchObject({
        id: first.json().data.id,
        completed: true,
        totalTimeSpent: 40,
      });
      const back = await userProgress(user, { storyId, progress: 5, completed: false });
      expect(back.json().data).toMatchObject({ completed: true, progress: 5 });
      await userProgress(user, { storyId, progress: 100, completed: true });
      expect(await storyReads('user_id = $1', [user.id])).toEqual([
        { user_id: user.id, kid_id: null, status: 'SUCCESS', details: `{"storyId":"${storyId}"}` },
      ]);
      // The first progress on a story is a metered first read.
      expect(await query(t, 'select story_id from story_access where user_id = $1', [user.id])).toEqual([
        { story_id: storyId },
      ]);
    });

    it('refuses an 11th story of a free user with 403 STORY_LIMIT_EXCEEDED and writes nothing', async () => {
      const user = await createUser(t.app);
      const read: string[] = [];
      for (let i = 0; i < 10; i += 1) {
        const storyId = await createStory(t);
        read.push(storyId);
        expect((await userProgress(user, { storyId, progress: 10 })).statusCode).toBe(201);
      }
      const storyId = await createStory(t);
      const refused = await userProgress(user, { storyId, progress: 10, completed: true });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('STORY_LIMIT_EXCEEDED');
      expect(
        await query(t, 'select 1 from user_story_progress where user_id = $1 and story_id = $2', [
          user.id,
          storyId,
        ]),
      ).toEqual([]);
      expect(
        await query(t, 'select 1 from story_access where user_id = $1 and story_id = $2', [user.id, storyId]),
      ).toEqual([]);
      expect(await storyReads('user_id = $1', [user.id])).toEqual([]);
      // A story already read stays readable.
      expect((await userProgress(user, { storyId: read[0], progress: 50 })).statusCode).toBe(201);
      // The family's own generated story is never metered.
      const own = await createStory(t, { ownerUserId: user.id });
      expect((await userProgress(user, { storyId: own, progress: 50 })).statusCode).toBe(201);
    });

    it('answers 404 for a story the caller cannot see, 400 for bad input, 401 without a token', async () => {
      const hidden = await createStory(t, { ownerUserId: other.id });
      expect((await userProgress(parent, { storyId: hidden, progress: 1 })).statusCode).toBe(404);
      expect((await userProgress(parent, { storyId: hidden, progress: 1000 })).statusCode).toBe(400);
      expect((await userProgress(parent, { storyId: hidden, progress: 1, kidId })).statusCode).toBe(400);
      expect(
        (await call(t, 'POST', '/stories/user/progress', { body: { storyId: hidden, progress: 1 } }))
          .statusCode,
      ).toBe(401);
    });
  });

  describe('GET /stories/user/progress/:storyId (STORY-21)', () => {
    it('answers the caller’s own row or null', async () => {
      const user = await createUser(t.app);
      const storyId = await createStory(t);
      expect(
        (await call(t, 'GET', `/stories/user/progress/${storyId}`, { as: user })).json().data,
      ).toBeNull();
      await call(t, 'POST', '/stories/user/progress', {
        as: user,
        body: { storyId, progress: 42, sessionTime: 7 },
      });
      const res = await call(t, 'GET', `/stories/user/progress/${storyId}`, { as: user });
      expect(res.json().data).toMatchObject({
        userId: user.id,
        storyId,
        progress: 42,
        completed: false,
        completedAt: null,
        totalTimeSpent: 7,
      });
      // Another parent sees only their own (none).
      expect(
        (await call(t, 'GET', `/stories/user/progress/${storyId}`, { as: other })).json().data,
      ).toBeNull();
    });

    it('answers 404 for a missing story, 400 for a bad id, 401 without a token', async () => {
      expect(
        (await call(t, 'GET', '/stories/user/progress/00000000-0000-4000-8000-000000000000', { as: parent }))
          .statusCode,
      ).toBe(404);
      expect((await call(t, 'GET', '/stories/user/progress/nope', { as: parent })).statusCode).toBe(400);
      expect((await call(t, 'GET', `/stories/user/progress/${await createStory(t)}`)).statusCode).toBe(401);
    });
  });
});
