import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheKeys } from '@storytime/cache';
import { mediaDeleteParamsSchema } from '@storytime/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avatarRow, createAvatar, injectMultipart, jobsOf, softDelete } from './avatars-fixtures';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { PNG, sized, TEXT } from './media-fixtures';

const MEDIA_BASE = 'http://media.test';

let t: TestApp;
let parent: TestUser;
let other: TestUser;
let admin: TestUser;
let dirs: { media: string; tmp: string };

beforeAll(async () => {
  dirs = {
    media: await mkdtemp(join(tmpdir(), 'st-avatar-media-')),
    tmp: await mkdtemp(join(tmpdir(), 'st-avatar-tmp-')),
  };
  t = await createTestApp({
    env: { MEDIA_LOCAL_DIR: dirs.media, MEDIA_TMP_DIR: dirs.tmp, PUBLIC_MEDIA_BASE_URL: MEDIA_BASE },
  });
  [parent, other, admin] = await Promise.all([
    createUser(t.app),
    createUser(t.app),
    createUser(t.app, { role: 'admin' }),
  ]);
});
afterAll(async () => {
  await t.close();
  await rm(dirs.media, { recursive: true, force: true });
  await rm(dirs.tmp, { recursive: true, force: true });
});

const post = (url: string, user: TestUser | null, payload: unknown) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: user ? user.auth : {} });

describe('AVATAR-01 GET /avatars/system', () => {
  it('lists live system avatars only, by name, without a token', async () => {
    const system = await createAvatar(t.app);
    const deleted = await createAvatar(t.app);
    await softDelete(t.app, deleted.id);
    const custom = await createAvatar(t.app, { system: false, ownerUserId: parent.id });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/avatars/system' });
    expect(res.statusCode).toBe(200);
    const items = res.json().data as Array<{ id: string; name: string }>;
    const ids = items.map((item) => item.id);
    expect(ids).toContain(system.id);
    expect(ids).not.toContain(deleted.id);
    expect(ids).not.toContain(custom.id);
    expect(items.find((item) => item.id === system.id)).toEqual({
      id: system.id,
      name: system.name,
      displayName: system.name,
      url: system.url,
      isSystemAvatar: true,
      publicId: null,
      createdAt: expect.any(String),
    });
    const names = items.map((item) => item.name);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
  });
});

describe('AVATAR-02 POST /avatars/assign/user', () => {
  it('assigns a system avatar to the caller and drops the kids cache', async () => {
    const avatar = await createAvatar(t.app);
    await t.app.core.cache.set(cacheKeys.userKids(parent.id), [], 300);
    const res = await post('/api/v1/avatars/assign/user', parent, { avatarId: avatar.id, userId: parent.id });
    expect(res.statusCode).toBe(201);
    const { user } = res.json().data;
    expect(user).toMatchObject({
      id: parent.id,
      avatarUrl: avatar.url,
      avatar: { id: avatar.id, isSystemAvatar: true },
    });
    expect(user.passwordHash).toBeUndefined();
    expect(await t.app.core.cache.get(cacheKeys.userKids(parent.id))).toBeUndefined();
  });

  it("assigns the caller's own custom avatar", async () => {
    const mine = await createAvatar(t.app, { system: false, ownerUserId: parent.id });
    const res = await post('/api/v1/avatars/assign/user', parent, { avatarId: mine.id, userId: parent.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.user.avatar.id).toBe(mine.id);
  });

  it("answers 404 for another user's custom avatar, a deleted avatar, an unknown one, or another user id", async () => {
    const theirs = await createAvatar(t.app, { system: false, ownerUserId: other.id });
    const gone = await createAvatar(t.app);
    await softDelete(t.app, gone.id);
    const system = await createAvatar(t.app);
    for (const body of [
      { avatarId: theirs.id, userId: parent.id },
      { avatarId: gone.id, userId: parent.id },
      { avatarId: 'no-such-avatar', userId: parent.id },
      { avatarId: system.id, userId: other.id },
    ]) {
      const res = await post('/api/v1/avatars/assign/user', parent, body);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
    }
  });

  it('answers 400 for a bad body and 401 without a token', async () => {
    const bad = await post('/api/v1/avatars/assign/user', parent, {
      avatarId: 'x',
      userId: 'not-a-uuid',
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_ERROR');
    const anonymous = await post('/api/v1/avatars/assign/user', null, { avatarId: 'x', userId: parent.id });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('AVATAR-03 POST /avatars/assign/kid', () => {
  it("assigns an avatar to the caller's kid and drops the kid caches", async () => {
    const kidId = await createKid(t.app, parent.id);
    const avatar = await createAvatar(t.app);
    await t.app.core.cache.set(cacheKeys.kidProfile(kidId), { stale: true }, 300);
    const res = await post('/api/v1/avatars/assign/kid', parent, { avatarId: avatar.id, kidId });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.kid).toMatchObject({ id: kidId, avatarId: avatar.id, avatar: { id: avatar.id } });
    expect(await t.app.core.cache.get(cacheKeys.kidProfile(kidId))).toBeUndefined();
  });

  it("answers 404 for another parent's kid and for another user's custom avatar", async () => {
    const theirKid = await createKid(t.app, other.id);
    const avatar = await createAvatar(t.app);
    expect(
      (await post('/api/v1/avatars/assign/kid', parent, { avatarId: avatar.id, kidId: theirKid })).statusCode,
    ).toBe(404);
    const myKid = await createKid(t.app, parent.id);
    const theirs = await createAvatar(t.app, { system: false, ownerUserId: other.id });
    expect(
      (await post('/api/v1/avatars/assign/kid', parent, { avatarId: theirs.id, kidId: myKid })).statusCode,
    ).toBe(404);
  });

  it('answers 400 for a malformed kid id and 401 without a token', async () => {
    expect(
      (await post('/api/v1/avatars/assign/kid', parent, { avatarId: 'a', kidId: 'nope' })).statusCode,
    ).toBe(400);
    expect(
      (await post('/api/v1/avatars/assign/kid', null, { avatarId: 'a', kidId: parent.id })).statusCode,
    ).toBe(401);
  });
});

describe('AVATAR-04 POST /avatars/upload/user', () => {
  const upload = (
    user: TestUser | null,
    fields: Record<string, string>,
    image?: { bytes: Buffer; type: string },
  ) => injectMultipart(t.app, 'POST', '/api/v1/avatars/upload/user', user, fields, image);

  it('upserts the caller’s custom avatar, assigns it, and deletes the replaced image in the background', async () => {
    const user = await createUser(t.app);
    const first = await upload(user, { userId: user.id }, { bytes: PNG, type: 'image/png' });
    expect(first.statusCode).toBe(201);
    const dto = first.json().data;
    expect(dto).toMatchObject({
      id: user.id,
      avatar: { name: `user-avatar-${user.id}`, isSystemAvatar: false },
    });
    expect(dto.avatarUrl).toMatch(new RegExp(`^${MEDIA_BASE}/media/storytime/avatars/[0-9a-f-]+\\.png$`));
    const served = await t.app.inject({ method: 'GET', url: dto.avatarUrl.slice(MEDIA_BASE.length) });
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const row = await avatarRow(t.app, dto.avatar.id);
    expect(row).toMatchObject({
      ownerUserId: user.id,
      publicId: dto.avatar.publicId,
      mediaId: expect.any(String),
    });
    expect(await jobsOf(t.app, user.id, 'media_delete')).toHaveLength(0);

    const second = await upload(user, { userId: user.id }, { bytes: PNG, type: 'image/png' });
    expect(second.statusCode).toBe(201);
    const again = second.json().data;
    expect(again.avatar.id).toBe(dto.avatar.id);
    expect(again.avatarUrl).not.toBe(dto.avatarUrl);
    const deletes = await jobsOf(t.app, user.id, 'media_delete');
    expect(deletes).toHaveLength(1);
    expect(mediaDeleteParamsSchema.parse(deletes[0]!.params)).toEqual({
      mediaId: row!.mediaId,
      publicId: dto.avatar.publicId,
      resourceType: 'image',
      store: 'local',
    });
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 404 for another user id, leaving no staged file', async () => {
    const res = await upload(parent, { userId: other.id }, { bytes: PNG, type: 'image/png' });
    expect(res.statusCode).toBe(404);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 400 without an image or a user id, 415 for a non-image, 413 over 5 MB, 401 without a token', async () => {
    expect((await upload(parent, { userId: parent.id })).statusCode).toBe(400);
    expect((await upload(parent, {}, { bytes: PNG, type: 'image/png' })).statusCode).toBe(400);
    expect((await upload(parent, { userId: parent.id }, { bytes: TEXT, type: 'image/png' })).statusCode).toBe(
      415,
    );
    const big = await upload(
      parent,
      { userId: parent.id },
      { bytes: sized(PNG, 5 * 1024 * 1024 + 1), type: 'image/png' },
    );
    expect(big.statusCode).toBe(413);
    expect((await upload(null, { userId: parent.id }, { bytes: PNG, type: 'image/png' })).statusCode).toBe(
      401,
    );
    expect(await readdir(dirs.tmp)).toEqual([]);
  });
});

describe('AVATAR-05 POST /avatars/upload/kid', () => {
  const upload = (user: TestUser, fields: Record<string, string>) =>
    injectMultipart(t.app, 'POST', '/api/v1/avatars/upload/kid', user, fields, {
      bytes: PNG,
      type: 'image/png',
    });

  it("stores the kid's custom avatar owned by the caller and retires the custom avatar it replaces", async () => {
    const user = await createUser(t.app);
    const kidId = await createKid(t.app, user.id);
    const old = await createAvatar(t.app, {
      system: false,
      ownerUserId: user.id,
      publicId: `storytime/avatars/old-${kidId}`,
    });
    await post('/api/v1/avatars/assign/kid', user, { avatarId: old.id, kidId });
    await t.app.core.cache.set(cacheKeys.userKids(user.id), [], 300);

    const res = await upload(user, { kidId });
    expect(res.statusCode).toBe(201);
    const { kid } = res.json().data;
    expect(kid).toMatchObject({ id: kidId, avatar: { name: `kid-avatar-${kidId}`, isSystemAvatar: false } });
    expect((await avatarRow(t.app, kid.avatar.id))?.ownerUserId).toBe(user.id);
    expect(await t.app.core.cache.get(cacheKeys.userKids(user.id))).toBeUndefined();

    // Nobody shows the old custom avatar any more: its image goes, and so does the avatar.
    const deletes = await jobsOf(t.app, user.id, 'media_delete');
    expect(deletes.map((job) => job.params.publicId)).toEqual([old.publicId]);
    expect((await avatarRow(t.app, old.id))?.isDeleted).toBe(true);
  });

  it('keeps an image another kid still shows', async () => {
    const user = await createUser(t.app);
    const [kidA, kidB] = [await createKid(t.app, user.id), await createKid(t.app, user.id)];
    const shared = await createAvatar(t.app, {
      system: false,
      ownerUserId: user.id,
      publicId: `storytime/avatars/shared-${kidA}`,
    });
    await post('/api/v1/avatars/assign/kid', user, { avatarId: shared.id, kidId: kidA });
    await post('/api/v1/avatars/assign/kid', user, { avatarId: shared.id, kidId: kidB });
    expect((await upload(user, { kidId: kidA })).statusCode).toBe(201);
    expect(await jobsOf(t.app, user.id, 'media_delete')).toHaveLength(0);
    expect((await avatarRow(t.app, shared.id))?.isDeleted).toBe(false);
  });

  it("answers 404 for another parent's kid and 400 for a malformed kid id", async () => {
    const theirKid = await createKid(t.app, other.id);
    expect((await upload(parent, { kidId: theirKid })).statusCode).toBe(404);
    expect((await upload(parent, { kidId: 'x' })).statusCode).toBe(400);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });
});

describe('AVATAR-06 GET /avatars and AVATAR-08 GET /avatars/system/all (admin)', () => {
  it('lists every live avatar newest first for an admin', async () => {
    const older = await createAvatar(t.app);
    const newer = await createAvatar(t.app, { system: false, ownerUserId: parent.id });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/avatars', headers: admin.auth });
    expect(res.statusCode).toBe(200);
    const ids = (res.json().data as Array<{ id: string }>).map((item) => item.id);
    expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
  });

  it('lists system avatars including deleted ones', async () => {
    const gone = await createAvatar(t.app);
    await softDelete(t.app, gone.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/avatars/system/all', headers: admin.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.find((item: { id: string }) => item.id === gone.id)).toMatchObject({
      isDeleted: true,
    });
  });

  it('answers 403 to parents and 401 without a token', async () => {
    for (const url of ['/api/v1/avatars', '/api/v1/avatars/system/all']) {
      const res = await t.app.inject({ method: 'GET', url, headers: parent.auth });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });
});
