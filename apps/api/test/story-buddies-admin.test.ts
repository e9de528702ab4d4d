import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectMultipart, jobsOf } from './avatars-fixtures';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { JPEG, PNG, sized, TEXT } from './media-fixtures';
import { createBuddy, interactionsOf, uniqueBuddyName } from './story-buddies-fixtures';

const URL = '/api/v1/story-buddies';

let t: TestApp;
let parent: TestUser;
let admin: TestUser;
let dirs: { media: string; tmp: string };

beforeAll(async () => {
  dirs = {
    media: await mkdtemp(join(tmpdir(), 'st-buddy-media-')),
    tmp: await mkdtemp(join(tmpdir(), 'st-buddy-tmp-')),
  };
  t = await createTestApp({
    env: {
      MEDIA_LOCAL_DIR: dirs.media,
      MEDIA_TMP_DIR: dirs.tmp,
      PUBLIC_MEDIA_BASE_URL: 'http://media.test',
      RATE_LIMIT_MULTIPLIER: '100',
    },
  });
  [parent, admin] = await Promise.all([createUser(t.app), createUser(t.app, { role: 'admin' })]);
});
afterAll(async () => {
  await t.close();
  await rm(dirs.media, { recursive: true, force: true });
  await rm(dirs.tmp, { recursive: true, force: true });
});

const png = { bytes: PNG, type: 'image/png' };
const fields = (overrides: Record<string, string> = {}) => ({
  name: uniqueBuddyName('admin'),
  displayName: 'Luna the Fox',
  type: 'fox',
  ...overrides,
});
const json = (
  method: 'POST' | 'PUT' | 'GET' | 'DELETE',
  url: string,
  user: TestUser | null,
  payload?: object,
) => t.app.inject({ method, url, headers: user ? user.auth : {}, ...(payload ? { payload } : {}) });
const activeIds = async () =>
  ((await json('GET', `${URL}/active`, null)).json().data as Array<{ id: string }>).map((buddy) => buddy.id);

describe('BUDDY-08 GET /story-buddies', () => {
  it('lists inactive buddies too, never deleted ones', async () => {
    const [active, inactive, deleted] = await Promise.all([
      createBuddy(t),
      createBuddy(t, { isActive: false }),
      createBuddy(t, { deleted: true }),
    ]);
    const res = await json('GET', URL, admin);
    expect(res.statusCode).toBe(200);
    const ids = (res.json().data as Array<{ id: string }>).map((buddy) => buddy.id);
    expect(ids).toEqual(expect.arrayContaining([active.id, inactive.id]));
    expect(ids).not.toContain(deleted.id);
  });

  it('answers 403 to a parent and 401 without a token', async () => {
    const res = await json('GET', URL, parent);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await json('GET', URL, null)).statusCode).toBe(401);
  });
});

describe('BUDDY-09 POST /story-buddies', () => {
  it('creates a buddy from a URL (JSON) with the defaults', async () => {
    const body = { ...fields(), imageUrl: 'https://images.example.com/luna.png' };
    const res = await json('POST', URL, admin, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data).toMatchObject({
      name: body.name,
      displayName: 'Luna the Fox',
      type: 'fox',
      description: null,
      imageUrl: body.imageUrl,
      profileAvatarUrl: null,
      isActive: true,
      themeColor: null,
      ageGroupMin: 3,
      ageGroupMax: 12,
    });
  });

  it('creates a buddy from a multipart form with an image stored under storytime/story-buddies', async () => {
    const form = fields({
      description: 'Loves maps',
      isActive: 'false',
      themeColor: '#FFAA00',
      ageGroupMin: '4',
      ageGroupMax: '9',
      profileAvatarUrl: 'https://images.example.com/luna-face.png',
    });
    const res = await injectMultipart(t.app, 'POST', URL, admin, form, png);
    expect(res.statusCode, res.body).toBe(201);
    const buddy = res.json().data;
    expect(buddy).toMatchObject({
      name: form.name,
      description: 'Loves maps',
      isActive: false,
      themeColor: '#FFAA00',
      ageGroupMin: 4,
      ageGroupMax: 9,
      profileAvatarUrl: 'https://images.example.com/luna-face.png',
      imageUrl: expect.stringMatching(
        /^http:\/\/media\.test\/media\/storytime\/story-buddies\/[0-9a-f-]+\.png$/,
      ),
    });
    const { rows } = await t.deps.pool.query(
      `select b.image_public_id, a.folder, a.status, a.store
         from story_buddies b join media_assets a on b.image_public_id = a.public_id where b.id = $1`,
      [buddy.id],
    );
    expect(rows[0]).toMatchObject({ folder: 'storytime/story-buddies', status: 'stored', store: 'local' });
    expect(await readdir(join(dirs.media, 'storytime/story-buddies'))).toContain(
      `${rows[0].image_public_id.split('/').pop()}.png`,
    );
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 409 for a taken name (deleted buddies keep theirs), uploading nothing', async () => {
    const existing = await createBuddy(t, { deleted: true });
    const again = await json('POST', URL, admin, {
      ...fields({ name: existing.name }),
      imageUrl: 'https://images.example.com/x.png',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RESOURCE_ALREADY_EXISTS');
    const withFile = await injectMultipart(t.app, 'POST', URL, admin, fields({ name: existing.name }), png);
    expect(withFile.statusCode).toBe(409);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it.each([
    ['neither a file nor an imageUrl', fields()],
    ['a name over 50 characters', { ...fields({ name: 'n'.repeat(51) }), imageUrl: 'https://a.b/c.png' }],
    ['a missing displayName', { name: uniqueBuddyName(), type: 'fox', imageUrl: 'https://a.b/c.png' }],
    ['an ageGroupMin over 18', { ...fields({ ageGroupMin: '19' }), imageUrl: 'https://a.b/c.png' }],
    [
      'ageGroupMin above ageGroupMax',
      { ...fields({ ageGroupMin: '10', ageGroupMax: '5' }), imageUrl: 'https://a.b/c.png' },
    ],
    ['isActive that is not a boolean', { ...fields({ isActive: 'yes' }), imageUrl: 'https://a.b/c.png' }],
    ['a bad imageUrl', { ...fields(), imageUrl: 'ftp://a.b/c.png' }],
    ['an unknown field', { ...fields({ mood: 'happy' }), imageUrl: 'https://a.b/c.png' }],
  ])('answers 400 VALIDATION_ERROR for %s (multipart)', async (_case, form) => {
    const res = await injectMultipart(t.app, 'POST', URL, admin, form);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_ERROR');
  });

  it('answers 415 for a file that is not an image and 413 over 5 MB', async () => {
    const text = await injectMultipart(t.app, 'POST', URL, admin, fields(), {
      bytes: TEXT,
      type: 'image/png',
    });
    expect(text.statusCode).toBe(415);
    const big = await injectMultipart(t.app, 'POST', URL, admin, fields(), {
      bytes: sized(PNG, 5 * 1024 * 1024 + 1),
      type: 'image/png',
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 403 to a parent and 401 without a token', async () => {
    const body = { ...fields(), imageUrl: 'https://a.b/c.png' };
    expect((await json('POST', URL, parent, body)).statusCode).toBe(403);
    expect((await injectMultipart(t.app, 'POST', URL, null, fields(), png)).statusCode).toBe(401);
  });
});

describe('BUDDY-10 PUT /story-buddies/:id', () => {
  it('updates fields and invalidates the active list', async () => {
    const buddy = await createBuddy(t);
    expect(await activeIds()).toContain(buddy.id);
    const res = await json('PUT', `${URL}/${buddy.id}`, admin, {
      displayName: 'Renamed',
      isActive: false,
      ageGroupMax: 8,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      id: buddy.id,
      name: buddy.name,
      displayName: 'Renamed',
      isActive: false,
      ageGroupMax: 8,
    });
    expect(await activeIds()).not.toContain(buddy.id);
  });

  it('replaces a stored image, deleting the old one in a background job', async () => {
    const created = await injectMultipart(t.app, 'POST', URL, admin, fields(), png);
    const buddy = created.json().data;
    const { rows } = await t.deps.pool.query('select image_public_id from story_buddies where id = $1', [
      buddy.id,
    ]);
    const oldPublicId = rows[0].image_public_id as string;

    const replaced = await injectMultipart(
      t.app,
      'PUT',
      `${URL}/${buddy.id}`,
      admin,
      {},
      { bytes: JPEG, type: 'image/jpeg' },
    );
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().data.imageUrl).not.toBe(buddy.imageUrl);
    expect(replaced.json().data.imageUrl).toMatch(/\.jpg$/);
    const deletes = await jobsOf(t.app, admin.id, 'media_delete');
    const job = deletes.find((row) => (row.params as { publicId: string }).publicId === oldPublicId);
    expect(job?.params).toMatchObject({
      publicId: oldPublicId,
      mediaId: oldPublicId.split('/').pop(),
      store: 'local',
      resourceType: 'image',
    });

    // A URL replacing a stored image also deletes it.
    const { rows: now } = await t.deps.pool.query('select image_public_id from story_buddies where id = $1', [
      buddy.id,
    ]);
    const byUrl = await json('PUT', `${URL}/${buddy.id}`, admin, {
      imageUrl: 'https://images.example.com/new.png',
    });
    expect(byUrl.json().data.imageUrl).toBe('https://images.example.com/new.png');
    const after = await jobsOf(t.app, admin.id, 'media_delete');
    expect(after.map((row) => (row.params as { publicId: string }).publicId)).toContain(
      now[0].image_public_id,
    );
  });

  it('answers 400 for a name change or bad values, 404 for a deleted or missing buddy', async () => {
    const buddy = await createBuddy(t);
    for (const payload of [{ name: 'new-name' }, { ageGroupMin: 13 }, { themeColor: 'c'.repeat(21) }]) {
      const res = await json('PUT', `${URL}/${buddy.id}`, admin, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    }
    const deleted = await createBuddy(t, { deleted: true });
    expect((await json('PUT', `${URL}/${deleted.id}`, admin, { displayName: 'X' })).statusCode).toBe(404);
    const missing = await injectMultipart(t.app, 'PUT', `${URL}/${randomUUID()}`, admin, {}, png);
    expect(missing.statusCode).toBe(404);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('answers 403 to a parent and 401 without a token', async () => {
    const buddy = await createBuddy(t);
    expect((await json('PUT', `${URL}/${buddy.id}`, parent, { displayName: 'X' })).statusCode).toBe(403);
    expect((await json('PUT', `${URL}/${buddy.id}`, null, { displayName: 'X' })).statusCode).toBe(401);
  });
});

describe('BUDDY-11 DELETE /story-buddies/:id and BUDDY-12 undo-delete', () => {
  it('soft-deletes, restores and drops the active list each time', async () => {
    const buddy = await createBuddy(t);
    expect(await activeIds()).toContain(buddy.id);
    const res = await json('DELETE', `${URL}/${buddy.id}`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ id: buddy.id, permanent: false });
    expect(await activeIds()).not.toContain(buddy.id);
    expect((await json('GET', `${URL}/${buddy.id}`, null)).statusCode).toBe(404);
    expect((await json('DELETE', `${URL}/${buddy.id}`, admin)).statusCode).toBe(404);

    const restored = await json('POST', `${URL}/${buddy.id}/undo-delete`, admin);
    expect(restored.statusCode).toBe(201);
    expect(restored.json().data).toMatchObject({ id: buddy.id, name: buddy.name });
    expect(await activeIds()).toContain(buddy.id);
    const again = await json('POST', `${URL}/${buddy.id}/undo-delete`, admin);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_STATE');
  });

  it('refuses with 409 while a live kid uses the buddy; a deleted kid does not count', async () => {
    const buddy = await createBuddy(t);
    const kid = await createKid(t.app, parent.id);
    expect((await json('POST', `${URL}/kids/${kid}/select`, parent, { buddyId: buddy.id })).statusCode).toBe(
      201,
    );
    for (const url of [`${URL}/${buddy.id}`, `${URL}/${buddy.id}?permanent=true`]) {
      const res = await json('DELETE', url, admin);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_STATE');
    }
    await t.deps.pool.query('update kids set is_deleted = true, deleted_at = now() where id = $1', [kid]);
    expect((await json('DELETE', `${URL}/${buddy.id}`, admin)).statusCode).toBe(200);
  });

  it('deletes permanently with the interactions and a media-delete job for the stored image', async () => {
    const created = await injectMultipart(t.app, 'POST', URL, admin, fields(), png);
    const buddy = created.json().data;
    const { rows } = await t.deps.pool.query('select image_public_id from story_buddies where id = $1', [
      buddy.id,
    ]);
    const publicId = rows[0].image_public_id as string;
    const kid = await createKid(t.app, parent.id);
    await json('POST', `${URL}/kids/${kid}/select`, parent, { buddyId: buddy.id });
    await json('GET', `${URL}/kids/${kid}/welcome`, parent);
    expect(await interactionsOf(t, kid)).toHaveLength(2);
    // The kid moves on to another buddy, so this one may go.
    const next = await createBuddy(t);
    await json('PUT', `${URL}/kids/${kid}/buddy`, parent, { buddyId: next.id });
    // Soft-deleted first: a permanent delete also takes a deleted buddy.
    expect((await json('DELETE', `${URL}/${buddy.id}`, admin)).statusCode).toBe(200);

    const res = await json('DELETE', `${URL}/${buddy.id}?permanent=true`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ id: buddy.id, permanent: true });
    const { rows: left } = await t.deps.pool.query('select 1 from story_buddies where id = $1', [buddy.id]);
    expect(left).toHaveLength(0);
    expect((await interactionsOf(t, kid)).map((row) => row.buddyId)).toEqual([next.id]);
    const deletes = await jobsOf(t.app, admin.id, 'media_delete');
    expect(deletes.map((job) => (job.params as { publicId: string }).publicId)).toContain(publicId);
    expect((await json('POST', `${URL}/${buddy.id}/undo-delete`, admin)).statusCode).toBe(404);
  });

  it('answers 400 for a malformed id or permanent flag, 403 to a parent, 401 without a token', async () => {
    const buddy = await createBuddy(t);
    expect((await json('DELETE', `${URL}/nope`, admin)).statusCode).toBe(400);
    expect((await json('DELETE', `${URL}/${buddy.id}?permanent=yes`, admin)).statusCode).toBe(400);
    expect((await json('DELETE', `${URL}/${buddy.id}`, parent)).statusCode).toBe(403);
    expect((await json('POST', `${URL}/${buddy.id}/undo-delete`, parent)).statusCode).toBe(403);
    expect((await json('DELETE', `${URL}/${buddy.id}`, null)).statusCode).toBe(401);
    expect((await json('POST', `${URL}/${buddy.id}/undo-delete`, null)).statusCode).toBe(401);
  });
});

describe('BUDDY-13 GET /story-buddies/admin/stats', () => {
  it('counts live kids and their interactions per live buddy', async () => {
    const [busy, idle, gone] = await Promise.all([
      createBuddy(t),
      createBuddy(t, { isActive: false }),
      createBuddy(t),
    ]);
    const [kidA, kidB, kidGone] = await Promise.all([
      createKid(t.app, parent.id),
      createKid(t.app, parent.id),
      createKid(t.app, parent.id),
    ]);
    for (const kid of [kidA, kidB, kidGone])
      await json('POST', `${URL}/kids/${kid}/select`, parent, { buddyId: busy.id });
    await json('GET', `${URL}/kids/${kidA}/welcome`, parent);
    await t.deps.pool.query('update kids set is_deleted = true, deleted_at = now() where id = $1', [kidGone]);
    await t.deps.pool.query('update story_buddies set is_deleted = true, deleted_at = now() where id = $1', [
      gone.id,
    ]);

    const res = await json('GET', `${URL}/admin/stats`, admin);
    expect(res.statusCode).toBe(200);
    const stats = res.json().data as {
      totalBuddies: number;
      activeBuddies: number;
      totalInteractions: number;
      kidsWithBuddies: number;
      buddies: Array<{
        id: string;
        name: string;
        displayName: string;
        kidCount: number;
        interactionCount: number;
      }>;
    };
    expect(stats.buddies.find((row) => row.id === busy.id)).toEqual({
      id: busy.id,
      name: busy.name,
      displayName: busy.displayName,
      kidCount: 2,
      // Two selections and one greeting by live kids; the deleted kid's selection is not counted.
      interactionCount: 3,
    });
    expect(stats.buddies.find((row) => row.id === idle.id)).toMatchObject({
      kidCount: 0,
      interactionCount: 0,
    });
    expect(stats.buddies.map((row) => row.id)).not.toContain(gone.id);
    expect(stats.totalBuddies).toBe(stats.buddies.length);
    expect(stats.activeBuddies).toBeLessThan(stats.totalBuddies);
    expect(stats.kidsWithBuddies).toBe(stats.buddies.reduce((sum, row) => sum + row.kidCount, 0));
    expect(stats.totalInteractions).toBe(stats.buddies.reduce((sum, row) => sum + row.interactionCount, 0));
  });

  it('answers 403 to a parent and 401 without a token', async () => {
    expect((await json('GET', `${URL}/admin/stats`, parent)).statusCode).toBe(403);
    expect((await json('GET', `${URL}/admin/stats`, null)).statusCode).toBe(401);
  });
});
