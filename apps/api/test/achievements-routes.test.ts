import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BadgeKey, insertActivity, noonZone, seedBadges } from './achievements-fixtures';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { createStory } from './stories-progress-fixtures';
import { call, query, RELAXED_LIMITS } from './users-fixtures';

const ROUTES = [
  '/progress/home',
  '/progress/streak',
  '/progress/badges/preview',
  '/progress/badges',
  '/progress/overview',
] as const;

/** PROG-01..05 (api.md §9, rules.md §10.3–10.4, platform.md §6). */
describe('achievement progress routes', () => {
  let t: TestApp;
  let badgeIds: Record<BadgeKey, string>;
  let parent: TestUser;
  let other: TestUser;
  let kidId: string;
  let siblingId: string;
  let othersKid: string;
  const zone = noonZone();

  beforeAll(async () => {
    t = await createTestApp({ env: { ...RELAXED_LIMITS, APP_TIMEZONE: zone } });
    badgeIds = await seedBadges(t);
    [parent, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
    [kidId, siblingId, othersKid] = await Promise.all([
      createKid(t.app, parent.id),
      createKid(t.app, parent.id),
      createKid(t.app, other.id),
    ]);
  });
  afterAll(async () => t.close());

  const get = (url: string, as: TestUser | null = parent) => call(t, 'GET', url, as ? { as } : {});
  const complete = (kid: string, storyId: string) =>
    call(t, 'POST', '/stories/progress', {
      as: parent,
      body: { kidId: kid, storyId, progress: 100, completed: true },
    });

  /** A completed challenge assignment of the kid on a day of its own. */
  const completeAssignment = async (kid: string, day: string) => {
    const storyId = await createStory(t);
    const [challenge] = await query<{ id: string }>(
      t,
      `insert into daily_challenges (id, story_id, challenge_date, word_of_the_day, meaning)
       values (gen_random_uuid(), $1, $2, 'brave', 'ready to face danger') returning id`,
      [storyId, day],
    );
    await query(
      t,
      `insert into daily_challenge_assignments (id, kid_id, challenge_id, challenge_date, completed, completed_at)
       values (gen_random_uuid(), $1, $2, $3, true, now())`,
      [kid, challenge!.id, day],
    );
  };
  const screenTime = (kid: string, seconds: number | null) =>
    query(
      t,
      `insert into screen_time_sessions (id, kid_id, start_time, end_time, duration, date)
       values (gen_random_uuid(), $1, now() - interval '1 hour', $2, $3, current_date)`,
      [kid, seconds === null ? null : new Date(), seconds],
    );

  describe('stats, badges and streak', () => {
    beforeAll(async () => {
      // Kid: 2 stories through the route (first_story unlocked), 1 challenge, 150 s + 50 s of screen time.
      await complete(kidId, await createStory(t));
      await complete(kidId, await createStory(t));
      await completeAssignment(kidId, '2024-01-01');
      await screenTime(kidId, 150);
      await screenTime(kidId, 50);
      // Sibling: 1 story, 1 challenge, 60 s, and an open session (not counted).
      await complete(siblingId, await createStory(t));
      await completeAssignment(siblingId, '2024-01-02');
      await screenTime(siblingId, 60);
      await screenTime(siblingId, null);
      // A deleted kid's figures are left out of the aggregate.
      const gone = await createKid(t.app, parent.id);
      await complete(gone, await createStory(t));
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [gone]);
    });

    it('PROG-01 answers the kid’s home and the parent aggregate', async () => {
      const kid = await get(`/progress/home?kidId=${kidId}`);
      expect(kid.statusCode).toBe(200);
      const data = kid.json().data;
      expect(data.progressStats).toEqual({
        storiesCompleted: 2,
        challengesCompleted: 1,
        totalReadingTimeMins: 3,
      });
      expect(data.streak.currentStreak).toBe(1);
      expect(data.streak.weeklyActivity).toHaveLength(7);
      expect(data.badgesPreview[0]).toEqual({
        badgeId: badgeIds.first_story,
        title: 'First Story',
        iconUrl: expect.stringMatching(/\/media\/badges\/first_story\.png$/),
        locked: false,
        count: 2,
      });
      const all = (await get('/progress/home')).json().data;
      expect(all.progressStats).toEqual({
        storiesCompleted: 3,
        challengesCompleted: 2,
        totalReadingTimeMins: 4,
      });
      // The aggregate counted every story_read of the family, the deleted kid's too.
      expect(all.badgesPreview[0]).toMatchObject({ badgeId: badgeIds.first_story, locked: false, count: 4 });
    });

    it('PROG-02 answers the streak with the week in APP_TIMEZONE', async () => {
      const fresh = await createKid(t.app, parent.id);
      const now = Date.now();
      await insertActivity(t, [
        { userId: parent.id, kidId: fresh, at: new Date(now - 86_400_000) },
        { userId: parent.id, kidId: fresh, action: 'quiz_answered', at: new Date(now - 1000) },
        // Other actions do not count.
        { userId: parent.id, kidId: fresh, action: 'LOGIN', at: new Date(now - 2 * 86_400_000) },
      ]);
      const response = await get(`/progress/streak?kidId=${fresh}`);
      expect(response.statusCode).toBe(200);
      const streak = response.json().data;
      expect(streak.currentStreak).toBe(2);
      expect(streak.weeklyActivity.map((day: { isActive: boolean }) => day.isActive)).toEqual([
        false,
        false,
        false,
        false,
        false,
        true,
        true,
      ]);
      const last = streak.weeklyActivity[6];
      expect(['S', 'M', 'T', 'W', 'F']).toContain(last.day);
      // Today starts at local midnight of the noon zone, about 12 hours before now.
      const sinceMidnight = now - Date.parse(last.date);
      expect(sinceMidnight).toBeGreaterThan(11 * 3_600_000);
      expect(sinceMidnight).toBeLessThan(13 * 3_600_000);
      expect(Date.parse(streak.lastActiveDate)).toBe(now - 1000);

      const empty = (await get(`/progress/streak?kidId=${await createKid(t.app, parent.id)}`)).json().data;
      expect(empty).toMatchObject({ currentStreak: 0, lastActiveDate: null });
    });

    it('PROG-03 previews 3 badges: unlocked first, then priority desc', async () => {
      const response = await get(`/progress/badges/preview?kidId=${kidId}`);
      expect(response.statusCode).toBe(200);
      const preview = response.json().data as Array<{ badgeId: string; locked: boolean }>;
      expect(preview).toHaveLength(3);
      expect(preview[0]).toMatchObject({ badgeId: badgeIds.first_story, locked: false });
      const { badges } = (await get(`/progress/badges?kidId=${kidId}`)).json().data;
      const expected = [...badges]
        .sort((a: { locked: boolean }, b: { locked: boolean }) => Number(a.locked) - Number(b.locked))
        .slice(0, 3)
        .map((badge: { badgeId: string }) => badge.badgeId);
      expect(preview.map((badge) => badge.badgeId)).toEqual(expected);
    });

    it('PROG-04 lists every catalogue badge with the scope’s progress, priority desc', async () => {
      const response = await get(`/progress/badges?kidId=${kidId}`);
      expect(response.statusCode).toBe(200);
      const { badges } = response.json().data;
      const byId = new Map(badges.map((badge: { badgeId: string }) => [badge.badgeId, badge]));
      for (const id of Object.values(badgeIds)) expect(byId.has(id)).toBe(true);
      expect(byId.get(badgeIds.first_story)).toEqual({
        badgeId: badgeIds.first_story,
        title: 'First Story',
        description: expect.any(String),
        iconUrl: expect.any(String),
        locked: false,
        count: 2,
        requiredAmount: 1,
        unlockCondition: 'Complete 1 story.',
        unlockedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(byId.get(badgeIds.story_explorer)).toMatchObject({ locked: true, count: 2, requiredAmount: 10 });
      // No progress row yet: count 0, locked.
      expect(byId.get(badgeIds.quiz_whiz)).toMatchObject({ locked: true, count: 0, unlockedAt: null });
      const priorities = await query<{ id: string; priority: number }>(
        t,
        'select id, priority from badges where id = any($1)',
        [badges.map((badge: { badgeId: string }) => badge.badgeId)],
      );
      const priorityOf = new Map(priorities.map((row) => [row.id, row.priority]));
      const ordered = badges.map((badge: { badgeId: string }) => priorityOf.get(badge.badgeId)!);
      expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
    });

    it('PROG-05 answers the overview', async () => {
      const response = await get(`/progress/overview?kidId=${siblingId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().data).toMatchObject({
        streak: { currentStreak: 1 },
        storiesCompleted: 1,
        challengesCompleted: 1,
        badgesPreview: expect.arrayContaining([expect.objectContaining({ badgeId: badgeIds.first_story })]),
      });
      expect(Object.keys(response.json().data).sort()).toEqual(
        ['badgesPreview', 'challengesCompleted', 'storiesCompleted', 'streak'].sort(),
      );
    });
  });

  describe('caching (platform.md §6)', () => {
    it('serves home and overview from the cache until the family’s next event', async () => {
      const user = await createUser(t.app);
      const kid = await createKid(t.app, user.id);
      const stats = async () => ({
        home: (await get(`/progress/home?kidId=${kid}`, user)).json().data.progressStats.storiesCompleted,
        overview: (await get(`/progress/overview?kidId=${kid}`, user)).json().data.storiesCompleted,
        all: (await get('/progress/home', user)).json().data.progressStats.storiesCompleted,
      });
      expect(await stats()).toEqual({ home: 0, overview: 0, all: 0 });
      expect(await t.app.core.cache.get(`progress:home:${user.id}:${kid}`)).toBeDefined();
      // A write behind the service's back is not seen while cached …
      await query(
        t,
        `insert into story_progress (id, kid_id, story_id, progress, completed, completed_at)
         values (gen_random_uuid(), $1, $2, 100, true, now())`,
        [kid, await createStory(t)],
      );
      expect(await stats()).toEqual({ home: 0, overview: 0, all: 0 });
      // … until an engagement event of that parent invalidates the tag.
      const body = { kidId: kid, storyId: await createStory(t), progress: 100, completed: true };
      expect((await call(t, 'POST', '/stories/progress', { as: user, body })).statusCode).toBe(201);
      expect(await stats()).toEqual({ home: 2, overview: 2, all: 2 });
    });

    it('keeps cache entries per user and kid', async () => {
      const a = (await get(`/progress/home?kidId=${kidId}`)).json().data;
      const b = (await get(`/progress/home?kidId=${siblingId}`)).json().data;
      expect(a.progressStats.storiesCompleted).not.toBe(b.progressStats.storiesCompleted);
      expect((await get(`/progress/home?kidId=${kidId}`, other)).statusCode).toBe(404);
    });
  });

  describe('errors and authorization', () => {
    it('answers 400 for a malformed kid id', async () => {
      for (const route of ROUTES) {
        const response = await get(`${route}?kidId=nope`);
        expect(response.statusCode, route).toBe(400);
        expect(response.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 404 for another parent’s kid and a deleted kid', async () => {
      const deleted = await createKid(t.app, parent.id);
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [deleted]);
      for (const route of ROUTES) {
        for (const kid of [othersKid, deleted]) {
          const response = await get(`${route}?kidId=${kid}`);
          expect(response.statusCode, route).toBe(404);
          expect(response.json().code).toBe('RESOURCE_NOT_FOUND');
        }
      }
    });

    it('answers 401 without a token', async () => {
      for (const route of ROUTES) expect((await get(route, null)).statusCode, route).toBe(401);
    });

    it('never mixes another parent’s aggregate in', async () => {
      const { badges } = (await get('/progress/badges', other)).json().data;
      expect(
        badges.find((badge: { badgeId: string }) => badge.badgeId === badgeIds.first_story),
      ).toMatchObject({
        locked: true,
        count: 0,
      });
    });
  });
});
