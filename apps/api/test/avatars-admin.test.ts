import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avatarRow, createAvatar, injectMultipart, jobsOf } from './avatars-fixtures';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { PNG } from './media-fixtures';

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
    env: { MEDIA_LOCAL_DIR: dirs.media, MEDIA_TMP_DIR: dirs.tmp, PUBLIC_MEDIA_BASE_URL: 'http://media.test' },
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

const uniqueName = () => `Avatar ${randomUUID().slice(0, 12)}`;
const image = { bytes: PNG, type: 'image/png' };

describe('AVATAR-07 POST /avatars', () => {
  it('creates a system avatar from a URL for an admin (JSON or multipart)', async () => {
    const name = uniqueName();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/avatars',
      payload: { name, url: 'https://images.example.com/a.png' },
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({
      name,
      displayName: name,
      url: 'https://images.example.com/a.png',
      isSystemAvatar: true,
      publicId: null,
    });
    expect((await avatarRow(t.app, res.json().data.id))?.ownerUserId).toBeNull();

    const fromFile = await injectMultipart(
      t.app,
      'POST',
      '/api/v1/avatars',
      admin,
      { name: uniqueName() },
      image,
    );
    expect(fromFile.statusCode).toBe(201);
    expect(fromFile.json().data).toMatchObject({
      isSystemAvatar: true,
      publicId: expect.stringMatching(/^storytime\/avatars\//),
    });
  });

  it('creates a custom avatar owned by a parent, which only that parent can assign', async () => {
    const res = await injectMultipart(
      t.app,
      'POST',
      '/api/v1/avatars',
      parent,
      { name: uniqueName() },
      image,
    );
    expect(res.statusCode).toBe(201);
    const avatar = res.json().data;
    expect(avatar.isSystemAvatar).toBe(false);
    expect((await avatarRow(t.app, avatar.id))?.ownerUserId).toBe(parent.id);

    const mine = await t.app.inject({
      method: 'POST',
      url: '/api/v1/avatars/assign/user',
      payload: { avatarId: avatar.id, userId: parent.id },
      headers: parent.auth,
    });
    expect(mine.statusCode).toBe(201);
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/avatars/assign/user',
      payload: { avatarId: avatar.id, userId: other.id },
      headers: other.auth,
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('answers 400 without a file (parent) or without file and URL (admin), and for reserved or unknown fields', async () => {
    const parentUrl = await t.app.inject({
      method: 'POST',
      url: '/api/v1/avatars',
      payload: { url: 'https://images.example.com/a.png' },
      headers: parent.auth,
    });
    expect(parentUrl.statusCode).toBe(400);
    expect(parentUrl.json().code).toBe('VALIDATION_ERROR');
    const adminNothing = await injectMultipart(t.app, 'POST', '/api/v1/avatars', admin, {
      name: uniqueName(),
    });
    expect(adminNothing.statusCode).toBe(400);
    const reserved = await injectMultipart(
      t.app,
      'POST',
      '/api/v1/avatars',
      parent,
      { name: `user-avatar-${other.id}` },
      image,
    );
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().details.fields[0].path).toBe('body.name');
    const badUrl = await injectMultipart(t.app, 'POST', '/api/v1/avatars', admin, { url: 'ftp://x' });
    expect(badUrl.statusCode).toBe(400);
    const unknown = await injectMultipart(t.app, 'POST', '/api/v1/avatars', admin, {
      isSystemAvatar: 'false',
      url: 'https://a.b/c.png',
    });
    expect(unknown.statusCode).toBe(400);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 409 for a name that is taken and 401 without a token', async () => {
    const name = uniqueName();
    await createAvatar(t.app, { name });
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/avatars',
      payload: { name, url: 'https://images.example.com/b.png' },
      headers: admin.auth,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('RESOURCE_ALREADY_EXISTS');
    expect((await injectMultipart(t.app, 'POST', '/api/v1/avatars', null, {}, image)).statusCode).toBe(401);
  });
});

describe('AVATAR-09 PUT /avatars/:id', () => {
  it('renames an avatar and replaces its image, deleting the old stored image in the background', async () => {
    const avatar = await createAvatar(t.app, { publicId: `storytime/avatars/legacy-${randomUUID()}` });
    const name = uniqueName();
    const renamed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/avatars/${avatar.id}`,
      payload: { name },
      headers: admin.auth,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().data).toMatchObject({ id: avatar.id, name, url: avatar.url });

    const replaced = await injectMultipart(t.app, 'PUT', `/api/v1/avatars/${avatar.id}`, admin, {}, image);
    expect(replaced.statusCode).toBe(200);
    const data = replaced.json().data;
    expect(data.url).not.toBe(avatar.url);
    expect(data.publicId).not.toBe(avatar.publicId);
    const deletes = await jobsOf(t.app, admin.id, 'media_delete');
    expect(deletes.map((job) => job.params.publicId)).toContain(avatar.publicId);
  });

  it('answers 404 for an unknown avatar, 400 for a bad URL, 403 to a parent', async () => {
    const missing = await injectMultipart(t.app, 'PUT', '/api/v1/avatars/no-such-avatar', admin, {}, image);
    expect(missing.statusCode).toBe(404);
    expect(await readdir(dirs.tmp)).toEqual([]);
    const avatar = await createAvatar(t.app);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/avatars/${avatar.id}`,
      payload: { url: 'not a url' },
      headers: admin.auth,
    });
    expect(bad.statusCode).toBe(400);
    const forbidden = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/avatars/${avatar.id}`,
      payload: { name: 'x' },
      headers: parent.auth,
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('AVATAR-10 DELETE /avatars/:id', () => {
  it('soft-deletes an unused avatar', async () => {
    const avatar = await createAvatar(t.app);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/avatars/${avatar.id}`,
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ id: avatar.id });
    expect((await avatarRow(t.app, avatar.id))?.isDeleted).toBe(true);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/avatars/${avatar.id}`,
      headers: admin.auth,
    });
    expect(again.statusCode).toBe(404);
  });

  it('answers 409 INVALID_STATE for a system avatar a kid still uses', async () => {
    const avatar = await createAvatar(t.app);
    const kidId = await createKid(t.app, parent.id);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/avatars/assign/kid',
      payload: { avatarId: avatar.id, kidId },
      headers: parent.auth,
    });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/avatars/${avatar.id}`,
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_STATE');
  });

  it('answers 403 to a parent and 401 without a token', async () => {
    const avatar = await createAvatar(t.app);
    const url = `/api/v1/avatars/${avatar.id}`;
    expect((await t.app.inject({ method: 'DELETE', url, headers: parent.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
  });
});
