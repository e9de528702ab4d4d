import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEngagementEvent } from '../src/modules/achievements/events';
import {
  badgeNotifications,
  badgeRows,
  insertActivity,
  noonZone,
  pointsOf,
  record,
  seedBadges,
} from './achievements-fixtures';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';
import { createStories, createStory } from './stories-progress-fixtures';
import { call, query, RELAXED_LIMITS } from './users-fixtures';

/** The engagement events of rules.md §10.2 and the points of §11 (fix 10). */
describe('engagement events', () => {
  let t: TestApp;

  beforeAll(async () => {
    // About noon locally, so completions through the routes never meet the early bird or night owl.
    t = await createTestApp({ env: { ...RELAXED_LIMITS, APP_TIMEZONE: noonZone() } });
    await seedBadges(t);
  });
  afterAll(async () => t.close());

  const family = async () => {
    const parent = await createUser(t.app);
    const kidId = await createKid(t.app, parent.id);
    return { parent, kidId };
  };
  const complete = (as: TestUser, kidId: string, storyId: string) =>
    call(t, 'POST', '/stories/progress', { as, body: { kidId, storyId, progress: 100, completed: true } });
  const logsOf = (userId: string) =>
    query<{ action: string; kid_id: string | null; details: string }>(
      t,
      'select action, kid_id, details from activity_logs where user_id = $1 order by created_at, id',
      [userId],
    );

  describe('story_read through the progress routes', () => {
    it('unlocks first_story for the kid and the parent aggregate with points and notifications', async () => {
      const { parent, kidId } = await family();
      const storyId = await createStory(t);
      expect((await complete(parent, kidId, storyId)).statusCode).toBe(201);

      const kid = await badgeRows(t, parent.id, kidId);
      const aggregate = await badgeRows(t, parent.id, null);
      for (const rows of [kid, aggregate]) {
        expect(rows.first_story).toMatchObject({ count: 1, unlocked: true });
        expect(rows.first_story!.unlocked_at).toBeInstanceOf(Date);
        expect(rows.story_explorer).toMatchObject({ count: 1, unlocked: false });
        expect(rows.week_warrior).toMatchObject({ count: 1, unlocked: false });
        expect(rows.early_bird).toBeUndefined();
        expect(rows.night_owl).toBeUndefined();
        expect(rows.challenge_champion).toBeUndefined();
      }
      // +10 for the story, +20 for the kid's badge; the parent aggregate earns no points.
      const points = await pointsOf(t, kidId);
      expect(points.balance).toBe(30);
      expect(points.ledger).toEqual([
        { delta: 10, reason: 'story_completed', ref_id: storyId },
        expect.objectContaining({ delta: 20, reason: 'badge_unlocked' }),
      ]);
      const notifications = await badgeNotifications(t, parent.id);
      expect(notifications).toHaveLength(2);
      expect(notifications.map((row) => row.data)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ badgeKey: 'first_story', kidId }),
          expect.objectContaining({ badgeKey: 'first_story', kidId: null }),
        ]),
      );
      expect(notifications[0]!.title).toBe('New badge: First Story');
      expect(await logsOf(parent.id)).toEqual([
        { action: 'story_read', kid_id: kidId, details: `{"storyId":"${storyId}"}` },
      ]);
    });

    it('unlocks story_explorer at the 10th story, once', async () => {
      const { parent, kidId } = await family();
      const storyIds = await createStories(t, 11);
      for (const storyId of storyIds.slice(0, 9)) await complete(parent, kidId, storyId);
      expect((await badgeRows(t, parent.id, kidId)).story_explorer).toMatchObject({
        count: 9,
        unlocked: false,
      });
      await complete(parent, kidId, storyIds[9]!);
      const kid = await badgeRows(t, parent.id, kidId);
      expect(kid.story_explorer).toMatchObject({ count: 10, unlocked: true });
      expect((await badgeRows(t, parent.id, null)).story_explorer).toMatchObject({
        count: 10,
        unlocked: true,
      });
      const unlockedAt = kid.story_explorer!.unlocked_at!.getTime();
      await complete(parent, kidId, storyIds[10]!);
      const after = await badgeRows(t, parent.id, kidId);
      expect(after.story_explorer).toMatchObject({ count: 11, unlocked: true });
      expect(after.story_explorer!.unlocked_at!.getTime()).toBe(unlockedAt);
      // 11 stories × 10 + first_story and story_explorer × 20.
      expect((await pointsOf(t, kidId)).balance).toBe(150);
      expect((await badgeNotifications(t, parent.id)).map((row) => row.data.badgeKey).sort()).toEqual([
        'first_story',
        'first_story',
        'story_explorer',
        'story_explorer',
      ]);
    });

    it('feeds the parent aggregate from the parent’s own progress, without points', async () => {
      const parent = await createUser(t.app);
      const storyId = await createStory(t);
      const body = { storyId, progress: 100, completed: true };
      expect((await call(t, 'POST', '/stories/user/progress', { as: parent, body })).statusCode).toBe(201);
      expect((await badgeRows(t, parent.id, null)).first_story).toMatchObject({ count: 1, unlocked: true });
      expect(
        await query(t, 'select 1 from user_badges where user_id = $1 and kid_id is not null', [parent.id]),
      ).toEqual([]);
      expect(await badgeNotifications(t, parent.id)).toHaveLength(1);
    });

    it('aggregates two kids completing at the same time into one parent row', async () => {
      const parent = await createUser(t.app);
      const [kidA, kidB] = await Promise.all([createKid(t.app, parent.id), createKid(t.app, parent.id)]);
      const [storyA, storyB] = await createStories(t, 2);
      const responses = await Promise.all([complete(parent, kidA, storyA!), complete(parent, kidB, storyB!)]);
      expect(responses.map((response) => response.statusCode)).toEqual([201, 201]);
      const aggregate = await query<{ count: number; unlocked: boolean }>(
        t,
        `select ub.count, ub.unlocked from user_badges ub join badges b on b.id = ub.badge_id
          where ub.user_id = $1 and ub.kid_id is null and b.key = 'first_story'`,
        [parent.id],
      );
      expect(aggregate).toEqual([{ count: 2, unlocked: true }]);
      // One unlock notification per kid row and one for the aggregate, never two for the aggregate.
      expect((await badgeNotifications(t, parent.id)).filter((row) => row.data.kidId === null)).toHaveLength(
        1,
      );
    });

    it('issues the same number of statements whether or not the completion unlocks a badge', async () => {
      const { parent, kidId } = await family();
      const [first, second] = await createStories(t, 2);
      const url = '/api/v1/stories/progress';
      const completion = (storyId: string) =>
        countQueries(t, {
          method: 'POST',
          url,
          headers: parent.auth,
          payload: { kidId, storyId, progress: 100, completed: true },
        });
      // Warm the session cache, so both counted requests do the same work around the event.
      await call(t, 'POST', '/stories/progress', {
        as: parent,
        body: { kidId, storyId: first, progress: 10 },
      });
      const unlocking = await completion(first!);
      expect((await badgeRows(t, parent.id, kidId)).first_story?.unlocked).toBe(true);
      const plain = await completion(second!);
      expect(unlocking.response.statusCode).toBe(201);
      expect(plain.response.statusCode).toBe(201);
      expect(unlocking.count, unlocking.statements.join('\n')).toBe(plain.count);
    });

    it('skips the badge notification when the parent switched the in-app channel off, still paying points', async () => {
      const { parent, kidId } = await family();
      await query(
        t,
        `insert into notification_preferences (id, user_id, category, type, enabled)
         values (gen_random_uuid(), $1, 'BADGE_EARNED', 'in_app', false)`,
        [parent.id],
      );
      await complete(parent, kidId, await createStory(t));
      expect((await badgeRows(t, parent.id, kidId)).first_story?.unlocked).toBe(true);
      expect(await badgeNotifications(t, parent.id)).toEqual([]);
      expect((await pointsOf(t, kidId)).balance).toBe(30);
    });
  });

  describe('special badges (local time in APP_TIMEZONE)', () => {
    const at = (iso: string) => new Date(iso);
    const storyRead = (parentId: string, kidId: string, when: Date) => ({
      type: 'story_read' as const,
      parentId,
      kidId,
      refId: randomUUID(),
      at: when,
    });

    it('early bird strictly before 07:00 local', async () => {
      const early = await family();
      // 05:59 UTC = 06:59 in Lagos (UTC+1).
      await record(t, storyRead(early.parent.id, early.kidId, at('2024-06-10T05:59:00Z')), {
        timeZone: 'Africa/Lagos',
      });
      expect((await badgeRows(t, early.parent.id, early.kidId)).early_bird).toMatchObject({
        count: 1,
        unlocked: true,
      });
      expect((await badgeRows(t, early.parent.id, null)).early_bird).toMatchObject({ unlocked: true });

      const late = await family();
      // 06:00 UTC = 07:00 in Lagos: no longer early, but it would be in UTC.
      await record(t, storyRead(late.parent.id, late.kidId, at('2024-06-10T06:00:00Z')), {
        timeZone: 'Africa/Lagos',
      });
      expect((await badgeRows(t, late.parent.id, late.kidId)).early_bird).toBeUndefined();
      await record(t, storyRead(late.parent.id, late.kidId, at('2024-06-11T06:00:00Z')), { timeZone: 'UTC' });
      expect((await badgeRows(t, late.parent.id, late.kidId)).early_bird).toMatchObject({ unlocked: true });
    });

    it('night owl at or after 21:00 local', async () => {
      const owl = await family();
      // 01:00 UTC = 21:00 the previous evening in New York (UTC−4 in June).
      await record(t, storyRead(owl.parent.id, owl.kidId, at('2024-06-11T01:00:00Z')), {
        timeZone: 'America/New_York',
      });
      expect((await badgeRows(t, owl.parent.id, owl.kidId)).night_owl).toMatchObject({
        count: 1,
        unlocked: true,
      });
      // Early bird is judged in the same zone: 21:00 is not before 07:00.
      expect((await badgeRows(t, owl.parent.id, owl.kidId)).early_bird).toBeUndefined();

      const notYet = await family();
      await record(t, storyRead(notYet.parent.id, notYet.kidId, at('2024-06-10T20:59:59Z')), {
        timeZone: 'UTC',
      });
      expect((await badgeRows(t, notYet.parent.id, notYet.kidId)).night_owl).toBeUndefined();
      // +10 for the story and +20 per kid unlock (first story, and night owl for the first family).
      expect((await pointsOf(t, owl.kidId)).balance).toBe(50);
      expect((await pointsOf(t, notYet.kidId)).balance).toBe(30);
    });
  });

  describe('streaks (rules.md §10.3)', () => {
    const daysAt = (time: string, from: number, to: number) =>
      Array.from(
        { length: to - from + 1 },
        (_, i) => `2024-06-${String(from + i).padStart(2, '0')}T${time}Z`,
      );

    it('unlocks week_warrior on the 7th consecutive day for the kid and the parent', async () => {
      const { parent, kidId } = await family();
      await insertActivity(
        t,
        daysAt('10:00:00', 3, 8).map((when) => ({ userId: parent.id, kidId, at: when })),
      );
      await record(
        t,
        {
          type: 'story_read',
          parentId: parent.id,
          kidId,
          refId: randomUUID(),
          at: new Date('2024-06-09T10:00:00Z'),
        },
        { timeZone: 'UTC' },
      );
      expect((await badgeRows(t, parent.id, kidId)).week_warrior).toMatchObject({ count: 7, unlocked: true });
      expect((await badgeRows(t, parent.id, null)).week_warrior).toMatchObject({ count: 7, unlocked: true });
      // A gap resets the count; the badge stays unlocked.
      await record(
        t,
        {
          type: 'quiz_answered',
          parentId: parent.id,
          kidId,
          refId: randomUUID(),
          correct: false,
          at: new Date('2024-06-12T10:00:00Z'),
        },
        { timeZone: 'UTC' },
      );
      expect((await badgeRows(t, parent.id, kidId)).week_warrior).toMatchObject({ count: 1, unlocked: true });
    });

    it('groups activity by local day: the same instants make a shorter streak in another zone', async () => {
      // 23:30 UTC on 06-03 … 06-08 is 00:30 on 06-04 … 06-09 in Lagos.
      const utc = await family();
      const lagos = await family();
      for (const { parent, kidId } of [utc, lagos]) {
        await insertActivity(
          t,
          daysAt('23:30:00', 3, 8).map((when) => ({ userId: parent.id, kidId, at: when })),
        );
      }
      const event = (parentId: string, kidId: string) => ({
        type: 'challenge_completed' as const,
        parentId,
        kidId,
        refId: randomUUID(),
        at: new Date('2024-06-09T12:00:00Z'),
      });
      await record(t, event(utc.parent.id, utc.kidId), { timeZone: 'UTC' });
      await record(t, event(lagos.parent.id, lagos.kidId), { timeZone: 'Africa/Lagos' });
      expect((await badgeRows(t, utc.parent.id, utc.kidId)).week_warrior).toMatchObject({
        count: 7,
        unlocked: true,
      });
      expect((await badgeRows(t, lagos.parent.id, lagos.kidId)).week_warrior).toMatchObject({
        count: 6,
        unlocked: false,
      });
    });

    it('keeps kid and parent scopes apart', async () => {
      const parent = await createUser(t.app);
      const [kidA, kidB] = await Promise.all([createKid(t.app, parent.id), createKid(t.app, parent.id)]);
      await insertActivity(t, [
        { userId: parent.id, kidId: kidA, at: '2024-06-07T10:00:00Z' },
        { userId: parent.id, kidId: kidB, at: '2024-06-08T10:00:00Z' },
      ]);
      await record(
        t,
        {
          type: 'story_read',
          parentId: parent.id,
          kidId: kidA,
          refId: randomUUID(),
          at: new Date('2024-06-09T10:00:00Z'),
        },
        { timeZone: 'UTC' },
      );
      // Kid A: 06-09 only (06-08 belongs to kid B); the parent: 06-07, 06-08, 06-09.
      expect((await badgeRows(t, parent.id, kidA)).week_warrior?.count).toBe(1);
      expect((await badgeRows(t, parent.id, null)).week_warrior?.count).toBe(3);
    });
  });

  describe('quiz whiz (first correct answer per kid and question)', () => {
    const answer = (parentId: string, kidId: string, questionId: string, correct: boolean) =>
      record(t, { type: 'quiz_answered', parentId, kidId, refId: questionId, correct, at: new Date() });

    it('counts only the first correct answer to each question and pays 1 point for it', async () => {
      const { parent, kidId } = await family();
      const [q1, q2] = [randomUUID(), randomUUID()];
      await answer(parent.id, kidId, q1, true);
      await answer(parent.id, kidId, q1, true);
      await answer(parent.id, kidId, q2, false);
      expect((await badgeRows(t, parent.id, kidId)).quiz_whiz?.count).toBe(1);
      expect((await badgeRows(t, parent.id, null)).quiz_whiz?.count).toBe(1);
      await answer(parent.id, kidId, q2, true);
      expect((await badgeRows(t, parent.id, kidId)).quiz_whiz).toMatchObject({ count: 2, unlocked: false });
      expect((await pointsOf(t, kidId)).ledger).toEqual([
        { delta: 1, reason: 'quiz_correct', ref_id: q1 },
        { delta: 1, reason: 'quiz_correct', ref_id: q2 },
      ]);
      // Every answer is activity (streaks), correct or not.
      expect((await logsOf(parent.id)).map((row) => row.action)).toEqual(Array(4).fill('quiz_answered'));
    });

    it('unlocks at 20 correct questions with +20 points', async () => {
      const { parent, kidId } = await family();
      for (let i = 0; i < 20; i += 1) await answer(parent.id, kidId, randomUUID(), true);
      expect((await badgeRows(t, parent.id, kidId)).quiz_whiz).toMatchObject({ count: 20, unlocked: true });
      expect((await pointsOf(t, kidId)).balance).toBe(40);
    });
  });

  describe('challenge_completed', () => {
    it('unlocks challenge_champion at 5 with +5 per challenge', async () => {
      const { parent, kidId } = await family();
      for (let i = 0; i < 5; i += 1) {
        await record(t, {
          type: 'challenge_completed',
          parentId: parent.id,
          kidId,
          refId: randomUUID(),
          at: new Date(),
        });
      }
      expect((await badgeRows(t, parent.id, kidId)).challenge_champion).toMatchObject({
        count: 5,
        unlocked: true,
      });
      expect((await pointsOf(t, kidId)).balance).toBe(5 * 5 + 20);
    });
  });

  describe('idempotency', () => {
    const snapshot = async (parentId: string, kidId: string | null) => ({
      kid: kidId ? await badgeRows(t, parentId, kidId) : null,
      aggregate: await badgeRows(t, parentId, null),
      points: kidId ? await pointsOf(t, kidId) : null,
      notifications: await badgeNotifications(t, parentId),
      logs: await logsOf(parentId),
    });

    it('records a story read or challenge completion once', async () => {
      const { parent, kidId } = await family();
      for (const type of ['story_read', 'challenge_completed'] as const) {
        const event = { type, parentId: parent.id, kidId, refId: randomUUID(), at: new Date() };
        const first = await record(t, event);
        expect(first).toMatchObject({ recorded: true, tags: [`progress:${parent.id}`] });
        expect(first.invalidate).toEqual([`kid:${kidId}:profile`, `user:${parent.id}:kids`]);
        const before = await snapshot(parent.id, kidId);
        const again = await record(t, { ...event, at: new Date() });
        expect(again).toEqual({ invalidate: [], tags: [], recorded: false, unlocked: [], pointsAwarded: 0 });
        expect(await snapshot(parent.id, kidId)).toEqual(before);
      }
    });

    it('records the parent’s own story read once', async () => {
      const parent = await createUser(t.app);
      const event = {
        type: 'story_read' as const,
        parentId: parent.id,
        kidId: null,
        refId: randomUUID(),
        at: new Date(),
      };
      const first = await record(t, event);
      expect(first).toMatchObject({ recorded: true, invalidate: [], pointsAwarded: 0 });
      expect(first.unlocked).toEqual(expect.arrayContaining([{ key: 'first_story', kidId: null }]));
      const before = await snapshot(parent.id, null);
      expect((await record(t, event)).recorded).toBe(false);
      expect(await snapshot(parent.id, null)).toEqual(before);
    });

    it('rolls back with the caller’s transaction', async () => {
      const { parent, kidId } = await family();
      await expect(
        t.app.core.db.transaction(async (tx) => {
          await recordEngagementEvent(tx, {
            type: 'story_read',
            parentId: parent.id,
            kidId,
            refId: randomUUID(),
            at: new Date(),
          });
          throw new Error('caller failed');
        }),
      ).rejects.toThrow('caller failed');
      expect(await snapshot(parent.id, kidId)).toMatchObject({
        kid: {},
        aggregate: {},
        points: { balance: 0, ledger: [] },
        notifications: [],
        logs: [],
      });
    });
  });
});
