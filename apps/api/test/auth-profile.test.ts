import { randomUUID } from 'node:crypto';
import { cacheKeys, cacheTags } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecrets, pg, RELAXED_LIMITS, userRow } from './auth-fixtures';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** AUTH-04 complete-profile, AUTH-05 learning expectations, AUTH-10 profile. */

describe('profile and onboarding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
  });
  afterAll(async () => t.close());

  async function learningExpectation(options: { active?: boolean; deleted?: boolean; name?: string } = {}) {
    const [row] = await pg<{ id: string; name: string }>(
      t.app,
      `insert into learning_expectations (id, name, description, category, is_active, is_deleted)
       values ($1, $2, 'desc', 'Test', $3, $4) returning id, name`,
      [randomUUID(), options.name ?? `LE ${randomUUID()}`, options.active ?? true, options.deleted ?? false],
    );
    return row!;
  }

  async function category(deleted = false) {
    const [row] = await pg<{ id: string }>(
      t.app,
      `insert into categories (id, name, is_deleted) values ($1, $2, $3) returning id`,
      [randomUUID(), `Category ${randomUUID()}`, deleted],
    );
    return row!.id;
  }

  const complete = (user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/complete-profile', payload, headers: user.auth });

  const updateProfile = (user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PUT', url: '/api/v1/auth/profile', payload, headers: user.auth });

  const selections = async (userId: string) => ({
    expectations: (
      await pg<{ id: string }>(
        t.app,
        'select learning_expectation_id as id from user_learning_expectations where user_id = $1',
        [userId],
      )
    )
      .map((row) => row.id)
      .sort(),
    categories: (
      await pg<{ id: string }>(
        t.app,
        'select category_id as id from user_preferred_categories where user_id = $1',
        [userId],
      )
    )
      .map((row) => row.id)
      .sort(),
  });

  describe('POST /auth/complete-profile (AUTH-04)', () => {
    it('saves choices, creates an owned avatar from the URL, upserts the profile and sets profile_setup', async () => {
      const user = await createUser(t.app);
      const [le1, le2] = [await learningExpectation(), await learningExpectation()];
      const [c1, c2] = [await category(), await category()];
      const imageUrl = `https://cdn.example.com/${randomUUID()}.png`;
      await t.app.core.cache.set(cacheKeys.userPreferences(user.id), { stale: true }, 300);

      const res = await complete(user, {
        language: ' English ',
        languageCode: 'EN',
        learningExpectationIds: [le1.id, le2.id, le1.id],
        preferredCategories: [c1, c2],
        profileImageUrl: imageUrl,
      });
      expect(res.statusCode).toBe(200);
      expectNoSecrets(res.body);
      const data = res.json().data;
      expect(data).toMatchObject({
        id: user.id,
        onboardingStatus: 'profile_setup',
        avatarUrl: imageUrl,
        avatar: { url: imageUrl, isSystemAvatar: false },
        profile: { language: 'English', languageCode: 'en', country: 'NG' },
      });
      const [avatar] = await pg(t.app, 'select * from avatars where id = $1', [data.avatar.id]);
      expect(avatar).toMatchObject({ owner_user_id: user.id, name: `user-avatar-${data.avatar.id}` });
      expect(await selections(user.id)).toEqual({
        expectations: [le1.id, le2.id].sort(),
        categories: [c1, c2].sort(),
      });
      expect(await t.app.core.cache.get(cacheKeys.userPreferences(user.id))).toBeUndefined();

      // Second call: expectations are added, categories replaced, the same URL reuses the avatar.
      const le3 = await learningExpectation();
      const again = await complete(user, {
        learningExpectationIds: [le3.id],
        preferredCategories: [c2],
        profileImageUrl: imageUrl,
      });
      expect(again.statusCode).toBe(200);
      expect(again.json().data.avatar.id).toBe(data.avatar.id);
      expect(again.json().data.profile.language).toBe('English');
      expect(await selections(user.id)).toEqual({
        expectations: [le1.id, le2.id, le3.id].sort(),
        categories: [c2],
      });
    });

    it('uses an existing system avatar with that URL and creates a missing profile (fix 14)', async () => {
      const user = await createUser(t.app);
      await pg(t.app, 'delete from profiles where user_id = $1', [user.id]);
      const url = `https://cdn.example.com/system-${randomUUID()}.png`;
      const [system] = await pg<{ id: string }>(
        t.app,
        `insert into avatars (id, name, url, is_system_avatar) values ($1, $2, $3, true) returning id`,
        [randomUUID(), `system-${randomUUID()}`, url],
      );
      const res = await complete(user, { profileImageUrl: url });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.avatar).toMatchObject({ id: system!.id, isSystemAvatar: true });
      expect(res.json().data.profile).toMatchObject({ country: 'NG', userId: user.id });
    });

    it("does not reuse another user's custom avatar with the same URL", async () => {
      const [owner, other] = [await createUser(t.app), await createUser(t.app)];
      const url = `https://cdn.example.com/${randomUUID()}.png`;
      const first = await complete(owner, { profileImageUrl: url });
      const second = await complete(other, { profileImageUrl: url });
      expect(second.json().data.avatar.id).not.toBe(first.json().data.avatar.id);
    });

    it('rejects unknown, inactive or deleted ids with 400 VALIDATION_ERROR and changes nothing', async () => {
      const user = await createUser(t.app);
      const inactive = await learningExpectation({ active: false });
      const deleted = await learningExpectation({ deleted: true });
      const goneCategory = await category(true);
      for (const payload of [
        { learningExpectationIds: [randomUUID()] },
        { learningExpectationIds: [inactive.id] },
        { learningExpectationIds: [deleted.id] },
        { preferredCategories: [randomUUID()] },
        { preferredCategories: [goneCategory] },
      ]) {
        const res = await complete(user, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect((await userRow(t.app, user.id)).onboarding_status).toBe('email_verified');
    });

    it('validates the body', async () => {
      const user = await createUser(t.app);
      for (const payload of [
        { profileImageUrl: 'ftp://example.com/a.png' },
        { learningExpectationIds: ['not-a-uuid'] },
        { preferredCategories: Array.from({ length: 21 }, () => randomUUID()) },
        { languageCode: 'x' },
        { unexpected: true },
      ]) {
        const res = await complete(user, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 400 ONBOARDING_ORDER once the PIN is set', async () => {
      const user = await createUser(t.app);
      await pg(t.app, `update users set onboarding_status = 'pin_setup' where id = $1`, [user.id]);
      const res = await complete(user, { language: 'English' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('ONBOARDING_ORDER');
    });

    it('needs a live session (401) and a non-deactivated account (410)', async () => {
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/complete-profile',
        payload: {},
      });
      expect(anonymous.statusCode).toBe(401);
      const user = await createUser(t.app);
      await pg(t.app, 'update users set is_deleted = true, deleted_at = now() where id = $1', [user.id]);
      await t.app.core.sessions.forgetSessions([user.sessionId]);
      const res = await complete(user, {});
      expect(res.statusCode).toBe(410);
      expect(res.json().code).toBe('ACCOUNT_DEACTIVATED');
    });
  });

  describe('PUT /auth/profile (AUTH-10)', () => {
    it('updates the given fields and invalidates the preferences cache', async () => {
      const user = await createUser(t.app);
      await t.app.core.cache.set(cacheKeys.userPreferences(user.id), { stale: true }, 300);
      const res = await updateProfile(user, {
        explicitContent: false,
        maxScreenTimeMins: 90,
        language: 'French',
        languageCode: 'FR',
        country: 'gh',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.profile).toMatchObject({
        explicitContent: false,
        maxScreenTimeMins: 90,
        language: 'French',
        languageCode: 'fr',
        country: 'GH',
      });
      expect(await t.app.core.cache.get(cacheKeys.userPreferences(user.id))).toBeUndefined();

      const cleared = await updateProfile(user, { maxScreenTimeMins: null });
      expect(cleared.json().data.profile).toMatchObject({
        maxScreenTimeMins: null,
        country: 'GH',
        language: 'French',
      });
    });

    it('creates a missing profile with country NG unless one is given', async () => {
      const [a, b] = [await createUser(t.app), await createUser(t.app)];
      await pg(t.app, 'delete from profiles where user_id = any($1)', [[a.id, b.id]]);
      expect((await updateProfile(a, { language: 'Yoruba' })).json().data.profile).toMatchObject({
        country: 'NG',
        language: 'Yoruba',
      });
      expect((await updateProfile(b, { country: 'ke' })).json().data.profile.country).toBe('KE');
    });

    it('validates the body and needs a session', async () => {
      const user = await createUser(t.app);
      for (const payload of [
        { maxScreenTimeMins: 1441 },
        { maxScreenTimeMins: -1 },
        { country: 'GHA' },
        { explicitContent: 'yes' },
        { name: 'not here' },
      ]) {
        const res = await updateProfile(user, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      const anonymous = await t.app.inject({ method: 'PUT', url: '/api/v1/auth/profile', payload: {} });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('GET /auth/learning-expectations (AUTH-05)', () => {
    it('lists active, non-deleted rows sorted by name, cached under the catalogue tag', async () => {
      const tag = randomUUID().slice(0, 8);
      const visible = [
        await learningExpectation({ name: `zz ${tag} b` }),
        await learningExpectation({ name: `zz ${tag} a` }),
      ];
      await learningExpectation({ name: `zz ${tag} inactive`, active: false });
      await learningExpectation({ name: `zz ${tag} deleted`, deleted: true });
      await t.app.core.cache.invalidateTags([cacheTags.catalogue]);

      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/learning-expectations' });
      expect(res.statusCode).toBe(200);
      const items = res.json().data as Array<{ id: string; name: string }>;
      const mine = items.filter((item) => item.name.includes(tag));
      expect(mine.map((item) => item.name)).toEqual([`zz ${tag} a`, `zz ${tag} b`]);
      expect(mine[0]).toEqual({
        id: visible[1]!.id,
        name: `zz ${tag} a`,
        description: 'desc',
        category: 'Test',
      });

      // Served from the cache until the catalogue tag is invalidated.
      await learningExpectation({ name: `zz ${tag} c` });
      const cached = await t.app.inject({ method: 'GET', url: '/api/v1/auth/learning-expectations' });
      expect(cached.json().data.filter((item: { name: string }) => item.name.includes(tag))).toHaveLength(2);
      await t.app.core.cache.invalidateTags([cacheTags.catalogue]);
      const fresh = await t.app.inject({ method: 'GET', url: '/api/v1/auth/learning-expectations' });
      expect(fresh.json().data.filter((item: { name: string }) => item.name.includes(tag))).toHaveLength(3);
    });
  });
});
