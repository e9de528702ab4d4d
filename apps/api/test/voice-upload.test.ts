import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deepgramReplies,
  FAKE_DEEPGRAM_TRANSCRIPT,
  startFakeDeepgram,
} from '@storytime/providers/deepgram-testing';
import {
  elevenLabsReplies,
  FAKE_ELEVENLABS_TRANSCRIPT,
  startFakeElevenLabs,
} from '@storytime/providers/elevenlabs-testing';
import { resetCircuitBreakers } from '@storytime/providers/resilience';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { MP3, multipart, PNG, WAV } from './media-fixtures';
import { premiumUser, query } from './voice-fixtures';

/** VOICE-01 upload and cloning, VOICE-11 transcription (api.md §6; providers.md §2.2, §2.3, §3.2). */

const MEDIA_BASE = 'http://media.test';
const EL_KEY = 'el-test-key';
const DG_KEY = 'dg-test-key';

async function mediaDirs() {
  return {
    media: await mkdtemp(join(tmpdir(), 'st-voice-media-')),
    tmp: await mkdtemp(join(tmpdir(), 'st-voice-tmp-')),
  };
}

const post = (
  t: TestApp,
  url: string,
  body: { payload: Buffer; headers: Record<string, string> },
  user?: TestUser,
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload: body.payload,
    headers: { ...body.headers, ...(user ? user.auth : {}) },
  });

const sample = (bytes = MP3, type = 'audio/mpeg') => ({ field: 'file', bytes, type, filename: 'sample.mp3' });

const filesUnder = async (dir: string) => readdir(dir, { recursive: true }).catch(() => [] as string[]);

describe('offline (no ElevenLabs, no Deepgram)', () => {
  let t: TestApp;
  let dirs: Awaited<ReturnType<typeof mediaDirs>>;

  beforeAll(async () => {
    dirs = await mediaDirs();
    t = await createTestApp({
      env: { MEDIA_LOCAL_DIR: dirs.media, MEDIA_TMP_DIR: dirs.tmp, PUBLIC_MEDIA_BASE_URL: MEDIA_BASE },
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(dirs.media, { recursive: true, force: true });
    await rm(dirs.tmp, { recursive: true, force: true });
  });

  it('VOICE-01 refuses a free user with 402 and stores nothing', async () => {
    const user = await createUser(t.app);
    const response = await post(t, '/voice/upload', await multipart({ name: 'Mum' }, sample()), user);
    expect(response.statusCode).toBe(402);
    expect(response.json().code).toBe('SUBSCRIPTION_REQUIRED');
    expect(await query(t, 'select id from voices where user_id = $1', [user.id])).toEqual([]);
  });

  it('VOICE-01 stores the sample and creates an uploaded voice without an ElevenLabs id', async () => {
    const user = await premiumUser(t);
    const response = await post(t, '/voice/upload', await multipart({ name: 'Mum' }, sample()), user);
    expect(response.statusCode).toBe(201);
    const data = response.json().data;
    expect(data.voice).toEqual({
      id: expect.any(String),
      name: 'Mum',
      type: 'uploaded',
      previewUrl: data.cloudinary.url,
      voiceAvatar: 'https://api.dicebear.com/7.x/initials/svg?seed=Mum',
      elevenLabsVoiceId: null,
    });
    expect(data.cloudinary.publicId).toMatch(/^storytime\/voices\/[0-9a-f-]{36}$/);
    expect(data.cloudinary.url).toBe(`${MEDIA_BASE}/media/${data.cloudinary.publicId}.mp3`);
    const served = await t.app.inject({ method: 'GET', url: data.cloudinary.url.slice(MEDIA_BASE.length) });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(MP3)).toBe(true);
    const [row] = await query<{ sample_public_id: string; url: string }>(
      t,
      'select sample_public_id, url from voices where id = $1',
      [data.voice.id],
    );
    expect(row).toEqual({ sample_public_id: data.cloudinary.publicId, url: data.cloudinary.url });
    // Staged files never outlive the request.
    expect(await filesUnder(dirs.tmp)).toEqual([]);
  });

  it('VOICE-01 validates the form', async () => {
    const user = await premiumUser(t);
    const noFile = await post(t, '/voice/upload', await multipart({ name: 'Mum' }), user);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().code).toBe('VALIDATION_ERROR');
    const noName = await post(t, '/voice/upload', await multipart({}, sample()), user);
    expect(noName.statusCode).toBe(400);
    const image = await post(
      t,
      '/voice/upload',
      await multipart({ name: 'Mum' }, sample(PNG, 'image/png')),
      user,
    );
    expect(image.statusCode).toBe(415);
    expect(image.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const disguised = await post(
      t,
      '/voice/upload',
      await multipart({ name: 'Mum' }, sample(PNG, 'audio/mpeg')),
      user,
    );
    expect(disguised.statusCode).toBe(415);
  });

  it('VOICE-11 answers 503 when no speech-to-text provider is configured', async () => {
    const user = await createUser(t.app);
    const response = await post(t, '/voice/transcribe', await multipart({}, sample()), user);
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('both routes need a session', async () => {
    expect((await post(t, '/voice/upload', await multipart({ name: 'Mum' }, sample()))).statusCode).toBe(401);
    expect((await post(t, '/voice/transcribe', await multipart({}, sample()))).statusCode).toBe(401);
  });
});

describe('with ElevenLabs and Deepgram (fake servers)', () => {
  let t: TestApp;
  let dirs: Awaited<ReturnType<typeof mediaDirs>>;
  let elevenLabs: Awaited<ReturnType<typeof startFakeElevenLabs>>;
  let deepgram: Awaited<ReturnType<typeof startFakeDeepgram>>;

  beforeAll(async () => {
    dirs = await mediaDirs();
    elevenLabs = await startFakeElevenLabs({ apiKey: EL_KEY });
    deepgram = await startFakeDeepgram({ apiKey: DG_KEY });
    t = await createTestApp({
      env: {
        MEDIA_LOCAL_DIR: dirs.media,
        MEDIA_TMP_DIR: dirs.tmp,
        PUBLIC_MEDIA_BASE_URL: MEDIA_BASE,
        ELEVEN_LABS_KEY: EL_KEY,
        ELEVENLABS_BASE_URL: elevenLabs.url,
        DEEPGRAM_API_KEY: DG_KEY,
        DEEPGRAM_BASE_URL: deepgram.url,
      },
    });
  });
  beforeEach(() => {
    elevenLabs.reset();
    deepgram.reset();
    resetCircuitBreakers();
  });
  afterAll(async () => {
    await t.close();
    await elevenLabs.close();
    await deepgram.close();
    await rm(dirs.media, { recursive: true, force: true });
    await rm(dirs.tmp, { recursive: true, force: true });
  });

  it('VOICE-01 clones the sample and records the ElevenLabs id', async () => {
    const user = await premiumUser(t);
    const response = await post(
      t,
      '/voice/upload',
      await multipart({ name: 'Dad' }, sample(WAV, 'audio/wav')),
      user,
    );
    expect(response.statusCode).toBe(201);
    const { voice } = response.json().data;
    expect(voice).toMatchObject({
      name: 'Dad',
      type: 'uploaded',
      elevenLabsVoiceId: expect.stringMatching(/^cloned_voice_/),
    });
    const [clone] = elevenLabs.requestsTo('clone');
    expect(clone?.headers['xi-api-key']).toBe(EL_KEY);
    expect(clone?.fields?.name).toBe('Dad');
    expect(clone?.files?.files?.bytes.equals(WAV)).toBe(true);
  });

  it('VOICE-01 answers 502 when cloning fails and deletes the stored sample', async () => {
    const user = await premiumUser(t);
    elevenLabs.script('clone', elevenLabsReplies.serverError());
    const before = await filesUnder(join(dirs.media, 'storytime', 'voices'));
    const response = await post(t, '/voice/upload', await multipart({ name: 'Dad' }, sample()), user);
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('PROVIDER_ERROR');
    expect(elevenLabs.requestsTo('clone')).toHaveLength(1);
    expect(await filesUnder(join(dirs.media, 'storytime', 'voices'))).toEqual(before);
    expect(await query(t, 'select id from voices where user_id = $1', [user.id])).toEqual([]);
    expect(await query(t, 'select id from media_assets where owner_user_id = $1', [user.id])).toEqual([]);
    expect(await filesUnder(dirs.tmp)).toEqual([]);
  });

  it('VOICE-11 transcribes with ElevenLabs', async () => {
    const user = await createUser(t.app);
    const response = await post(t, '/voice/transcribe', await multipart({}, sample()), user);
    expect(response.statusCode).toBe(201);
    expect(response.json().data).toEqual({ text: FAKE_ELEVENLABS_TRANSCRIPT });
    expect(deepgram.requestsTo('listen')).toHaveLength(0);
    expect(elevenLabs.requestsTo('stt')[0]?.files?.file?.type).toBe('audio/mpeg');
    expect(await filesUnder(dirs.tmp)).toEqual([]);
  });

  it('VOICE-11 falls back to Deepgram when ElevenLabs fails', async () => {
    const user = await createUser(t.app);
    elevenLabs.script('stt', elevenLabsReplies.invalidApiKey());
    const response = await post(t, '/voice/transcribe', await multipart({}, sample(WAV, 'audio/wav')), user);
    expect(response.statusCode).toBe(201);
    expect(response.json().data).toEqual({ text: FAKE_DEEPGRAM_TRANSCRIPT });
    const [listen] = deepgram.requestsTo('listen');
    expect(listen?.headers['content-type']).toBe('audio/wav');
    expect(listen?.body.equals(WAV)).toBe(true);
  });

  it('VOICE-11 answers 502 when both providers fail', async () => {
    const user = await createUser(t.app);
    elevenLabs.script('stt', elevenLabsReplies.invalidApiKey());
    deepgram.script('listen', deepgramReplies.invalidAuth());
    const response = await post(t, '/voice/transcribe', await multipart({}, sample()), user);
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('PROVIDER_ERROR');
  });

  it('VOICE-11 refuses other file types and a missing file', async () => {
    const user = await createUser(t.app);
    const image = await post(t, '/voice/transcribe', await multipart({}, sample(PNG, 'image/png')), user);
    expect(image.statusCode).toBe(415);
    const none = await post(t, '/voice/transcribe', await multipart({}), user);
    expect(none.statusCode).toBe(400);
    expect(elevenLabs.requestsTo('stt')).toHaveLength(0);
  });
});
