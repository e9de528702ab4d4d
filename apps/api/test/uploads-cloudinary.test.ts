import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mediaTransferParamsSchema } from '@storytime/media';
import { type FakeCloudinary, startFakeCloudinary } from '@storytime/media/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { MP3, multipart, PNG, sized } from './media-fixtures';

const MEDIA_BASE = 'http://media.test';
const REMOTE_TIMEOUT_MS = 1_500;

describe('UPLOAD-01 POST /upload with Cloudinary configured', () => {
  let t: TestApp;
  let fake: FakeCloudinary;
  let user: TestUser;
  let dirs: { media: string; tmp: string };

  beforeAll(async () => {
    fake = await startFakeCloudinary();
    dirs = {
      media: await mkdtemp(join(tmpdir(), 'st-media-')),
      tmp: await mkdtemp(join(tmpdir(), 'st-upload-tmp-')),
    };
    t = await createTestApp({
      env: {
        ...fake.env(),
        MEDIA_LOCAL_DIR: dirs.media,
        MEDIA_TMP_DIR: dirs.tmp,
        PUBLIC_MEDIA_BASE_URL: MEDIA_BASE,
        UPLOAD_REMOTE_TIMEOUT_MS: String(REMOTE_TIMEOUT_MS),
        UPLOAD_INLINE_MAX_BYTES: String(1024 * 1024),
      },
    });
    user = await createUser(t.app);
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await t.close();
    await fake.close();
    await rm(dirs.media, { recursive: true, force: true });
    await rm(dirs.tmp, { recursive: true, force: true });
  });

  const upload = async (file: { bytes: Buffer; type: string }) => {
    const body = await multipart({}, { field: 'file', ...file });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/upload',
      payload: body.payload,
      headers: { ...body.headers, ...user.auth },
    });
  };
  const assetOf = (id: string) =>
    t.app.core.db.query.mediaAssets.findFirst({ where: (m, { eq }) => eq(m.id, id) });
  const transferJobsOf = async (mediaId: string) =>
    (
      await t.app.core.db.query.jobRequests.findMany({
        where: (j, { and, eq }) => and(eq(j.userId, user.id), eq(j.kind, 'media_transfer')),
      })
    ).filter((job) => job.params.mediaId === mediaId);

  it('uploads a small image inline with a signed request and answers the remote URL', async () => {
    const res = await upload({ bytes: PNG, type: 'image/png' });
    expect(res.statusCode).toBe(201);
    const data = res.json().data;
    expect(data.status).toBe('stored');
    expect(data.publicId).toBe(`storytime/uploads/${user.id}/${data.mediaId}`);
    expect(data.url).toBe(`${fake.baseUrl}/assets/${data.publicId}.png`);

    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0]!;
    expect(call).toMatchObject({ operation: 'upload', resourceType: 'auto', signatureValid: true });
    expect(call.fields).toMatchObject({
      folder: `storytime/uploads/${user.id}`,
      public_id: data.mediaId,
      overwrite: 'true',
      transformation: 'q_auto',
      api_key: '1234567890',
    });
    expect(Number(call.fields.timestamp)).toBeGreaterThan(1_700_000_000);
    expect(call.file?.bytes.equals(PNG)).toBe(true);

    const served = await fetch(data.url);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(await assetOf(data.mediaId)).toMatchObject({
      store: 'cloudinary',
      status: 'stored',
      remoteUrl: data.url,
      publicId: data.publicId,
      localPath: null,
    });
    expect(await transferJobsOf(data.mediaId)).toHaveLength(0);
    expect(await readdir(dirs.tmp)).toEqual([]);
  });

  it('retries a 500 and then stores the image', async () => {
    fake.failNext(500);
    const res = await upload({ bytes: PNG, type: 'image/png' });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.status).toBe('stored');
    expect(fake.calls).toHaveLength(2);
    // The retry carries the same public id: Cloudinary overwrites instead of duplicating.
    expect(fake.calls[0]!.fields.public_id).toBe(fake.calls[1]!.fields.public_id);
    expect(fake.objects.size).toBe(1);
  });

  it('keeps the file locally as pending when Cloudinary hangs past the deadline, and records a transfer job', async () => {
    fake.hangNext();
    const started = Date.now();
    const res = await upload({ bytes: PNG, type: 'image/png' });
    expect(Date.now() - started).toBeLessThan(REMOTE_TIMEOUT_MS + 2_000);
    expect(res.statusCode).toBe(201);
    const data = res.json().data;
    expect(data.status).toBe('pending');
    expect(data.url).toBe(`${MEDIA_BASE}/media/storytime/uploads/${user.id}/${data.mediaId}.png`);
    const served = await t.app.inject({ method: 'GET', url: data.url.slice(MEDIA_BASE.length) });
    expect(served.rawPayload.equals(PNG)).toBe(true);

    expect(await assetOf(data.mediaId)).toMatchObject({ store: 'local', status: 'pending', remoteUrl: null });
    const jobs = await transferJobsOf(data.mediaId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ queue: 'media', jobName: 'media-transfer', priority: 10 });
    expect(['pending', 'queued']).toContain(jobs[0]!.status);
    const params = mediaTransferParamsSchema.parse(jobs[0]!.params);
    expect(params).toMatchObject({
      mediaId: data.mediaId,
      folder: `storytime/uploads/${user.id}`,
      localUrl: data.url,
      references: [],
    });
  });

  it('sends audio and files above the inline limit to the local store and a transfer job, without calling Cloudinary', async () => {
    const audio = await upload({ bytes: MP3, type: 'audio/mpeg' });
    expect(audio.statusCode).toBe(201);
    expect(audio.json().data.status).toBe('pending');
    const big = await upload({ bytes: sized(PNG, 2 * 1024 * 1024), type: 'image/png' });
    expect(big.json().data.status).toBe('pending');
    expect(fake.calls).toHaveLength(0);
    expect(await transferJobsOf(audio.json().data.mediaId)).toHaveLength(1);
    expect(await transferJobsOf(big.json().data.mediaId)).toHaveLength(1);
  });
});
