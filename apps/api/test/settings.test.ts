import { randomUUID } from 'node:crypto';
import { cacheKeys } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

describe('settings (SET-01..06)', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_DEFAULT_PER_MIN: '10000' } });
    [parent, other, admin] = await Promise.all([
      createUser(t.app),
      createUser(t.app),
      createUser(t.app, { role: 'admin' }),
    ]);
  });
  afterAll(async () => t.close());

  const inject = (
    method: 'GET' | 'PUT' | 'PATCH' | 'POST',
    url: string,
    user?: TestUser,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(user ? { headers: user.auth } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const query = (text: string, params: unknown[] = []) => t.deps.pool.query(text, params);
  const setParentLimit = (userId: string, limit: number | null) =>
    query('update profiles set max_screen_time_mins = $2 where user_id = $1', [userId, limit]);
  const setKidLimit = (kidId: string, limit: number | null) =>
    query('update kids set daily_screen_time_limit_mins = $2 where id = $1', [kidId, limit]);
  const softDeleteKid = (kidId: string) =>
    query('update kids set is_deleted = true, deleted_at = now() where id = $1', [kidId]);
  const kidLimits = async (parentId: string) =>
    new Map(
      (
        await query('select id, daily_screen_time_limit_mins from kids where parent_id = $1', [parentId])
      ).rows.map((row) => [row.id as string, row.daily_screen_time_limit_mins as number | null]),
    );

  describe('GET /settings/:userId (SET-01)', () => {
    it('returns the caller profile', async () => {
      const res = await inject('GET', `/settings/${parent.id}`, parent);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({
        userId: parent.id,
        explicitContent: true,
        maxScreenTimeMins: null,
        country: 'NG',
      });
      expect(res.json().data).not.toHaveProperty('id');
    });

    it("creates a missing profile with language 'en' and country 'NG'", async () => {
      const user = await createUser(t.app);
      await query('delete from profiles where user_id = $1', [user.id]);
      const res = await inject('GET', `/settings/${user.id}`, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ userId: user.id, language: 'en', country: 'NG' });
      expect((await query('select 1 from profiles where user_id = $1', [user.id])).rowCount).toBe(1);
    });

    it("lets an admin read another user's settings", async () => {
      const res = await inject('GET', `/settings/${parent.id}`, admin);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.userId).toBe(parent.id);
    });

    it("answers 404 for another parent's settings and for an admin naming an unknown user", async () => {
      expect((await inject('GET', `/settings/${parent.id}`, other)).statusCode).toBe(404);
      const unknown = await inject('GET', `/settings/${randomUUID()}`, admin);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('RESOURCE_NOT_FOUND');
    });

    it('answers 400 for a malformed id and 401 without a token', async () => {
      const bad = await inject('GET', '/settings/not-a-uuid', parent);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
      expect((await inject('GET', `/settings/${parent.id}`)).statusCode).toBe(401);
    });
  });

  describe('PUT /settings/:userId (SET-02)', () => {
    it('updates, lower-cases the language and upper-cases the country', async () => {
      const user = await createUser(t.app);
      const res = await inject('PUT', `/settings/${user.id}`, user, {
        explicitContent: false,
        maxScreenTimeMins: 0,
        language: 'FR',
        country: 'gh',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({
        explicitContent: false,
        maxScreenTimeMins: 0,
        language: 'fr',
        country: 'GH',
      });
      const read = await inject('GET', `/settings/${user.id}`, user);
      expect(read.json().data).toMatchObject({ maxScreenTimeMins: 0, language: 'fr', country: 'GH' });
    });

    it('returns the profile unchanged for an empty body', async () => {
      const user = await createUser(t.app);
      const before = (await inject('GET', `/settings/${user.id}`, user)).json().data;
      const res = await inject('PUT', `/settings/${user.id}`, user, {});
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual(before);
    });

    it('clears the parent limit with null', async () => {
      const user = await createUser(t.app);
      await inject('PUT', `/settings/${user.id}`, user, { maxScreenTimeMins: 30 });
      const res = await inject('PUT', `/settings/${user.id}`, user, { maxScreenTimeMins: null });
      expect(res.json().data.maxScreenTimeMins).toBeNull();
    });

    it('drops the cached user preferences', async () => {
      const user = await createUser(t.app);
      const key = cacheKeys.userPreferences(user.id);
      await t.app.core.cache.set(key, { stale: true }, 300);
      await inject('PUT', `/settings/${user.id}`, user, { language: 'yo' });
      expect(await t.app.core.cache.get(key)).toBeUndefined();
    });

    it('lets an admin update another user', async () => {
      const user = await createUser(t.app);
      const res = await inject('PUT', `/settings/${user.id}`, admin, { country: 'ke' });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.country).toBe('KE');
    });

    it('rejects bad input with 400', async () => {
      for (const payload of [
        { maxScreenTimeMins: 1441 },
        { maxScreenTimeMins: -1 },
        { maxScreenTimeMins: 1.5 },
        { country: 'NGA' },
        { language: '' },
        { unknown: true },
      ]) {
        const res = await inject('PUT', `/settings/${parent.id}`, parent, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it("answers 404 for another parent's settings and 401 without a token", async () => {
      expect((await inject('PUT', `/settings/${parent.id}`, other, { language: 'xx' })).statusCode).toBe(404);
      expect((await inject('PUT', `/settings/${parent.id}`, undefined, {})).statusCode).toBe(401);
    });
  });

  describe('kid daily limit (SET-03, SET-04)', () => {
    it('sets, reads and clears the kid limit, falling back to the parent default', async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);

      let res = await inject('GET', `/settings/kid/${kidId}/daily-limit`, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ kidId, limitMins: null, source: 'none' });

      await setParentLimit(user.id, 0);
      res = await inject('GET', `/settings/kid/${kidId}/daily-limit`, user);
      expect(res.json().data).toEqual({ kidId, limitMins: 0, source: 'parent' });

      res = await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, user, { limitMins: 45 });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ success: true, kidId, limitMins: 45 });
      res = await inject('GET', `/settings/kid/${kidId}/daily-limit`, user);
      expect(res.json().data).toEqual({ kidId, limitMins: 45, source: 'kid' });

      await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, user, { limitMins: 0 });
      res = await inject('GET', `/settings/kid/${kidId}/daily-limit`, user);
      expect(res.json().data).toEqual({ kidId, limitMins: 0, source: 'kid' });

      res = await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, user, { limitMins: null });
      expect(res.json().data.limitMins).toBeNull();
      res = await inject('GET', `/settings/kid/${kidId}/daily-limit`, user);
      expect(res.json().data).toEqual({ kidId, limitMins: 0, source: 'parent' });
    });

    it("drops the kid's cached profile and the parent's kid list", async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const { cache } = t.app.core;
      await cache.set(cacheKeys.kidProfile(kidId), { stale: true }, 300);
      await cache.set(cacheKeys.userKids(user.id), [{ stale: true }], 300);
      await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, user, { limitMins: 20 });
      expect(await cache.get(cacheKeys.kidProfile(kidId))).toBeUndefined();
      expect(await cache.get(cacheKeys.userKids(user.id))).toBeUndefined();
    });

    it('rejects bad limits with 400', async () => {
      const kidId = await createKid(t.app, parent.id);
      for (const payload of [
        { limitMins: 1441 },
        { limitMins: -5 },
        { limitMins: '10' },
        {},
        { limitMins: 5, x: 1 },
      ]) {
        const res = await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, parent, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it("answers 404 for another parent's kid, a deleted kid and an unknown kid (even for admins)", async () => {
      const kidId = await createKid(t.app, parent.id);
      expect((await inject('GET', `/settings/kid/${kidId}/daily-limit`, other)).statusCode).toBe(404);
      expect(
        (await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, other, { limitMins: 5 })).statusCode,
      ).toBe(404);
      expect((await inject('GET', `/settings/kid/${kidId}/daily-limit`, admin)).statusCode).toBe(404);
      expect((await inject('GET', `/settings/kid/${randomUUID()}/daily-limit`, parent)).statusCode).toBe(404);
      await softDeleteKid(kidId);
      expect((await inject('GET', `/settings/kid/${kidId}/daily-limit`, parent)).statusCode).toBe(404);
      expect(
        (await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, parent, { limitMins: 5 })).statusCode,
      ).toBe(404);
      expect((await kidLimits(parent.id)).get(kidId)).toBeNull();
    });

    it('answers 401 without a token', async () => {
      const kidId = await createKid(t.app, parent.id);
      expect((await inject('GET', `/settings/kid/${kidId}/daily-limit`)).statusCode).toBe(401);
      expect(
        (await inject('PATCH', `/settings/kid/${kidId}/daily-limit`, undefined, { limitMins: 1 })).statusCode,
      ).toBe(401);
    });
  });

  describe('parent kids limits (SET-05, SET-06)', () => {
    it('lists live kids with custom and effective limits', async () => {
      const user = await createUser(t.app);
      const custom = await createKid(t.app, user.id, 'Custom');
      const plain = await createKid(t.app, user.id, 'Plain');
      const gone = await createKid(t.app, user.id, 'Gone');
      await setKidLimit(custom, 15);
      await softDeleteKid(gone);
      await setParentLimit(user.id, 60);

      const res = await inject('GET', `/settings/parent/${user.id}/kids-limits`, user);
      expect(res.statusCode).toBe(200);
      const items = res.json().data as Array<Record<string, unknown>>;
      expect(items).toHaveLength(2);
      expect(items.find((item) => item.kidId === custom)).toEqual({
        kidId: custom,
        kidName: 'Custom',
        avatarUrl: null,
        customLimit: 15,
        effectiveLimit: 15,
        isCustom: true,
      });
      expect(items.find((item) => item.kidId === plain)).toMatchObject({
        customLimit: null,
        effectiveLimit: 60,
        isCustom: false,
      });
    });

    it('applies the parent default to kids without a limit and counts only the changed rows', async () => {
      const user = await createUser(t.app);
      const custom = await createKid(t.app, user.id);
      const a = await createKid(t.app, user.id);
      const b = await createKid(t.app, user.id);
      const gone = await createKid(t.app, user.id);
      await setKidLimit(custom, 15);
      await softDeleteKid(gone);
      await setParentLimit(user.id, 0);
      await t.app.core.cache.set(cacheKeys.kidProfile(a), { stale: true }, 300);

      const res = await inject('POST', `/settings/parent/${user.id}/apply-default-to-kids`, user);
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ success: true, appliedLimit: 0, kidsUpdated: 2 });
      expect(await t.app.core.cache.get(cacheKeys.kidProfile(a))).toBeUndefined();

      const limits = await kidLimits(user.id);
      expect([custom, a, b, gone].map((id) => limits.get(id))).toEqual([15, 0, 0, null]);

      const again = await inject('POST', `/settings/parent/${user.id}/apply-default-to-kids`, user);
      expect(again.json().data.kidsUpdated).toBe(0);
    });

    it('answers 400 VALIDATION_ERROR when the parent has no default', async () => {
      const user = await createUser(t.app);
      await createKid(t.app, user.id);
      const res = await inject('POST', `/settings/parent/${user.id}/apply-default-to-kids`, user);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    });

    it('lets an admin act for a parent', async () => {
      const user = await createUser(t.app);
      await createKid(t.app, user.id);
      await setParentLimit(user.id, 90);
      expect(
        (await inject('GET', `/settings/parent/${user.id}/kids-limits`, admin)).json().data,
      ).toHaveLength(1);
      const res = await inject('POST', `/settings/parent/${user.id}/apply-default-to-kids`, admin);
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ success: true, appliedLimit: 90, kidsUpdated: 1 });
    });

    it('answers 404 for another parent, 400 for a bad id and 401 without a token', async () => {
      expect((await inject('GET', `/settings/parent/${parent.id}/kids-limits`, other)).statusCode).toBe(404);
      expect(
        (await inject('POST', `/settings/parent/${parent.id}/apply-default-to-kids`, other)).statusCode,
      ).toBe(404);
      expect((await inject('GET', `/settings/parent/${randomUUID()}/kids-limits`, admin)).statusCode).toBe(
        404,
      );
      expect((await inject('GET', '/settings/parent/123/kids-limits', parent)).statusCode).toBe(400);
      expect((await inject('GET', `/settings/parent/${parent.id}/kids-limits`)).statusCode).toBe(401);
      expect((await inject('POST', `/settings/parent/${parent.id}/apply-default-to-kids`)).statusCode).toBe(
        401,
      );
    });
  });
});
