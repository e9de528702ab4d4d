import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mediaTransferParamsSchema } from '@storytime/media';
import { type FakeCloudinary, startFakeCloudinary } from '@storytime/media/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { injectMultipart, jobsOf } from './avatars-fixtures';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { PNG } from './media-fixtures';

const MEDIA_BASE = 'http://media.test';

describe('avatar uploads with Cloudinary configured', () => {
  let t: TestApp;
  let fake: FakeCloudinary;
  let dirs: { media: string; tmp: string };

  beforeAll(async () => {
    fake = await startFakeCloudinary();
    dirs = {
      media: await mkdtemp(join(tmpdir(), 'st-avatar-media-')),
      tmp: await mkdtemp(join(tmpdir(), 'st-avatar-tmp-')),
    };
    t = await createTestApp({
      env: {
        ...fake.env(),
        MEDIA_LOCAL_DIR: dirs.media,
        MEDIA_TMP_DIR: dirs.tmp,
        PUBLIC_MEDIA_BASE_URL: MEDIA_BASE,
        UPLOAD_REMOTE_TIMEOUT_MS: '400',
      },
    });
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await t.close();
    await fake.close();
    await rm(dirs.media, { recursive: true, force: true });
    await rm(dirs.tmp, { recursive: true, force: true });
  });

  const upload = (user: Awaited<ReturnType<typeof createUser>>) =>
    injectMultipart(
      t.app,
      'POST',
      '/api/v1/avatars/upload/user',
      user,
      { userId: user.id },
      { bytes: PNG, type: 'image/png' },
    );

  it('stores the image in storytime/avatars as a 500×500 WebP and deletes the replaced remote image by job', async () => {
    const user = await createUser(t.app);
    const first = await upload(user);
    expect(first.statusCode).toBe(201);
    const avatar = first.json().data.avatar;
    expect(fake.calls[0]).toMatchObject({ operation: 'upload', resourceType: 'image', signatureValid: true });
    expect(fake.calls[0]!.fields).toMatchObject({
      folder: 'storytime/avatars',
      transformation: 'c_limit,h_500,w_500/q_auto/f_webp',
    });
    expect(avatar.url).toBe(`${fake.baseUrl}/assets/${avatar.publicId}.png`);
    expect(avatar.publicId).toMatch(/^storytime\/avatars\//);

    const second = await upload(user);
    expect(second.json().data.avatar.publicId).not.toBe(avatar.publicId);
    const deletes = await jobsOf(t.app, user.id, 'media_delete');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.params).toMatchObject({
      publicId: avatar.publicId,
      store: 'cloudinary',
      resourceType: 'image',
    });
    // The request never deletes remotely itself.
    expect(fake.calls.filter((call) => call.operation === 'destroy')).toHaveLength(0);
  });

  it('falls back to the local store when Cloudinary hangs, with a transfer job that updates the avatar row', async () => {
    const user = await createUser(t.app);
    fake.hangNext();
    const res = await upload(user);
    expect(res.statusCode).toBe(201);
    const avatar = res.json().data.avatar;
    expect(avatar.url.startsWith(`${MEDIA_BASE}/media/storytime/avatars/`)).toBe(true);
    const jobs = await jobsOf(t.app, user.id, 'media_transfer');
    expect(jobs).toHaveLength(1);
    expect(mediaTransferParamsSchema.parse(jobs[0]!.params)).toMatchObject({
      folder: 'storytime/avatars',
      resourceType: 'image',
      transformation: 'c_limit,h_500,w_500/q_auto/f_webp',
      localUrl: avatar.url,
      references: [{ table: 'avatars', column: 'url', id: avatar.id, publicIdColumn: 'public_id' }],
    });
  });
});
