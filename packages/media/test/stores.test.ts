import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '@storytime/errors';
import { breakerStates, resetCircuitBreakers } from '@storytime/providers/resilience';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudinarySignature, createCloudinaryStore, createLocalStore, createMediaStores } from '../src';
import { FAKE_CLOUDINARY, type FakeCloudinary, startFakeCloudinary } from '../src/testing';
import { MP3, PNG } from './fixtures';

let dir: string;
let pngPath: string;
let mp3Path: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'st-media-stores-'));
  pngPath = join(dir, 'staged.png');
  mp3Path = join(dir, 'staged.mp3');
  await writeFile(pngPath, PNG);
  await writeFile(mp3Path, MP3);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const png = () => ({ path: pngPath, mimeType: 'image/png', extension: 'png' });

describe('cloudinary signature', () => {
  it('signs the sorted fields without file, api_key, resource_type and cloud_name (providers.md §5.1)', () => {
    const params = {
      timestamp: '1735689600',
      public_id: '0190abcd',
      folder: 'storytime/avatars',
      overwrite: 'true',
      transformation: 'c_limit,h_500,w_500/q_auto/f_webp',
      api_key: 'key',
      resource_type: 'image',
      cloud_name: 'demo',
    };
    const expected = createHash('sha1')
      .update(
        'folder=storytime/avatars&overwrite=true&public_id=0190abcd&timestamp=1735689600&transformation=c_limit,h_500,w_500/q_auto/f_webp' +
          'secret',
      )
      .digest('hex');
    expect(cloudinarySignature(params, 'secret')).toBe(expected);
  });
});

describe('cloudinary store against the fake server', () => {
  let fake: FakeCloudinary;
  beforeAll(async () => {
    fake = await startFakeCloudinary();
  });
  beforeEach(() => {
    fake.reset();
    // One breaker per provider and process: each test starts with a closed one on its own clock.
    resetCircuitBreakers();
  });
  afterAll(async () => fake.close());

  const store = (overrides: Partial<Parameters<typeof createCloudinaryStore>[0]> = {}) =>
    createCloudinaryStore({
      ...FAKE_CLOUDINARY,
      baseUrl: fake.baseUrl,
      backoff: { baseMs: 10, capMs: 40 },
      ...overrides,
    });

  it('uploads with the folder, fixed public id and transformation, and destroys with a signed request', async () => {
    const cloudinary = store();
    const result = await cloudinary.put(png(), {
      folder: 'storytime/avatars',
      publicId: 'asset-1',
      kind: 'image',
      transformation: 'c_limit,h_500,w_500/q_auto/f_webp',
    });
    expect(result).toEqual({
      url: `${fake.baseUrl}/assets/storytime/avatars/asset-1.png`,
      publicId: 'storytime/avatars/asset-1',
    });
    expect(fake.calls[0]).toMatchObject({ resourceType: 'image', signatureValid: true });

    await cloudinary.delete('storytime/avatars/asset-1', 'image');
    const destroy = fake.calls[1]!;
    expect(destroy).toMatchObject({ operation: 'destroy', resourceType: 'image', signatureValid: true });
    expect(Object.keys(destroy.fields).sort()).toEqual(['api_key', 'public_id', 'signature', 'timestamp']);
    expect(fake.objects.size).toBe(0);
    // Deleting what is gone already succeeds ("not found").
    await cloudinary.delete('storytime/avatars/asset-1', 'image');
  });

  it('stores audio as the video resource type', async () => {
    await store().put(
      { path: mp3Path, mimeType: 'audio/mpeg', extension: 'mp3' },
      { folder: 'storytime/audio', publicId: 'story_1', kind: 'audio' },
    );
    expect(fake.calls[0]!.resourceType).toBe('video');
  });

  it('is refused with a wrong secret (the fake verifies signatures) and does not retry a 401', async () => {
    const error = await store({ apiSecret: 'wrong' })
      .put(png(), { folder: 'f', publicId: 'x', kind: 'image' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.signatureValid).toBe(false);
  });

  it('honours Retry-After on 429', async () => {
    fake.failNext(429, { retryAfter: 1 });
    const started = Date.now();
    await store().put(png(), { folder: 'f', publicId: 'x', kind: 'image' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls).toHaveLength(2);
  });

  it("retries Cloudinary's 420 rate limit like a 429, Retry-After included", async () => {
    fake.failNext(420, { retryAfter: 1 });
    const started = Date.now();
    await store().put(png(), { folder: 'f', publicId: 'x', kind: 'image' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls).toHaveLength(2);

    fake.reset();
    fake.failNext(420, { times: 3 });
    const error = await store()
      .put(png(), { folder: 'f', publicId: 'x', kind: 'image' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect((error as Error).message).toContain('420');
    expect(fake.calls).toHaveLength(3);
  });

  it('gives up after 3 attempts on transient errors, and never retries a 400', async () => {
    fake.failNext(503, { times: 3 });
    await expect(store().put(png(), { folder: 'f', publicId: 'x', kind: 'image' })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
    });
    expect(fake.calls).toHaveLength(3);

    fake.reset();
    fake.failNext(400);
    await expect(store().put(png(), { folder: 'f', publicId: 'x', kind: 'image' })).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      retryable: false,
    });
    expect(fake.calls).toHaveLength(1);
  });

  it('retries network errors', async () => {
    const dead = createCloudinaryStore({
      ...FAKE_CLOUDINARY,
      baseUrl: 'http://127.0.0.1:1',
      backoff: { baseMs: 5, capMs: 10 },
    });
    await expect(dead.put(png(), { folder: 'f', publicId: 'x', kind: 'image' })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
  });

  it('stops waiting when the caller aborts, retries included', async () => {
    fake.hangNext(5);
    const started = Date.now();
    await expect(
      store().put(png(), { folder: 'f', publicId: 'x', kind: 'image', signal: AbortSignal.timeout(200) }),
    ).rejects.toBeInstanceOf(ProviderError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.calls).toHaveLength(1);
  });

  it('opens the breaker after 5 failed calls, then lets one probe through after the reset period', async () => {
    let clock = 1_000_000;
    const cloudinary = store({ attempts: 1, now: () => clock });
    fake.failNext(500, { times: 5 });
    for (let i = 0; i < 5; i += 1)
      await expect(
        cloudinary.put(png(), { folder: 'f', publicId: 'x', kind: 'image' }),
      ).rejects.toBeInstanceOf(ProviderError);
    expect(cloudinary.breakerState()).toBe('open');
    // The shared registry /health/full reads.
    expect(breakerStates().cloudinary).toBe('open');
    await expect(cloudinary.put(png(), { folder: 'f', publicId: 'x', kind: 'image' })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    expect(fake.calls).toHaveLength(5);

    clock += 60_000;
    expect(cloudinary.breakerState()).toBe('half-open');
    await cloudinary.put(png(), { folder: 'f', publicId: 'x', kind: 'image' });
    expect(cloudinary.breakerState()).toBe('closed');
  });
});

describe('createMediaStores', () => {
  const env = {
    MEDIA_LOCAL_DIR: '/tmp/st-media',
    publicMediaBaseUrl: 'http://media.test',
    CLOUDINARY_BASE_URL: 'http://127.0.0.1:1',
  };

  it('is the local store alone unless all three Cloudinary variables are set', () => {
    expect(createMediaStores(env).cloudinary).toBeNull();
    expect(
      createMediaStores({ ...env, CLOUDINARY_CLOUD_NAME: 'c', CLOUDINARY_API_KEY: 'k' }).cloudinary,
    ).toBeNull();
    const stores = createMediaStores({ ...env, ...FAKE_CLOUDINARY_ENV });
    expect(stores.cloudinary?.name).toBe('cloudinary');
    expect(stores.local.urlOf('storytime/audio/a.wav')).toBe('http://media.test/media/storytime/audio/a.wav');
  });
});

const FAKE_CLOUDINARY_ENV = {
  CLOUDINARY_CLOUD_NAME: FAKE_CLOUDINARY.cloudName,
  CLOUDINARY_API_KEY: FAKE_CLOUDINARY.apiKey,
  CLOUDINARY_API_SECRET: FAKE_CLOUDINARY.apiSecret,
};

describe('local store', () => {
  it('writes {folder}/{publicId}.{ext} under the root, answers its URL, and deletes it', async () => {
    const root = join(dir, 'root');
    const local = createLocalStore({ dir: root, baseUrl: 'http://media.test/' });
    const result = await local.put(png(), { folder: 'storytime/avatars', publicId: 'a1', kind: 'image' });
    expect(result).toEqual({
      url: 'http://media.test/media/storytime/avatars/a1.png',
      publicId: 'storytime/avatars/a1',
    });
    expect((await readFile(join(root, 'storytime/avatars/a1.png'))).equals(PNG)).toBe(true);
    // The staged file is the caller's: still there.
    expect(await readFile(pngPath)).toBeDefined();
    await local.delete('storytime/avatars/a1', 'image');
    expect(await readdir(join(root, 'storytime/avatars'))).toEqual([]);
    await local.delete('storytime/nothing/here', 'image');
    expect(local.publicIdOf('storytime/avatars/a1.png')).toBe('storytime/avatars/a1');
    expect(local.pathOf('storytime/avatars/a1.png')).toBe(join(root, 'storytime/avatars/a1.png'));
  });

  it('refuses folders and ids that would escape the root', async () => {
    const local = createLocalStore({ dir: join(dir, 'root'), baseUrl: 'http://media.test' });
    await expect(local.put(png(), { folder: '../etc', publicId: 'x', kind: 'image' })).rejects.toThrow();
    await expect(local.put(png(), { folder: 'ok', publicId: '../x', kind: 'image' })).rejects.toThrow();
    await expect(local.delete('../../x', 'image')).rejects.toThrow();
    expect(() => local.pathOf('../../etc/passwd')).toThrow();
    expect(() => local.pathOf('ok/x.p/../y')).toThrow();
  });
});
