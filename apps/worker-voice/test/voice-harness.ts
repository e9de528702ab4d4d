import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { createDb, createPool } from '@storytime/db';
import { testDatabaseConfig } from '@storytime/db/testing';
import { createCloudinaryStore, createLocalStore, type MediaStores } from '@storytime/media';
import { FAKE_CLOUDINARY, type FakeCloudinary } from '@storytime/media/testing';
import { createLogger } from '@storytime/observability';
import type { FakeDeepgram } from '@storytime/providers/deepgram-testing';
import type { FakeElevenLabs } from '@storytime/providers/elevenlabs-testing';
import { createSpeechServices, narrationTextHash } from '@storytime/providers/speech-types';
import {
  createOutbox,
  createQueueProducer,
  createRedis,
  type JobIntent,
  recordJob,
  synthesizeStoryIntent,
  waitForRedis,
} from '@storytime/queue';
import type { VoiceWorkerDeps } from '../src/deps';
import { createSynthesizeStoryHandler } from '../src/voice/synthesize.processor';

/**
 * Shared set-up of the worker-voice tests: real PostgreSQL (the run's test database) and Redis,
 * provider fakes on 127.0.0.1, a local media store in a temporary directory served over HTTP the
 * way the API's `/media/*` route serves it, and row factories.
 */

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const queuePrefix = `bull-voice-${randomUUID().slice(0, 8)}`;
export const cachePrefix = `st-voice-${randomUUID().slice(0, 8)}:`;
export const logger = createLogger({ service: 'worker-voice-test', level: 'silent' });
export const pool = createPool(testDatabaseConfig());
export const db = createDb(pool);
export const redis = createRedis(redisUrl, 'command');
export const producerConnection = createRedis(redisUrl, 'producer');
export const producer = createQueueProducer(producerConnection, queuePrefix);
export const outbox = createOutbox(db, producer, logger);
export const mediaDir = join(tmpdir(), `st-voice-media-${randomUUID().slice(0, 8)}`);
export const tmpDir = join(tmpdir(), `st-voice-tmp-${randomUUID().slice(0, 8)}`);

/** The command connection fails fast while not connected (no offline queue): events need it up. */
export const harnessReady = () => Promise.all([waitForRedis(redis), waitForRedis(producerConnection)]);

/** The API's `/media/*` route, reduced to what the tests need: the stored bytes back. */
export async function startMediaServer(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').replace(/^\/media\//, '')));
    if (path.startsWith('..')) return void response.writeHead(400).end();
    readFile(join(mediaDir, path))
      .then((bytes) => {
        response.writeHead(200, { 'content-type': path.endsWith('.wav') ? 'audio/wav' : 'audio/mpeg' });
        response.end(bytes);
      })
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface DepsOptions {
  mediaBaseUrl: string;
  elevenLabs?: FakeElevenLabs;
  deepgram?: FakeDeepgram;
  cloudinary?: FakeCloudinary;
  now?: () => Date;
}

/** Speech clients against the fakes (no waiting between retries) and the media stores. */
export function depsFor(options: DepsOptions): VoiceWorkerDeps {
  const speech = createSpeechServices(
    {
      ...(options.elevenLabs
        ? { ELEVEN_LABS_KEY: 'el-test-key', ELEVENLABS_BASE_URL: options.elevenLabs.url }
        : {}),
      ...(options.deepgram
        ? { DEEPGRAM_API_KEY: 'dg-test-key', DEEPGRAM_BASE_URL: options.deepgram.url }
        : {}),
    },
    { sleep: async () => {}, timeoutMs: 5_000 },
  ).speech;
  const stores: MediaStores = {
    local: createLocalStore({ dir: mediaDir, baseUrl: options.mediaBaseUrl }),
    cloudinary: options.cloudinary
      ? createCloudinaryStore({
          ...FAKE_CLOUDINARY,
          baseUrl: options.cloudinary.baseUrl,
          sleep: async () => {},
        })
      : null,
  };
  return {
    db,
    redis,
    cachePrefix,
    outbox,
    logger,
    speech,
    stores,
    tmpDir,
    now: options.now ?? (() => new Date()),
  };
}

/** A BullMQ job as the handlers see it, for driving attempts one at a time. */
export const jobFor = (jobRequestId: string, attemptsMade = 0, attempts = 3) => ({
  id: jobRequestId,
  data: { jobRequestId },
  attemptsMade,
  opts: { attempts },
});

/** Records the job row without enqueueing it: the tests call the handlers themselves. */
export const recordOnly = async (intent: JobIntent) => (await recordJob(db, intent)).id;

export async function createUser(options: { premium?: boolean } = {}): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into users (id, email, password_hash) values (gen_random_uuid(), $1, 'x') returning id`,
    [`voice-${randomUUID()}@example.com`],
  );
  const id = rows[0]!.id;
  if (options.premium) {
    await pool.query(
      `insert into subscriptions (id, user_id, plan, status, source, ends_at)
       values (gen_random_uuid(), $1, 'monthly', 'active', 'admin', now() + interval '30 days')`,
      [id],
    );
  }
  return id;
}

export async function createStory(text: string): Promise<{ id: string; textHash: string }> {
  const textHash = narrationTextHash(text);
  const { rows } = await pool.query<{ id: string }>(
    `insert into stories (id, title, description, language, text_content, text_hash)
     values (gen_random_uuid(), 'Voice test', 'A story', 'English', $1, $2) returning id`,
    [text, textHash],
  );
  return { id: rows[0]!.id, textHash };
}

export async function setStoryText(storyId: string, text: string): Promise<string> {
  const textHash = narrationTextHash(text);
  await pool.query(`update stories set text_content = $2, text_hash = $3 where id = $1`, [
    storyId,
    text,
    textHash,
  ]);
  return textHash;
}

export async function jobRow(id: string) {
  const { rows } = await pool.query(
    `select status, result_ref as "resultRef", params, progress, error, attempts from job_requests where id = $1`,
    [id],
  );
  return rows[0] as {
    status: string;
    resultRef: string | null;
    params: Record<string, unknown>;
    progress: number;
    error: string | null;
    attempts: number;
  };
}

export async function audioRows(storyId: string | null, voiceKey?: string) {
  const { rows } = await pool.query(
    `select id, story_id as "storyId", voice_key as "voiceKey", text_hash as "textHash", provider,
            audio_url as "audioUrl", media_id as "mediaId", duration_ms as "durationMs"
       from story_audio_cache
      where story_id is not distinct from $1 and ($2::text is null or voice_key = $2)
      order by created_at`,
    [storyId, voiceKey ?? null],
  );
  return rows as Array<{
    id: string;
    storyId: string | null;
    voiceKey: string;
    textHash: string;
    provider: string;
    audioUrl: string;
    mediaId: string | null;
    durationMs: number | null;
  }>;
}

export async function usageOf(userId: string) {
  const { rows } = await pool.query(
    `select eleven_labs_count as "count", current_month as "month", gemini_story_count as "gemini"
       from user_usages where user_id = $1`,
    [userId],
  );
  return rows[0] as { count: number; month: string; gemini: number } | undefined;
}

export async function aiLogs(userId: string): Promise<string[]> {
  const { rows } = await pool.query<{ details: string }>(
    `select details from activity_logs where user_id = $1 and action = 'AI_GENERATION'`,
    [userId],
  );
  return rows.map((row) => row.details);
}

/** Files in the local audio folder whose name contains `fragment`. */
export async function audioFiles(fragment: string): Promise<string[]> {
  const names = await readdir(join(mediaDir, 'storytime/audio')).catch(() => [] as string[]);
  return names.filter((name) => name.includes(fragment));
}

/** Closes what the harness opened: queues (and their keys), connections, the pool, the directories. */
export async function closeHarness(): Promise<void> {
  for (const queue of producer.all()) await queue.obliterate({ force: true }).catch(() => {});
  await producer.close();
  producerConnection.disconnect();
  redis.disconnect();
  await pool.end();
  await Promise.all([
    rm(mediaDir, { recursive: true, force: true }),
    rm(tmpDir, { recursive: true, force: true }),
  ]);
}

/** Records a `synthesize-story` job and runs its handler once. */
export async function narrateStory(
  deps: VoiceWorkerDeps,
  story: { id: string; textHash: string },
  options: { userId?: string | null; voiceKey?: string; setStoryAudioUrl?: boolean } = {},
) {
  const id = await recordOnly(
    synthesizeStoryIntent(
      {
        storyId: story.id,
        voiceKey: options.voiceKey ?? 'CHARLIE',
        userId: options.userId ?? null,
        textHash: story.textHash,
        setStoryAudioUrl: options.setStoryAudioUrl ?? false,
      },
      { waiting: true },
    ),
  );
  const result = await createSynthesizeStoryHandler(deps)(jobFor(id));
  return { id, result, row: await jobRow(id) };
}
