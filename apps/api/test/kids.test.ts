import { notificationPreferences, parentRecommendations, stories } from '@storytime/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { call, createAvatar, createCategory, eventually, query, RELAXED_LIMITS } from './users-fixtures';

const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

/** KID-01..07 (api.md §2). */
describe('kids', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    [parent, other] = await Promise.all([createUser(t.app, { name: 'Kid Parent' }), createUser(t.app)]);
  });
  afterAll(async () => t.close());

  const kidCount = async (parentId: string) =>
    Number(
      (await query<{ n: string }>(t, 'select count(*) as n from kids where parent_id = $1', [parentId]))[0]!
        .n,
    );

  async function recommend(kidId: string, parentId: string, options: { deleted?: boolean } = {}) {
    const [story] = await t.app.core.db
      .insert(stories)
      .values({ title: 'A story', description: 'About things', language: 'en' })
      .returning({ id: stories.id });
    await t.app.core.db
      .insert(parentRecommendations)
      .values({ userId: parentId, kidId, storyId: story!.id, isDeleted: options.deleted ?? false });
  }

  describe('GET /auth/kids (KID-01)', () => {
    it('lists the caller’s live kids, newest first', async () => {
      const empty = await createUser(t.app);
      expect((await call(t, 'GET', '/auth/kids', { as: empty })).json().data).toEqual([]);
      // Rows written straight to the database (not through the API) before the first, caching read.
      const user = await createUser(t.app, { name: 'Lister' });
      const older = await createKid(t.app, user.id, 'Older');
      const newer = await createKid(t.app, user.id, 'Newer');
      const gone = await createKid(t.app, user.id, 'Gone');
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [gone]);
      await createKid(t.app, other.id, 'Not yours');
      const res = await call(t, 'GET', '/auth/kids', { as: user });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.map((kid: { id: string }) => kid.id)).toEqual([newer, older]);
      expect(res.json().data[0]).toMatchObject({
        name: 'Newer',
        parent: { id: user.id, name: 'Lister', email: user.email },
        preferredCategories: [],
        preferredVoice: null,
        excludedTags: [],
        bedtimeDays: [],
      });
      expect(res.json().data[0]).not.toHaveProperty('isDeleted');
    });

    it('answers 401 without a token', async () => {
      expect((await call(t, 'GET', '/auth/kids')).statusCode).toBe(401);
    });
  });

  describe('POST /auth/kids (KID-02)', () => {
    it('creates the batch and answers with every kid of the caller', async () => {
      const user = await createUser(t.app);
      const existing = await createKid(t.app, user.id, 'Existing');
      // Warm the list cache: the create must drop it.
      await call(t, 'GET', '/auth/kids', { as: user });
      const [avatar, own, category] = await Promise.all([
        createAvatar(t, { system: true }),
        createAvatar(t, { ownerUserId: user.id }),
        createCategory(t),
      ]);
      const res = await call(t, 'POST', '/auth/kids', {
        as: user,
        body: [
          {
            name: 'Mia',
            ageRange: '4-6',
            avatarId: avatar,
            preferredCategoryIds: [category.id, category.id],
          },
          { name: 'Leo', ageRange: '7-9', avatarId: own },
        ],
      });
      expect(res.statusCode).toBe(201);
      const kids = res.json().data as Array<Record<string, unknown>>;
      expect(kids).toHaveLength(3);
      expect(kids.map((kid) => kid.name).sort()).toEqual(['Existing', 'Leo', 'Mia']);
      const mia = kids.find((kid) => kid.name === 'Mia')!;
      expect(mia).toMatchObject({
        ageRange: '4-6',
        avatarId: avatar,
        avatar: { id: avatar, isSystemAvatar: true },
        preferredCategories: [{ id: category.id, name: category.name }],
      });
      expect(kids.map((kid) => kid.id)).toContain(existing);
      const list = await call(t, 'GET', '/auth/kids', { as: user });
      expect(list.json().data).toHaveLength(3);
    });

    it('creates nothing when the third kid names an unknown category', async () => {
      const user = await createUser(t.app);
      const category = await createCategory(t);
      const res = await call(t, 'POST', '/auth/kids', {
        as: user,
        body: [
          { name: 'One', ageRange: '3-5', preferredCategoryIds: [category.id] },
          { name: 'Two', ageRange: '3-5' },
          { name: 'Three', ageRange: '3-5', preferredCategoryIds: ['0190c7d0-0000-7000-8000-00000000abcd'] },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
      expect(res.json().details.fields).toEqual([
        { path: 'body.2.preferredCategoryIds', message: expect.stringContaining('unknown') },
      ]);
      expect(await kidCount(user.id)).toBe(0);
    });

    it('refuses another user’s or a deleted avatar', async () => {
      const user = await createUser(t.app);
      const [foreign, deleted] = await Promise.all([
        createAvatar(t, { ownerUserId: other.id }),
        createAvatar(t, { system: true, deleted: true }),
      ]);
      for (const avatarId of [foreign, deleted]) {
        const res = await call(t, 'POST', '/auth/kids', {
          as: user,
          body: [
            { name: 'Ok', ageRange: '3-5' },
            { name: 'Bad', ageRange: '3-5', avatarId },
          ],
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().details.fields[0].path).toBe('body.1.avatarId');
      }
      expect(await kidCount(user.id)).toBe(0);
    });

    it('validates the batch', async () => {
      const tooMany = Array.from({ length: 11 }, (_, i) => ({ name: `Kid ${i}`, ageRange: '3-5' }));
      for (const body of [
        [],
        tooMany,
        { name: 'Solo', ageRange: '3-5' },
        [{ name: '', ageRange: '3-5' }],
        [{ name: 'X', ageRange: '3-5', extra: 1 }],
      ]) {
        const res = await call(t, 'POST', '/auth/kids', { as: parent, body });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 401 without a token', async () => {
      expect(
        (await call(t, 'POST', '/auth/kids', { body: [{ name: 'A', ageRange: '1-2' }] })).statusCode,
      ).toBe(401);
    });
  });

  describe('GET /user/kids/:kidId (KID-03)', () => {
    it('answers the kid with settings, recent activity and recommendation count, then logs the access', async () => {
      const kidId = await createKid(t.app, parent.id, 'Detail');
      await t.app.core.db
        .insert(notificationPreferences)
        .values({ kidId, category: 'BEDTIME_REMINDER', type: 'push', enabled: false });
      await recommend(kidId, parent.id);
      await recommend(kidId, parent.id, { deleted: true });

      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/user/kids/${kidId}`,
        headers: { ...parent.auth, 'user-agent': IPHONE_UA },
      });
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data).toMatchObject({
        id: kidId,
        name: 'Detail',
        parent: { id: parent.id },
        notificationPreferences: [{ category: 'BEDTIME_REMINDER', type: 'push', enabled: false }],
        activityLogs: [],
        recommendationStats: { total: 1 },
      });

      const logs = await eventually(
        () =>
          query<Record<string, string>>(
            t,
            "select user_id, status, device_name, device_model, os, ip_address from activity_logs where kid_id = $1 and action = 'ACCESS_KID_ACCOUNT'",
            [kidId],
          ),
        (rows) => rows.length > 0,
      );
      expect(logs).toEqual([
        {
          user_id: parent.id,
          status: 'SUCCESS',
          device_name: 'Safari',
          device_model: 'iPhone',
          os: 'iOS 17.2',
          ip_address: '127.0.0.1',
        },
      ]);

      const again = await call(t, 'GET', `/user/kids/${kidId}`, { as: parent });
      expect(again.json().data.activityLogs).toHaveLength(1);
      expect(again.json().data.activityLogs[0]).toMatchObject({
        action: 'ACCESS_KID_ACCOUNT',
        os: 'iOS 17.2',
      });
    });

    it('shows the last 10 logs, newest first', async () => {
      const kidId = await createKid(t.app, parent.id);
      await query(
        t,
        `insert into activity_logs (id, user_id, kid_id, action, status, created_at)
         select gen_random_uuid(), $1, $2, 'LOG_' || n, 'SUCCESS', now() - make_interval(mins => n)
           from generate_series(1, 12) as n`,
        [parent.id, kidId],
      );
      const res = await call(t, 'GET', `/user/kids/${kidId}`, { as: parent });
      const actions = res.json().data.activityLogs.map((log: { action: string }) => log.action);
      expect(actions).toEqual(Array.from({ length: 10 }, (_, i) => `LOG_${i + 1}`));
    });

    it('answers 404 for another parent’s or a deleted kid, 400 for a bad id, 401 without a token', async () => {
      const foreign = await createKid(t.app, other.id);
      const res = await call(t, 'GET', `/user/kids/${foreign}`, { as: parent });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      const deleted = await createKid(t.app, parent.id);
      await query(t, 'update kids set is_deleted = true where id = $1', [deleted]);
      expect((await call(t, 'GET', `/user/kids/${deleted}`, { as: parent })).statusCode).toBe(404);
      expect((await call(t, 'GET', '/user/kids/123', { as: parent })).statusCode).toBe(400);
      expect((await call(t, 'GET', `/user/kids/${foreign}`)).statusCode).toBe(401);
      const logs = await query(t, 'select 1 from activity_logs where kid_id = $1', [foreign]);
      expect(logs).toHaveLength(0);
    });
  });

  describe('PUT /auth/kids/:kidId (KID-04)', () => {
    it('updates every field and replaces the categories', async () => {
      const kidId = await createKid(t.app, parent.id, 'Before');
      const [avatar, a, b] = await Promise.all([
        createAvatar(t, { system: true }),
        createCategory(t),
        createCategory(t),
      ]);
      await call(t, 'PUT', `/auth/kids/${kidId}`, { as: parent, body: { preferredCategoryIds: [a.id] } });
      const res = await call(t, 'PUT', `/auth/kids/${kidId}`, {
        as: parent,
        body: {
          name: 'After',
          ageRange: '7-9',
          avatarId: avatar,
          preferredCategoryIds: [b.id],
          excludedTags: ['scary', 'scary', 'loud'],
          isBedtimeEnabled: true,
          bedtimeStart: '7:30',
          bedtimeEnd: '20:15',
          bedtimeDays: [0, 6, 3],
          bedtimeLockApp: true,
          bedtimeDimScreen: true,
          bedtimeReminder: true,
          bedtimeStoriesOnly: true,
          dailyScreenTimeLimitMins: 45,
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({
        name: 'After',
        ageRange: '7-9',
        avatarId: avatar,
        preferredCategories: [{ id: b.id, name: b.name }],
        excludedTags: ['scary', 'loud'],
        isBedtimeEnabled: true,
        bedtimeStart: '07:30',
        bedtimeEnd: '20:15',
        bedtimeDays: [0, 6, 3],
        bedtimeLockApp: true,
        bedtimeDimScreen: true,
        bedtimeReminder: true,
        bedtimeStoriesOnly: true,
        dailyScreenTimeLimitMins: 45,
      });
      const cleared = await call(t, 'PUT', `/auth/kids/${kidId}`, {
        as: parent,
        body: { dailyScreenTimeLimitMins: null },
      });
      expect(cleared.json().data.dailyScreenTimeLimitMins).toBeNull();
    });

    it('shows the change at once in the cached detail and list', async () => {
      const kidId = await createKid(t.app, parent.id, 'Cached');
      expect((await call(t, 'GET', `/user/kids/${kidId}`, { as: parent })).json().data.name).toBe('Cached');
      const listed = (await call(t, 'GET', '/auth/kids', { as: parent })).json().data;
      expect(listed.find((kid: { id: string }) => kid.id === kidId).name).toBe('Cached');

      await call(t, 'PUT', `/auth/kids/${kidId}`, { as: parent, body: { name: 'Fresh' } });
      expect((await call(t, 'GET', `/user/kids/${kidId}`, { as: parent })).json().data.name).toBe('Fresh');
      const relisted = (await call(t, 'GET', '/auth/kids', { as: parent })).json().data;
      expect(relisted.find((kid: { id: string }) => kid.id === kidId).name).toBe('Fresh');
    });

    it('rejects bad bedtime values and unknown fields', async () => {
      const kidId = await createKid(t.app, parent.id);
      for (const body of [
        { bedtimeStart: '24:00' },
        { bedtimeEnd: '7:5' },
        { bedtimeDays: [1, 1] },
        { bedtimeDays: [7] },
        { bedtimeDays: [0, 1, 2, 3, 4, 5, 6, 0] },
        { excludedTags: [''] },
        { excludedTags: ['x'.repeat(51)] },
        { dailyScreenTimeLimitMins: 1441 },
        { numberOfKids: 1 },
        { preferredVoiceId: '' },
      ]) {
        const res = await call(t, 'PUT', `/auth/kids/${kidId}`, { as: parent, body });
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 400 for an unknown category or another user’s avatar and changes nothing', async () => {
      const kidId = await createKid(t.app, parent.id, 'Unchanged');
      const foreign = await createAvatar(t, { ownerUserId: other.id });
      const badCategory = await call(t, 'PUT', `/auth/kids/${kidId}`, {
        as: parent,
        body: { name: 'Changed', preferredCategoryIds: ['0190c7d0-0000-7000-8000-00000000abce'] },
      });
      expect(badCategory.statusCode).toBe(400);
      const badAvatar = await call(t, 'PUT', `/auth/kids/${kidId}`, {
        as: parent,
        body: { name: 'Changed', avatarId: foreign },
      });
      expect(badAvatar.statusCode).toBe(400);
      expect((await call(t, 'GET', `/user/kids/${kidId}`, { as: parent })).json().data.name).toBe(
        'Unchanged',
      );
    });

    it('answers 404 for another parent’s kid and 401 without a token', async () => {
      const foreign = await createKid(t.app, other.id, 'Theirs');
      const res = await call(t, 'PUT', `/auth/kids/${foreign}`, { as: parent, body: { name: 'Mine now' } });
      expect(res.statusCode).toBe(404);
      expect(
        (await query<{ name: string }>(t, 'select name from kids where id = $1', [foreign]))[0]!.name,
      ).toBe('Theirs');
      expect((await call(t, 'PUT', `/auth/kids/${foreign}`, { body: { name: 'x' } })).statusCode).toBe(401);
    });
  });

  describe('DELETE /auth/kids/:kidId (KID-05)', () => {
    it('soft deletes, hiding the kid from the list and detail', async () => {
      const kidId = await createKid(t.app, parent.id);
      await call(t, 'GET', '/auth/kids', { as: parent });
      await call(t, 'GET', `/user/kids/${kidId}`, { as: parent });
      const res = await call(t, 'DELETE', `/auth/kids/${kidId}`, { as: parent });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ id: kidId, permanent: false });
      const [row] = await query<{ is_deleted: boolean; deleted_at: Date | null }>(
        t,
        'select is_deleted, deleted_at from kids where id = $1',
        [kidId],
      );
      expect(row!.is_deleted).toBe(true);
      expect(row!.deleted_at).not.toBeNull();
      expect((await call(t, 'GET', `/user/kids/${kidId}`, { as: parent })).statusCode).toBe(404);
      const list = (await call(t, 'GET', '/auth/kids', { as: parent })).json().data;
      expect(list.map((kid: { id: string }) => kid.id)).not.toContain(kidId);
      expect((await call(t, 'DELETE', `/auth/kids/${kidId}`, { as: parent })).statusCode).toBe(404);
    });

    it('deletes permanently', async () => {
      const kidId = await createKid(t.app, parent.id);
      const res = await call(t, 'DELETE', `/auth/kids/${kidId}?permanent=true`, { as: parent });
      expect(res.json().data).toEqual({ id: kidId, permanent: true });
      expect(await query(t, 'select 1 from kids where id = $1', [kidId])).toHaveLength(0);
    });

    it('answers 404 for another parent’s kid, 400 for a bad flag, 401 without a token', async () => {
      const foreign = await createKid(t.app, other.id);
      expect((await call(t, 'DELETE', `/auth/kids/${foreign}`, { as: parent })).statusCode).toBe(404);
      expect(
        (await query(t, 'select 1 from kids where id = $1 and is_deleted = false', [foreign])).length,
      ).toBe(1);
      expect((await call(t, 'DELETE', `/auth/kids/${foreign}?permanent=1`, { as: other })).statusCode).toBe(
        400,
      );
      expect((await call(t, 'DELETE', `/auth/kids/${foreign}`)).statusCode).toBe(401);
    });
  });

  describe('POST /auth/kids/:kidId/undo-delete (KID-06)', () => {
    it('restores a soft-deleted kid', async () => {
      const kidId = await createKid(t.app, parent.id, 'Back');
      await call(t, 'GET', '/auth/kids', { as: parent });
      await call(t, 'DELETE', `/auth/kids/${kidId}`, { as: parent });
      const res = await call(t, 'POST', `/auth/kids/${kidId}/undo-delete`, { as: parent });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({ id: kidId, name: 'Back', deletedAt: null });
      const list = (await call(t, 'GET', '/auth/kids', { as: parent })).json().data;
      expect(list.map((kid: { id: string }) => kid.id)).toContain(kidId);
    });

    it('answers 409 for a kid that is not deleted', async () => {
      const kidId = await createKid(t.app, parent.id);
      const res = await call(t, 'POST', `/auth/kids/${kidId}/undo-delete`, { as: parent });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_STATE');
    });

    it('answers 404 for another parent’s deleted kid and 401 without a token', async () => {
      const foreign = await createKid(t.app, other.id);
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [foreign]);
      expect((await call(t, 'POST', `/auth/kids/${foreign}/undo-delete`, { as: parent })).statusCode).toBe(
        404,
      );
      expect((await call(t, 'POST', `/auth/kids/${foreign}/undo-delete`)).statusCode).toBe(401);
    });
  });

  describe('GET /auth/kids/:kidId/recommendation-stats (KID-07)', () => {
    it('counts the live recommendations', async () => {
      const kidId = await createKid(t.app, parent.id, 'Stats');
      await recommend(kidId, parent.id);
      await recommend(kidId, parent.id);
      await recommend(kidId, parent.id, { deleted: true });
      const res = await call(t, 'GET', `/auth/kids/${kidId}/recommendation-stats`, { as: parent });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ kidId, kidName: 'Stats', recommendationStats: { total: 2 } });
    });

    it('answers 404 for another parent’s kid, 400 for a bad id and 401 without a token', async () => {
      const foreign = await createKid(t.app, other.id);
      expect(
        (await call(t, 'GET', `/auth/kids/${foreign}/recommendation-stats`, { as: parent })).statusCode,
      ).toBe(404);
      expect((await call(t, 'GET', '/auth/kids/x/recommendation-stats', { as: parent })).statusCode).toBe(
        400,
      );
      expect((await call(t, 'GET', `/auth/kids/${foreign}/recommendation-stats`)).statusCode).toBe(401);
    });
  });
});
