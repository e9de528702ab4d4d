import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedis } from '@storytime/queue';
// The API never imports a worker; this end-to-end test runs the real worker-voice next to it.
import { startWorkerRuntime, type WorkerRuntime } from '@storytime/worker-kit';
import { buildBindings } from '@storytime/worker-voice/bindings';
import { createVoiceWorkerDeps } from '@storytime/worker-voice/deps';
import { loadWorkerEnv } from '@storytime/worker-voice/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './factories';
import { createTestApp, TEST_REDIS_URL, type TestApp } from './helpers';
import { eventually } from './users-fixtures';
import { call, insertNarratedStory, seedSystemVoices } from './voice-fixtures';

/**
 * STORY-39 end to end, offline: the API records the job and waits, a real worker-voice runtime
 * narrates with the local voice (espeak-ng) into the local media store, and the waiting request
 * answers 200 with a WAV served under /media/.
 */

const MEDIA_BASE = 'http://media.test';

describe('story audio with a real worker-voice', () => {
  let t: TestApp;
  let runtime: WorkerRuntime;
  let mediaDir: string;

  beforeAll(async () => {
    mediaDir = await mkdtemp(join(tmpdir(), 'st-audio-e2e-'));
    t = await createTestApp({
      env: { MEDIA_LOCAL_DIR: mediaDir, PUBLIC_MEDIA_BASE_URL: MEDIA_BASE, AUDIO_WAIT_TIMEOUT_MS: '25000' },
    });
    await seedSystemVoices(t);
    const env = loadWorkerEnv({
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.prefixes.queue,
      CACHE_PREFIX: t.prefixes.cache,
      MEDIA_LOCAL_DIR: mediaDir,
      MEDIA_TMP_DIR: join(mediaDir, 'tmp'),
      PUBLIC_MEDIA_BASE_URL: MEDIA_BASE,
    });
    const deps = createVoiceWorkerDeps(env, {
      env,
      logger: t.deps.logger,
      pool: t.deps.pool,
      db: t.deps.db,
      redis: t.deps.redis,
      producer: t.deps.producer,
    });
    runtime = await startWorkerRuntime({
      service: 'worker-voice-e2e',
      logger: t.deps.logger,
      createWorkerConnection: () => createRedis(TEST_REDIS_URL, 'worker'),
      queuePrefix: t.prefixes.queue,
      bindings: buildBindings(env, deps),
      httpPort: 0,
      httpHost: '127.0.0.1',
      shutdownTimeoutMs: 10_000,
      readiness: [],
    });
  }, 60_000);

  afterAll(async () => {
    await runtime?.close();
    await t?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('answers 200 with a WAV narrated by the local voice, then serves it from the cache', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t, { textContent: 'The little fox said goodnight to the moon.' });

    const response = await call(t, 'GET', `/stories/story/audio/${story.id}`, { as: user });
    expect(response.statusCode).toBe(200);
    const { audioUrl, voiceId } = response.json().data;
    expect(voiceId).toBe('CHARLIE');
    expect(audioUrl).toMatch(new RegExp(`^${MEDIA_BASE}/media/storytime/audio/.+\\.wav$`));

    const served = await t.app.inject({ method: 'GET', url: audioUrl.slice(MEDIA_BASE.length) });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(served.rawPayload.subarray(8, 12).toString('latin1')).toBe('WAVE');

    // The twin route now hits the cache the worker wrote, without a new job.
    const again = await call(t, 'GET', `/voice/story/audio/${story.id}`, { as: user });
    expect(again.statusCode).toBe(200);
    expect(again.json().data.audioUrl).toBe(audioUrl);
    const { rows } = await t.deps.pool.query('select id from job_requests where user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
  });

  it('narrates the first paragraphs within the request and the rest as a batch (TTS-01/02)', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t, {
      textContent: 'The owl woke up.\n\nThe stars came out.\n\nThe moon smiled.',
    });
    const response = await call(t, 'POST', '/voice/story/audio/batch', {
      as: user,
      body: { storyId: story.id },
    });
    expect(response.statusCode).toBe(200);
    const data = response.json().data;
    expect(data).toMatchObject({ totalParagraphs: 3, usedProvider: 'local', batchJobId: expect.any(String) });
    expect(data.paragraphs.slice(0, 2)).toEqual([
      { index: 0, text: 'The owl woke up.', audioUrl: expect.stringMatching(/\.wav$/), status: 'ready' },
      { index: 1, text: 'The stars came out.', audioUrl: expect.stringMatching(/\.wav$/), status: 'ready' },
    ]);

    const status = await eventually(
      async () =>
        (await call(t, 'GET', `/voice/story/audio/batch/status/${data.batchJobId}`, { as: user })).json()
          .data,
      (value) => value.status !== 'processing',
      20_000,
    );
    expect(status).toEqual({
      status: 'completed',
      completedParagraphs: [{ index: 2, audioUrl: expect.stringMatching(/\.wav$/) }],
      failedParagraphs: [],
      totalQueued: 1,
    });
  });
});
