import { subscriptions } from '@storytime/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import {
  call,
  createAvatar,
  createCategory,
  createLearningExpectation,
  query,
  RELAXED_LIMITS,
  setOnboarding,
} from './users-fixtures';

/** USER-01..03, 12..15, 18, 19 (api.md §3). */
describe('users', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    [parent, other, admin] = await Promise.all([
      createUser(t.app, { name: 'Pat Parent' }),
      createUser(t.app),
      createUser(t.app, { role: 'admin' }),
    ]);
  });
  afterAll(async () => t.close());

  describe('GET /user/me (USER-01)', () => {
    it('answers the parent profile with kids, PIN and premium state', async () => {
      const user = await createUser(t.app, { name: 'Ada' });
      await createKid(t.app, user.id);
      await createKid(t.app, user.id);
      const res = await call(t, 'GET', '/user/me', { as: user });
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data).toMatchObject({
        id: user.id,
        email: user.email,
        name: 'Ada',
        role: 'parent',
        numberOfKids: 2,
        pinSet: false,
        biometricsEnabled: false,
        preferredCategories: [],
        learningExpectations: [],
        subscriptionStatus: 'free',
        isPremium: false,
        avatar: null,
        profile: { country: 'NG', explicitContent: true },
      });
      expect(Object.keys(data).sort()).toEqual(
        [
          'avatar',
          'biometricsEnabled',
          'createdAt',
          'email',
          'id',
          'isEmailVerified',
          'isPremium',
          'learningExpectations',
          'name',
          'numberOfKids',
          'onboardingStatus',
          'pinSet',
          'preferredCategories',
          'profile',
          'role',
          'subscriptionStatus',
          'title',
          'updatedAt',
        ].sort(),
      );
    });

    it('reports an active paid subscription as premium, and a free plan as free', async () => {
      const paid = await createUser(t.app);
      const free = await createUser(t.app);
      await t.app.core.db.insert(subscriptions).values([
        { userId: paid.id, plan: 'monthly', source: 'store', endsAt: new Date(Date.now() + 86_400_000) },
        { userId: free.id, plan: 'free', source: 'free' },
      ]);
      const paidRes = await call(t, 'GET', '/user/me', { as: paid });
      expect(paidRes.json().data).toMatchObject({ subscriptionStatus: 'active', isPremium: true });
      const freeRes = await call(t, 'GET', '/user/me', { as: free });
      expect(freeRes.json().data).toMatchObject({ subscriptionStatus: 'free', isPremium: false });
    });

    it('keeps premium for a cancelled subscription until it ends, not after', async () => {
      const running = await createUser(t.app);
      const ended = await createUser(t.app);
      await t.app.core.db.insert(subscriptions).values([
        {
          userId: running.id,
          plan: 'yearly',
          status: 'cancelled',
          source: 'store',
          endsAt: new Date(Date.now() + 86_400_000),
        },
        { userId: ended.id, plan: 'weekly', source: 'store', endsAt: new Date(Date.now() - 1000) },
      ]);
      expect((await call(t, 'GET', '/user/me', { as: running })).json().data.isPremium).toBe(true);
      expect((await call(t, 'GET', '/user/me', { as: ended })).json().data).toMatchObject({
        isPremium: false,
        subscriptionStatus: 'free',
      });
    });

    it('treats an admin as premium without a subscription', async () => {
      const res = await call(t, 'GET', '/user/me', { as: admin });
      expect(res.json().data).toMatchObject({ role: 'admin', isPremium: true, subscriptionStatus: 'free' });
    });

    it('answers 401 without a token', async () => {
      const res = await call(t, 'GET', '/user/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_INVALID_TOKEN');
    });
  });

  describe('PATCH /user/me (USER-02)', () => {
    it('updates fields, the profile and replaces both id sets', async () => {
      const user = await createUser(t.app);
      const [a, b, c] = await Promise.all([createCategory(t), createCategory(t), createCategory(t)]);
      const expectation = await createLearningExpectation(t);
      const first = await call(t, 'PATCH', '/user/me', {
        as: user,
        body: {
          name: '  Grace Hopper ',
          language: 'English',
          country: 'gb',
          biometricsEnabled: true,
          preferredCategories: [a.id, b.id],
          learningExpectationIds: [expectation.id],
        },
      });
      expect(first.statusCode).toBe(200);
      expect(first.json().data).toMatchObject({
        name: 'Grace Hopper',
        biometricsEnabled: true,
        profile: { language: 'English', country: 'GB' },
        learningExpectations: [{ id: expectation.id, name: expectation.name }],
      });
      expect(
        first
          .json()
          .data.preferredCategories.map((x: { id: string }) => x.id)
          .sort(),
      ).toEqual([a.id, b.id].sort());

      const second = await call(t, 'PATCH', '/user/me', {
        as: user,
        body: { preferredCategories: [c.id], learningExpectationIds: [] },
      });
      expect(second.json().data.preferredCategories).toEqual([{ id: c.id, name: c.name }]);
      expect(second.json().data.learningExpectations).toEqual([]);
      expect(second.json().data.name).toBe('Grace Hopper');
    });

    it('answers 400 for unknown ids and writes nothing', async () => {
      const user = await createUser(t.app, { name: 'Before' });
      const inactive = await createLearningExpectation(t, { active: false });
      const deleted = await createCategory(t, { deleted: true });
      const unknownCategory = await call(t, 'PATCH', '/user/me', {
        as: user,
        body: { name: 'After', preferredCategories: [deleted.id] },
      });
      expect(unknownCategory.statusCode).toBe(400);
      expect(unknownCategory.json().code).toBe('VALIDATION_ERROR');
      const inactiveExpectation = await call(t, 'PATCH', '/user/me', {
        as: user,
        body: { name: 'After', learningExpectationIds: [inactive.id] },
      });
      expect(inactiveExpectation.statusCode).toBe(400);
      const me = await call(t, 'GET', '/user/me', { as: user });
      expect(me.json().data.name).toBe('Before');
    });

    it('rejects unknown fields and malformed values', async () => {
      const unknown = await call(t, 'PATCH', '/user/me', { as: parent, body: { role: 'admin' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe('VALIDATION_ERROR');
      const badCountry = await call(t, 'PATCH', '/user/me', { as: parent, body: { country: 'NGA' } });
      expect(badCountry.statusCode).toBe(400);
    });

    it('answers 401 without a token', async () => {
      expect((await call(t, 'PATCH', '/user/me', { body: { name: 'x' } })).statusCode).toBe(401);
    });
  });

  describe('POST /user/me/avatar (USER-03)', () => {
    it('assigns a system avatar or one of the caller’s own', async () => {
      const system = await createAvatar(t, { system: true });
      const own = await createAvatar(t, { ownerUserId: parent.id });
      const res = await call(t, 'POST', '/user/me/avatar', { as: parent, body: { avatarId: system } });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.avatar).toMatchObject({ id: system, isSystemAvatar: true });
      const mine = await call(t, 'POST', '/user/me/avatar', { as: parent, body: { avatarId: own } });
      expect(mine.json().data.avatar).toMatchObject({ id: own, isSystemAvatar: false });
    });

    it('answers 404 for another user’s, a deleted or an unknown avatar', async () => {
      const foreign = await createAvatar(t, { ownerUserId: other.id });
      const deleted = await createAvatar(t, { system: true, deleted: true });
      for (const avatarId of [foreign, deleted, 'no-such-avatar']) {
        const res = await call(t, 'POST', '/user/me/avatar', { as: parent, body: { avatarId } });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      }
    });

    it('validates the body and needs a token', async () => {
      expect((await call(t, 'POST', '/user/me/avatar', { as: parent, body: {} })).statusCode).toBe(400);
      expect((await call(t, 'POST', '/user/me/avatar', { body: { avatarId: 'x' } })).statusCode).toBe(401);
    });
  });

  describe('admin lists (USER-12, USER-13)', () => {
    it('pages users newest first with the admin default limit of 10', async () => {
      const res = await call(t, 'GET', '/user', { as: admin });
      expect(res.statusCode).toBe(200);
      const { items, pagination } = res.json().data;
      expect(pagination).toMatchObject({ page: 1, limit: 10 });
      expect(pagination.totalPages).toBe(Math.ceil(pagination.total / 10));
      expect(items.length).toBeLessThanOrEqual(10);
      const times = items.map((item: { createdAt: string }) => Date.parse(item.createdAt));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
      expect(items[0]).toHaveProperty('numberOfKids');
    });

    it('lists deleted users under /user only', async () => {
      const gone = await createUser(t.app);
      await query(t, 'update users set is_deleted = true, deleted_at = now() where id = $1', [gone.id]);
      const all = await call(t, 'GET', '/user?limit=100', { as: admin });
      const active = await call(t, 'GET', '/user/active?limit=100', { as: admin });
      expect(all.statusCode).toBe(200);
      expect(all.json().data.items.map((u: { id: string }) => u.id)).toContain(gone.id);
      expect(active.json().data.items.map((u: { id: string }) => u.id)).not.toContain(gone.id);
      expect(active.json().data.items.map((u: { id: string }) => u.id)).toContain(admin.id);
    });

    it('pages with page and limit', async () => {
      const first = await call(t, 'GET', '/user/active?page=1&limit=1', { as: admin });
      const second = await call(t, 'GET', '/user/active?page=2&limit=1', { as: admin });
      expect(first.json().data.items).toHaveLength(1);
      expect(second.json().data.pagination).toMatchObject({ page: 2, limit: 1 });
      expect(second.json().data.items[0]?.id).not.toBe(first.json().data.items[0].id);
    });

    it('validates paging, and is admin-only', async () => {
      expect((await call(t, 'GET', '/user?limit=0', { as: admin })).statusCode).toBe(400);
      expect((await call(t, 'GET', '/user/active?limit=101', { as: admin })).statusCode).toBe(400);
      const parentCall = await call(t, 'GET', '/user', { as: parent });
      expect(parentCall.statusCode).toBe(403);
      expect(parentCall.json().code).toBe('FORBIDDEN');
      expect((await call(t, 'GET', '/user/active', { as: parent })).statusCode).toBe(403);
      expect((await call(t, 'GET', '/user')).statusCode).toBe(401);
    });
  });

  describe('GET /user/:id (USER-14)', () => {
    it('answers the caller’s own UserDto, and any user to an admin', async () => {
      const self = await call(t, 'GET', `/user/${parent.id}`, { as: parent });
      expect(self.statusCode).toBe(200);
      expect(self.json().data).toMatchObject({ id: parent.id, email: parent.email, numberOfKids: 0 });
      const byAdmin = await call(t, 'GET', `/user/${parent.id}`, { as: admin });
      expect(byAdmin.statusCode).toBe(200);
    });

    it('answers 404 to another parent, 400 for a bad id, 401 without a token', async () => {
      const res = await call(t, 'GET', `/user/${parent.id}`, { as: other });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      expect((await call(t, 'GET', '/user/not-a-uuid', { as: parent })).statusCode).toBe(400);
      expect((await call(t, 'GET', `/user/${parent.id}`)).statusCode).toBe(401);
    });
  });

  describe('PUT /user/:id (USER-15)', () => {
    it('updates the user and finds or creates the avatar by URL, owned by the user', async () => {
      const user = await createUser(t.app);
      const url = `https://images.example.com/${user.id}.png`;
      const res = await call(t, 'PUT', `/user/${user.id}`, {
        as: user,
        body: {
          name: 'New Name',
          language: 'French',
          country: 'fr',
          biometricsEnabled: true,
          avatarUrl: url,
        },
      });
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data).toMatchObject({
        name: 'New Name',
        avatarUrl: url,
        profile: { language: 'French', country: 'FR' },
      });
      const [avatar] = await query<{ owner_user_id: string; is_system_avatar: boolean }>(
        t,
        'select owner_user_id, is_system_avatar from avatars where id = $1',
        [data.avatar.id],
      );
      expect(avatar).toEqual({ owner_user_id: user.id, is_system_avatar: false });
      const again = await call(t, 'PUT', `/user/${user.id}`, { as: user, body: { avatarUrl: url } });
      expect(again.json().data.avatar.id).toBe(data.avatar.id);
    });

    it('lets an admin update another user', async () => {
      const res = await call(t, 'PUT', `/user/${other.id}`, { as: admin, body: { name: 'Set By Admin' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.name).toBe('Set By Admin');
    });

    it('rejects numberOfKids and unknown fields', async () => {
      const res = await call(t, 'PUT', `/user/${parent.id}`, { as: parent, body: { numberOfKids: 5 } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
      const badUrl = await call(t, 'PUT', `/user/${parent.id}`, {
        as: parent,
        body: { avatarUrl: 'ftp://x' },
      });
      expect(badUrl.statusCode).toBe(400);
    });

    it('answers 404 for another user’s avatar and for another parent', async () => {
      const foreign = await createAvatar(t, { ownerUserId: other.id });
      const avatar = await call(t, 'PUT', `/user/${parent.id}`, { as: parent, body: { avatarId: foreign } });
      expect(avatar.statusCode).toBe(404);
      const res = await call(t, 'PUT', `/user/${parent.id}`, { as: other, body: { name: 'Hijack' } });
      expect(res.statusCode).toBe(404);
      expect((await call(t, 'PUT', `/user/${parent.id}`, { body: { name: 'x' } })).statusCode).toBe(401);
    });
  });

  describe('roles (USER-18, USER-19)', () => {
    it('reads a role', async () => {
      const res = await call(t, 'GET', `/user/${parent.id}/role`, { as: admin });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ id: parent.id, role: 'parent' });
    });

    it('promotes and demotes with immediate effect on sessions and premium', async () => {
      const user = await createUser(t.app);
      expect((await call(t, 'GET', '/user/active', { as: user })).statusCode).toBe(403);
      expect((await call(t, 'GET', '/user/me', { as: user })).json().data.isPremium).toBe(false);

      const promote = await call(t, 'PATCH', `/user/${user.id}/role`, { as: admin, body: { role: 'admin' } });
      expect(promote.statusCode).toBe(200);
      expect(promote.json().data).toMatchObject({ id: user.id, role: 'admin' });
      expect((await call(t, 'GET', '/user/active', { as: user })).statusCode).toBe(200);
      expect((await call(t, 'GET', '/user/me', { as: user })).json().data.isPremium).toBe(true);

      await call(t, 'PATCH', `/user/${user.id}/role`, { as: admin, body: { role: 'parent' } });
      expect((await call(t, 'GET', '/user/active', { as: user })).statusCode).toBe(403);
    });

    it('refuses kid and unknown roles with INVALID_ROLE', async () => {
      for (const role of ['kid', 'superuser']) {
        const res = await call(t, 'PATCH', `/user/${parent.id}/role`, { as: admin, body: { role } });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('INVALID_ROLE');
      }
      expect((await call(t, 'PATCH', `/user/${parent.id}/role`, { as: admin, body: {} })).statusCode).toBe(
        400,
      );
    });

    it('answers 404 for an unknown user', async () => {
      const missing = '0190c7d0-0000-7000-8000-000000000000';
      expect((await call(t, 'GET', `/user/${missing}/role`, { as: admin })).statusCode).toBe(404);
      const res = await call(t, 'PATCH', `/user/${missing}/role`, { as: admin, body: { role: 'admin' } });
      expect(res.statusCode).toBe(404);
    });

    it('is admin-only', async () => {
      expect((await call(t, 'GET', `/user/${parent.id}/role`, { as: parent })).statusCode).toBe(403);
      const res = await call(t, 'PATCH', `/user/${parent.id}/role`, { as: parent, body: { role: 'admin' } });
      expect(res.statusCode).toBe(403);
      expect((await call(t, 'GET', `/user/${parent.id}/role`)).statusCode).toBe(401);
    });
  });

  it('never sends a password or PIN hash in any answer', async () => {
    const user = await createUser(t.app);
    await setOnboarding(t, user.id, 'profile_setup');
    expect((await call(t, 'POST', '/user/me/pin', { as: user, body: { pin: '123456' } })).statusCode).toBe(
      201,
    );
    await createKid(t.app, user.id);
    const answers = await Promise.all([
      call(t, 'GET', '/user/me', { as: user }),
      call(t, 'PATCH', '/user/me', { as: user, body: { name: 'Leak Check' } }),
      call(t, 'GET', `/user/${user.id}`, { as: user }),
      call(t, 'PUT', `/user/${user.id}`, { as: user, body: { biometricsEnabled: true } }),
      call(t, 'GET', `/user/${user.id}`, { as: admin }),
      call(t, 'GET', '/user?limit=100', { as: admin }),
      call(t, 'GET', '/user/active?limit=100', { as: admin }),
      call(t, 'GET', '/auth/kids', { as: user }),
      call(t, 'PATCH', `/user/${user.id}/role`, { as: admin, body: { role: 'parent' } }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBeLessThan(300);
      expect(res.body).not.toMatch(/passwordHash|pinHash|password_hash|pin_hash|\$argon2|\$2[aby]\$/);
    }
  });
});
