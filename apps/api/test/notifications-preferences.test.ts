import { randomUUID } from 'node:crypto';
import { cacheKeys } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

interface Preference {
  id: string;
  type: string;
  category: string;
  enabled: boolean;
  userId: string | null;
  kidId: string | null;
}

describe('notification preferences (NPREF-01..07, USER-20/21)', () => {
  let t: TestApp;
  let other: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_DEFAULT_PER_MIN: '10000' } });
    [other, admin] = await Promise.all([createUser(t.app), createUser(t.app, { role: 'admin' })]);
  });
  afterAll(async () => t.close());

  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
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
  const rowsOf = async (column: 'user_id' | 'kid_id', id: string) =>
    (
      await query(
        `select id, type, category, enabled, is_deleted from notification_preferences where ${column} = $1`,
        [id],
      )
    ).rows;

  async function create(user: TestUser, items: unknown[]): Promise<Preference[]> {
    const res = await inject('POST', '/notification-preferences', user, items);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data;
  }

  describe('POST /notification-preferences (NPREF-01)', () => {
    it('creates user and kid rows in request order', async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const saved = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id },
        { type: 'in_app', category: 'BADGE_EARNED', enabled: true, kidId },
        { type: 'email', category: 'WEEKLY_REPORT', enabled: false, userId: user.id },
      ]);
      expect(saved).toEqual([
        {
          id: expect.any(String),
          type: 'push',
          category: 'NEW_STORY',
          enabled: false,
          userId: user.id,
          kidId: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
        expect.objectContaining({
          type: 'in_app',
          category: 'BADGE_EARNED',
          enabled: true,
          userId: null,
          kidId,
        }),
        expect.objectContaining({ type: 'email', category: 'WEEKLY_REPORT', enabled: false }),
      ]);
    });

    it('upserts on the unique keys and restores soft-deleted rows', async () => {
      const user = await createUser(t.app);
      const [first] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id },
      ]);
      await query('update notification_preferences set is_deleted = true, deleted_at = now() where id = $1', [
        first!.id,
      ]);
      const [second] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: true, userId: user.id },
      ]);
      expect(second!.id).toBe(first!.id);
      expect(second!.enabled).toBe(true);
      const rows = await rowsOf('user_id', user.id);
      expect(rows).toEqual([expect.objectContaining({ id: first!.id, enabled: true, is_deleted: false })]);
    });

    it('rejects bad bodies with 400 VALIDATION_ERROR', async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const item = { type: 'push', category: 'NEW_STORY', enabled: true, userId: user.id };
      const bodies: unknown[] = [
        [],
        Array.from({ length: 51 }, () => item),
        { ...item },
        [{ ...item, kidId }],
        [{ type: 'push', category: 'NEW_STORY', enabled: true }],
        [{ ...item, category: 'NOT_A_CATEGORY' }],
        [{ ...item, type: 'sms' }],
        [{ ...item, enabled: 'yes' }],
        [{ ...item, userId: 'not-a-uuid' }],
        [{ ...item, extra: 1 }],
        [item, { ...item, enabled: false }],
      ];
      for (const body of bodies) {
        const res = await inject('POST', '/notification-preferences', user, body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect(await rowsOf('user_id', user.id)).toEqual([]);
    });

    it("answers 404 for another user, another parent's kid or a deleted kid, and writes nothing", async () => {
      const user = await createUser(t.app);
      const otherKid = await createKid(t.app, other.id);
      const deletedKid = await createKid(t.app, user.id);
      await query('update kids set is_deleted = true where id = $1', [deletedKid]);
      const mine = { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id };
      for (const foreign of [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: other.id },
        { type: 'push', category: 'NEW_STORY', enabled: false, kidId: otherKid },
        { type: 'push', category: 'NEW_STORY', enabled: false, kidId: deletedKid },
        { type: 'push', category: 'NEW_STORY', enabled: false, kidId: randomUUID() },
      ]) {
        const res = await inject('POST', '/notification-preferences', user, [mine, foreign]);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
      expect(await rowsOf('user_id', user.id)).toEqual([]);
      expect(await rowsOf('kid_id', otherKid)).toEqual([]);
    });

    it('answers 401 without a token', async () => {
      const res = await inject('POST', '/notification-preferences', undefined, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: randomUUID() },
      ]);
      expect(res.statusCode).toBe(401);
    });
  });

  describe('one preference (NPREF-02, -03, -04, -07)', () => {
    it('reads, updates, soft-deletes and restores an owned row', async () => {
      const user = await createUser(t.app);
      const [pref] = await create(user, [
        { type: 'in_app', category: 'NEW_STORY', enabled: true, userId: user.id },
      ]);
      const id = pref!.id;

      let res = await inject('GET', `/notification-preferences/${id}`, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id, enabled: true });

      res = await inject('PATCH', `/notification-preferences/${id}`, user, { enabled: false });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id, enabled: false });

      res = await inject('DELETE', `/notification-preferences/${id}`, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.message).toEqual(expect.any(String));
      expect((await inject('GET', `/notification-preferences/${id}`, user)).statusCode).toBe(404);
      expect(
        (await inject('PATCH', `/notification-preferences/${id}`, user, { enabled: true })).statusCode,
      ).toBe(404);
      expect((await inject('DELETE', `/notification-preferences/${id}`, user)).statusCode).toBe(404);

      res = await inject('POST', `/notification-preferences/${id}/undo-delete`, user);
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({ id, enabled: false });

      res = await inject('POST', `/notification-preferences/${id}/undo-delete`, user);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_STATE');
    });

    it('deletes permanently, also a soft-deleted row', async () => {
      const user = await createUser(t.app);
      const [a, b] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id },
        { type: 'in_app', category: 'NEW_STORY', enabled: false, userId: user.id },
      ]);
      expect(
        (await inject('DELETE', `/notification-preferences/${a!.id}?permanent=true`, user)).statusCode,
      ).toBe(200);
      await inject('DELETE', `/notification-preferences/${b!.id}`, user);
      expect(
        (await inject('DELETE', `/notification-preferences/${b!.id}?permanent=true`, user)).statusCode,
      ).toBe(200);
      expect(await rowsOf('user_id', user.id)).toEqual([]);
      expect((await inject('POST', `/notification-preferences/${a!.id}/undo-delete`, user)).statusCode).toBe(
        404,
      );
    });

    it("reaches a kid's row through the kid's parent only while the kid is live", async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const [pref] = await create(user, [
        { type: 'push', category: 'BEDTIME_REMINDER', enabled: false, kidId },
      ]);
      expect((await inject('GET', `/notification-preferences/${pref!.id}`, user)).statusCode).toBe(200);
      expect((await inject('GET', `/notification-preferences/${pref!.id}`, other)).statusCode).toBe(404);
      await query('update kids set is_deleted = true where id = $1', [kidId]);
      expect((await inject('GET', `/notification-preferences/${pref!.id}`, user)).statusCode).toBe(404);
    });

    it("answers 404 for another parent's row on every route, even for an admin", async () => {
      const user = await createUser(t.app);
      const [pref] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id },
      ]);
      const id = pref!.id;
      for (const caller of [other, admin]) {
        expect((await inject('GET', `/notification-preferences/${id}`, caller)).statusCode).toBe(404);
        expect(
          (await inject('PATCH', `/notification-preferences/${id}`, caller, { enabled: true })).statusCode,
        ).toBe(404);
        expect(
          (await inject('DELETE', `/notification-preferences/${id}?permanent=true`, caller)).statusCode,
        ).toBe(404);
        expect((await inject('POST', `/notification-preferences/${id}/undo-delete`, caller)).statusCode).toBe(
          404,
        );
      }
      expect(await rowsOf('user_id', user.id)).toEqual([
        expect.objectContaining({ enabled: false, is_deleted: false }),
      ]);
    });

    it('answers 400 for bad input and 401 without a token', async () => {
      const user = await createUser(t.app);
      const [pref] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id },
      ]);
      const id = pref!.id;
      expect((await inject('GET', '/notification-preferences/not-a-uuid', user)).statusCode).toBe(400);
      for (const body of [{}, { enabled: 'no' }, { enabled: true, category: 'NEW_STORY' }]) {
        const res = await inject('PATCH', `/notification-preferences/${id}`, user, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect(
        (await inject('DELETE', `/notification-preferences/${id}?permanent=maybe`, user)).statusCode,
      ).toBe(400);
      expect((await inject('GET', `/notification-preferences/${id}`)).statusCode).toBe(401);
      expect(
        (await inject('PATCH', `/notification-preferences/${id}`, undefined, { enabled: true })).statusCode,
      ).toBe(401);
      expect((await inject('DELETE', `/notification-preferences/${id}`)).statusCode).toBe(401);
      expect((await inject('POST', `/notification-preferences/${id}/undo-delete`)).statusCode).toBe(401);
    });
  });

  describe('lists (NPREF-05, NPREF-06)', () => {
    it("lists a user's live rows for the owner and for an admin", async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const [keep, drop] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id },
        { type: 'in_app', category: 'NEW_STORY', enabled: false, userId: user.id },
        { type: 'push', category: 'NEW_STORY', enabled: false, kidId },
      ]);
      await inject('DELETE', `/notification-preferences/${drop!.id}`, user);
      for (const caller of [user, admin]) {
        const res = await inject('GET', `/notification-preferences/users/${user.id}`, caller);
        expect(res.statusCode).toBe(200);
        expect(res.json().data.map((row: Preference) => row.id)).toEqual([keep!.id]);
      }
      expect((await inject('GET', `/notification-preferences/users/${user.id}`, other)).statusCode).toBe(404);
      expect((await inject('GET', `/notification-preferences/users/${randomUUID()}`, admin)).statusCode).toBe(
        404,
      );
      expect((await inject('GET', '/notification-preferences/users/nope', user)).statusCode).toBe(400);
      expect((await inject('GET', `/notification-preferences/users/${user.id}`)).statusCode).toBe(401);
    });

    it("lists a kid's rows for its parent only", async () => {
      const user = await createUser(t.app);
      const kidId = await createKid(t.app, user.id);
      const [pref] = await create(user, [
        { type: 'push', category: 'BEDTIME_REMINDER', enabled: false, kidId },
      ]);
      const res = await inject('GET', `/notification-preferences/kids/${kidId}`, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual([expect.objectContaining({ id: pref!.id, kidId, userId: null })]);
      expect((await inject('GET', `/notification-preferences/kids/${kidId}`, other)).statusCode).toBe(404);
      expect((await inject('GET', `/notification-preferences/kids/${randomUUID()}`, user)).statusCode).toBe(
        404,
      );
      expect((await inject('GET', '/notification-preferences/kids/nope', user)).statusCode).toBe(400);
      expect((await inject('GET', `/notification-preferences/kids/${kidId}`)).statusCode).toBe(401);
    });
  });

  describe('grouped user preferences (USER-20, USER-21)', () => {
    it('groups the push and in_app rows; a missing channel reads as enabled', async () => {
      const user = await createUser(t.app);
      await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: false, userId: user.id },
        { type: 'in_app', category: 'NEW_STORY', enabled: true, userId: user.id },
        { type: 'in_app', category: 'WEEKLY_REPORT', enabled: false, userId: user.id },
        { type: 'email', category: 'FEEDBACK', enabled: false, userId: user.id },
      ]);
      const res = await inject('GET', `/users/${user.id}/notification-preferences`, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({
        NEW_STORY: { push: false, in_app: true },
        WEEKLY_REPORT: { push: true, in_app: false },
      });
    });

    it('returns an empty object for a user without rows, and lets an admin read it', async () => {
      const user = await createUser(t.app);
      for (const caller of [user, admin]) {
        const res = await inject('GET', `/users/${user.id}/notification-preferences`, caller);
        expect(res.statusCode).toBe(200);
        expect(res.json().data).toEqual({});
      }
    });

    it('upserts both channels per category and a GET right after sees the change', async () => {
      const user = await createUser(t.app);
      const [pushRow] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: true, userId: user.id },
      ]);
      await inject('DELETE', `/notification-preferences/${pushRow!.id}`, user);
      // Warm the cache.
      expect((await inject('GET', `/users/${user.id}/notification-preferences`, user)).json().data).toEqual(
        {},
      );

      const res = await inject('PATCH', `/users/${user.id}/notification-preferences`, user, {
        NEW_STORY: false,
        STREAK_MILESTONE: true,
      });
      expect(res.statusCode).toBe(200);
      const expected = {
        NEW_STORY: { push: false, in_app: false },
        STREAK_MILESTONE: { push: true, in_app: true },
      };
      expect(res.json().data).toEqual(expected);
      expect((await inject('GET', `/users/${user.id}/notification-preferences`, user)).json().data).toEqual(
        expected,
      );

      const rows = await rowsOf('user_id', user.id);
      expect(rows).toHaveLength(4);
      // The soft-deleted push row is restored, not duplicated.
      expect(rows.find((row) => row.id === pushRow!.id)).toMatchObject({ enabled: false, is_deleted: false });
    });

    it('drops the cached view on every NPREF write', async () => {
      const user = await createUser(t.app);
      const url = `/users/${user.id}/notification-preferences`;
      const [pref] = await create(user, [
        { type: 'push', category: 'NEW_STORY', enabled: true, userId: user.id },
      ]);
      expect((await inject('GET', url, user)).json().data).toEqual({
        NEW_STORY: { push: true, in_app: true },
      });

      await inject('PATCH', `/notification-preferences/${pref!.id}`, user, { enabled: false });
      expect((await inject('GET', url, user)).json().data).toEqual({
        NEW_STORY: { push: false, in_app: true },
      });

      await inject('DELETE', `/notification-preferences/${pref!.id}`, user);
      expect((await inject('GET', url, user)).json().data).toEqual({});

      await inject('POST', `/notification-preferences/${pref!.id}/undo-delete`, user);
      expect((await inject('GET', url, user)).json().data).toEqual({
        NEW_STORY: { push: false, in_app: true },
      });

      await create(user, [{ type: 'in_app', category: 'NEW_STORY', enabled: false, userId: user.id }]);
      expect((await inject('GET', url, user)).json().data).toEqual({
        NEW_STORY: { push: false, in_app: false },
      });

      await inject('DELETE', `/notification-preferences/${pref!.id}?permanent=true`, user);
      expect((await inject('GET', url, user)).json().data).toEqual({
        NEW_STORY: { push: true, in_app: false },
      });
    });

    it('caches the profile, grouped preferences and preferred categories under user:{id}:preferences', async () => {
      const user = await createUser(t.app);
      await inject('PATCH', `/users/${user.id}/notification-preferences`, user, { WEEKLY_REPORT: false });
      const cached = await t.app.core.cache.get(cacheKeys.userPreferences(user.id));
      expect(cached).toEqual({
        profile: expect.objectContaining({ userId: user.id, country: 'NG' }),
        notificationPreferences: { WEEKLY_REPORT: { push: false, in_app: false } },
        preferredCategories: [],
      });
    });

    it('lets an admin change another user', async () => {
      const user = await createUser(t.app);
      const res = await inject('PATCH', `/users/${user.id}/notification-preferences`, admin, {
        NEW_LOGIN: false,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ NEW_LOGIN: { push: false, in_app: false } });
    });

    it('rejects bad bodies with 400', async () => {
      const user = await createUser(t.app);
      for (const body of [
        {},
        { NOT_A_CATEGORY: true },
        { NEW_STORY: 'false' },
        { NEW_STORY: true, extra: true },
        [],
      ]) {
        const res = await inject('PATCH', `/users/${user.id}/notification-preferences`, user, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect(await rowsOf('user_id', user.id)).toEqual([]);
      expect((await inject('GET', '/users/nope/notification-preferences', user)).statusCode).toBe(400);
    });

    it("answers 404 for another user's preferences and 401 without a token", async () => {
      const user = await createUser(t.app);
      expect((await inject('GET', `/users/${user.id}/notification-preferences`, other)).statusCode).toBe(404);
      const res = await inject('PATCH', `/users/${user.id}/notification-preferences`, other, {
        NEW_STORY: false,
      });
      expect(res.statusCode).toBe(404);
      expect(await rowsOf('user_id', user.id)).toEqual([]);
      expect((await inject('GET', `/users/${randomUUID()}/notification-preferences`, admin)).statusCode).toBe(
        404,
      );
      expect((await inject('GET', `/users/${user.id}/notification-preferences`)).statusCode).toBe(401);
      expect(
        (await inject('PATCH', `/users/${user.id}/notification-preferences`, undefined, { NEW_STORY: false }))
          .statusCode,
      ).toBe(401);
    });
  });
});
