import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaDeleteIntent, mediaTransferIntent } from '@storytime/media';
import { type FakeCloudinary, startFakeCloudinary } from '@storytime/media/testing';
import { resetCircuitBreakers } from '@storytime/providers/resilience';
import { synthesizeStoryIntent } from '@storytime/queue';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMediaDeleteHandler } from '../src/media/media-delete.processor';
import { createMediaTransferHandler } from '../src/media/media-transfer.processor';
import { createSynthesizeStoryHandler } from '../src/voice/synthesize.processor';
import {
  audioRows,
  closeHarness,
  createStory,
  depsFor,
  harnessReady,
  jobFor,
  jobRow,
  mediaDir,
  pool,
  recordOnly,
  startMediaServer,
  tmpDir,
} from './voice-harness';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let media: Awaited<ReturnType<typeof startMediaServer>>;
let cloudinary: FakeCloudinary;

beforeAll(async () => {
  await harnessReady();
  [media, cloudinary] = await Promise.all([startMediaServer(), startFakeCloudinary()]);
});
beforeEach(() => {
  cloudinary.reset();
  resetCircuitBreakers();
});
afterAll(async () => {
  await Promise.all([media.close(), cloudinary.close()]);
  await closeHarness();
});

const deps = () => depsFor({ mediaBaseUrl: media.baseUrl, cloudinary });
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function assetOf(id: string) {
  const { rows } = await pool.query(
    `select store, status, local_path as "localPath", remote_url as "remoteUrl", public_id as "publicId", error
       from media_assets where id = $1`,
    [id],
  );
  return rows[0] as
    | {
        store: string;
        status: string;
        localPath: string | null;
        remoteUrl: string | null;
        publicId: string;
        error: string | null;
      }
    | undefined;
}

/** A local `pending` image as an upload leaves it: the file, its asset row, and its URL. */
async function pendingImage() {
  const id = randomUUID();
  const localPath = `storytime/avatars/${id}.png`;
  await mkdir(join(mediaDir, 'storytime/avatars'), { recursive: true });
  await writeFile(join(mediaDir, localPath), PNG);
  await pool.query(
    `insert into media_assets (id, kind, mime_type, bytes, sha256, store, status, local_path, public_id, folder)
     values ($1, 'image', 'image/png', $2, 'sha', 'local', 'pending', $3, $4, 'storytime/avatars')`,
    [id, PNG.length, localPath, `storytime/avatars/${id}`],
  );
  return { id, localPath, localUrl: `${media.baseUrl}/media/${localPath}` };
}

async function storyWithCover(url: string) {
  const story = await createStory('A story with a cover.');
  await pool.query(`update stories set cover_image_url = $2 where id = $1`, [story.id, url]);
  return story.id;
}

const coverOf = async (storyId: string) =>
  (await pool.query(`select cover_image_url from stories where id = $1`, [storyId])).rows[0]
    .cover_image_url as string;

describe('narration audio with Cloudinary configured', () => {
  it('uploads the audio as a video resource under storytime/audio with the fixed object id', async () => {
    const story = await createStory('The tortoise packed a tiny suitcase for the moon.');
    const id = await recordOnly(
      synthesizeStoryIntent(
        { storyId: story.id, voiceKey: 'BILL', userId: null, textHash: story.textHash },
        { waiting: true },
      ),
    );
    await createSynthesizeStoryHandler(deps())(jobFor(id));
    const [row] = await audioRows(story.id);
    const upload = cloudinary.calls[0]!;
    expect(upload).toMatchObject({ operation: 'upload', resourceType: 'video', signatureValid: true });
    expect(upload.fields).toMatchObject({ folder: 'storytime/audio', overwrite: 'true' });
    expect(upload.fields.public_id).toMatch(new RegExp(`^story_${story.id}_local_[0-9a-f]{24}$`));
    expect(row!.audioUrl).toBe(`${cloudinary.baseUrl}/assets/storytime/audio/${upload.fields.public_id}.wav`);
    expect(await assetOf(row!.mediaId!)).toMatchObject({
      store: 'cloudinary',
      status: 'stored',
      localPath: null,
    });
  });

  it('keeps the audio locally when Cloudinary fails, and the transfer job moves it and rewrites its rows', async () => {
    cloudinary.failNext(500, { times: 3 });
    const story = await createStory('The otter lost a shell and found a friend.');
    const id = await recordOnly(
      synthesizeStoryIntent(
        {
          storyId: story.id,
          voiceKey: 'CHARLIE',
          userId: null,
          textHash: story.textHash,
          setStoryAudioUrl: true,
        },
        { waiting: true },
      ),
    );
    await createSynthesizeStoryHandler(deps())(jobFor(id));
    const [row] = await audioRows(story.id);
    expect(row!.audioUrl.startsWith(`${media.baseUrl}/media/storytime/audio/`)).toBe(true);
    expect(await assetOf(row!.mediaId!)).toMatchObject({ store: 'local', status: 'pending' });

    const { rows: transfers } = await pool.query(
      `select id, params from job_requests where kind = 'media_transfer' and params->>'mediaId' = $1`,
      [row!.mediaId],
    );
    expect(transfers).toHaveLength(1);
    expect(transfers[0].params.references).toEqual([
      { table: 'story_audio_cache', column: 'audio_url', id: row!.id },
      { table: 'stories', column: 'audio_url', id: story.id },
    ]);

    await createMediaTransferHandler(deps())(jobFor(transfers[0].id, 0, 2));
    const [moved] = await audioRows(story.id);
    expect(moved!.audioUrl).toMatch(new RegExp(`^${cloudinary.baseUrl}/assets/storytime/audio/story_`));
    const { rows: stories } = await pool.query(`select audio_url from stories where id = $1`, [story.id]);
    expect(stories[0].audio_url).toBe(moved!.audioUrl);
    expect(await assetOf(row!.mediaId!)).toMatchObject({
      store: 'cloudinary',
      status: 'stored',
      remoteUrl: moved!.audioUrl,
    });
    expect(await jobRow(transfers[0].id)).toMatchObject({ status: 'completed', resultRef: row!.mediaId });
  });
});

describe('media-transfer', () => {
  it('moves a pending local asset to Cloudinary and rewrites only the rows that still show its local URL', async () => {
    const image = await pendingImage();
    const showing = await storyWithCover(image.localUrl);
    const changed = await storyWithCover(image.localUrl);
    const jobId = await recordOnly(
      mediaTransferIntent(
        {
          mediaId: image.id,
          folder: 'storytime/avatars',
          objectId: image.id,
          resourceType: 'image',
          transformation: 'c_limit,h_500,w_500/q_auto/f_webp',
          localUrl: image.localUrl,
          references: [
            { table: 'stories', column: 'cover_image_url', id: showing },
            { table: 'stories', column: 'cover_image_url', id: changed },
          ],
        },
        null,
      ),
    );
    await pool.query(`update stories set cover_image_url = 'https://elsewhere.test/new.png' where id = $1`, [
      changed,
    ]);

    const result = await createMediaTransferHandler(deps())(jobFor(jobId, 0, 2));
    const remoteUrl = `${cloudinary.baseUrl}/assets/storytime/avatars/${image.id}.png`;
    expect(result).toMatchObject({ remoteUrl, rewritten: 1 });
    expect(cloudinary.calls[0]!.fields).toMatchObject({
      folder: 'storytime/avatars',
      public_id: image.id,
      transformation: 'c_limit,h_500,w_500/q_auto/f_webp',
    });
    expect(cloudinary.objects.get(`storytime/avatars/${image.id}`)?.bytes.equals(PNG)).toBe(true);
    expect(await coverOf(showing)).toBe(remoteUrl);
    expect(await coverOf(changed)).toBe('https://elsewhere.test/new.png');
    expect(await assetOf(image.id)).toMatchObject({
      store: 'cloudinary',
      status: 'stored',
      remoteUrl,
      publicId: `storytime/avatars/${image.id}`,
      localPath: image.localPath,
    });
    // The local copy stays for the daily clean-up: clients may still hold its URL.
    expect(await exists(join(mediaDir, image.localPath))).toBe(true);

    // A second delivery finds the asset moved and does nothing.
    await pool.query(`update job_requests set status = 'queued' where id = $1`, [jobId]);
    expect(await createMediaTransferHandler(deps())(jobFor(jobId, 1, 2))).toMatchObject({
      skipped: 'asset cloudinary/stored',
    });
    expect(cloudinary.calls).toHaveLength(1);
  });

  it('leaves the asset pending while retries remain and marks it failed after the last attempt', async () => {
    const image = await pendingImage();
    const storyId = await storyWithCover(image.localUrl);
    const jobId = await recordOnly(
      mediaTransferIntent(
        {
          mediaId: image.id,
          folder: 'storytime/avatars',
          objectId: image.id,
          resourceType: 'image',
          localUrl: image.localUrl,
          references: [{ table: 'stories', column: 'cover_image_url', id: storyId }],
        },
        null,
      ),
    );
    cloudinary.failNext(503, { times: 3 });
    await expect(createMediaTransferHandler(deps())(jobFor(jobId, 0, 2))).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    expect(await jobRow(jobId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await assetOf(image.id)).toMatchObject({ status: 'pending' });

    cloudinary.failNext(503, { times: 3 });
    await expect(createMediaTransferHandler(deps())(jobFor(jobId, 1, 2))).rejects.toBeDefined();
    expect(await jobRow(jobId)).toMatchObject({ status: 'failed', attempts: 2 });
    const asset = await assetOf(image.id);
    expect(asset).toMatchObject({ store: 'local', status: 'failed' });
    expect(asset!.error).toContain('503');
    expect(await coverOf(storyId)).toBe(image.localUrl);
  });
});

describe('media-delete', () => {
  it('destroys a Cloudinary object named by public id; one already gone is success', async () => {
    const file = join(tmpDir, `${randomUUID()}.png`);
    await mkdir(tmpDir, { recursive: true });
    await writeFile(file, PNG);
    const put = await deps().stores.cloudinary!.put(
      { path: file, mimeType: 'image/png', extension: 'png' },
      { folder: 'storytime/avatars', publicId: 'to-delete', kind: 'image' },
    );
    expect(cloudinary.objects.has(put.publicId)).toBe(true);
    const intent = mediaDeleteIntent(
      { mediaId: null, publicId: put.publicId, resourceType: 'image', store: 'cloudinary' },
      null,
    );
    const first = await recordOnly(intent);
    await createMediaDeleteHandler(deps())(jobFor(first, 0, 2));
    expect(cloudinary.objects.has(put.publicId)).toBe(false);
    expect(cloudinary.calls.at(-1)).toMatchObject({
      operation: 'destroy',
      resourceType: 'image',
      signatureValid: true,
    });
    expect(await jobRow(first)).toMatchObject({ status: 'completed' });

    const again = await recordOnly(intent);
    await createMediaDeleteHandler(deps())(jobFor(again, 0, 2));
    expect(await jobRow(again)).toMatchObject({ status: 'completed' });
  });

  it('removes every copy the asset has by then, and the asset row', async () => {
    const local = await pendingImage();
    const localJob = await recordOnly(
      mediaDeleteIntent(
        {
          mediaId: local.id,
          publicId: `storytime/avatars/${local.id}`,
          resourceType: 'image',
          store: 'local',
        },
        null,
      ),
    );
    await createMediaDeleteHandler(deps())(jobFor(localJob, 0, 2));
    expect(await exists(join(mediaDir, local.localPath))).toBe(false);
    expect(await assetOf(local.id)).toBeUndefined();

    // Recorded while the asset was local; a transfer moved it to Cloudinary before the delete ran.
    const moved = await pendingImage();
    const transfer = await recordOnly(
      mediaTransferIntent(
        {
          mediaId: moved.id,
          folder: 'storytime/avatars',
          objectId: moved.id,
          resourceType: 'image',
          localUrl: moved.localUrl,
          references: [],
        },
        null,
      ),
    );
    const deleteJob = await recordOnly(
      mediaDeleteIntent(
        {
          mediaId: moved.id,
          publicId: `storytime/avatars/${moved.id}`,
          resourceType: 'image',
          store: 'local',
        },
        null,
      ),
    );
    await createMediaTransferHandler(deps())(jobFor(transfer, 0, 2));
    expect(cloudinary.objects.has(`storytime/avatars/${moved.id}`)).toBe(true);
    const removed = await createMediaDeleteHandler(deps())(jobFor(deleteJob, 0, 2));
    expect(cloudinary.objects.has(`storytime/avatars/${moved.id}`)).toBe(false);
    expect(await exists(join(mediaDir, moved.localPath))).toBe(false);
    expect(await assetOf(moved.id)).toBeUndefined();
    expect(removed.removed).toEqual([
      `cloudinary:storytime/avatars/${moved.id}`,
      `local:storytime/avatars/${moved.id}`,
    ]);
    expect(await readFile(join(mediaDir, local.localPath)).catch(() => null)).toBeNull();
  });
});
