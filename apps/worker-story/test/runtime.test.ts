import { createDb, createPool } from '@storytime/db';
import {
  completeJob,
  failJobAttempt,
  findJobRecord,
  startJobAttempt,
} from '@storytime/db/repositories/job-requests';
import { testDatabaseConfig } from '@storytime/db/testing';
import { createLogger } from '@storytime/observability';
import {
  createOutbox,
  createQueueProducer,
  createRedis,
  JOB,
  publishJobEvent,
  QUEUE,
  type SynthesizeStoryParams,
} from '@storytime/queue';
import { bindQueue, startWorkerRuntime, type WorkerRuntime } from '@storytime/worker-kit';
import { type Job, UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBindings } from '../src/bindings';
import { loadWorkerEnv } from '../src/env';
import { createUser, genericParams, jobRow, run, waitFor } from './fixtures';

/**
 * worker-story in a real runtime, next to a stand-in for worker-voice that narrates (or fails to)
 * the way the real one reports: job row, `stories.audioUrl`, and a job event.
 */

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-rt-${run}`;
const eventPrefix = `st:test:rt:${run}:`;
const logger = createLogger({ service: 'worker-story-runtime-test', level: 'silent' });
const pool = createPool(testDatabaseConfig());
const db = createDb(pool);
const producerConnection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(producerConnection, prefix);
const outbox = createOutbox(db, producer, logger);
const redis = createRedis(redisUrl, 'command');
const subscriber = createRedis(redisUrl, 'subscriber');
const failNarrationOf = new Set<string>();
let runtime: WorkerRuntime;

async function narrate(job: Job<{ jobRequestId: string }>) {
  const id = job.data.jobRequestId;
  const row = await startJobAttempt(db, id);
  if (!row) return;
  const params = row.params as SynthesizeStoryParams;
  if (failNarrationOf.has(params.storyId)) {
    await failJobAttempt(db, id, 'PROVIDER_UNAVAILABLE: every voice provider failed', true);
    await publishJobEvent(redis, eventPrefix, id, { status: 'failed' });
    throw new UnrecoverableError('narration failed');
  }
  const audioUrl = `http://media.test/audio/${params.storyId}.mp3`;
  await pool.query('update stories set audio_url = $2 where id = $1', [params.storyId, audioUrl]);
  await completeJob(db, id, { params: { ...params, audioUrl } });
  await publishJobEvent(redis, eventPrefix, id, { status: 'completed' });
}

beforeAll(async () => {
  const env = loadWorkerEnv({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    CACHE_PREFIX: eventPrefix,
    GENERATION_AUDIO_WAIT_MS: '10000',
    PUBLIC_MEDIA_BASE_URL: 'http://media.test',
  });
  runtime = await startWorkerRuntime({
    service: 'worker-story-test',
    logger,
    createWorkerConnection: () => createRedis(redisUrl, 'worker'),
    queuePrefix: prefix,
    httpPort: 0,
    httpHost: '127.0.0.1',
    shutdownTimeoutMs: 5_000,
    readiness: [],
    bindings: [
      ...buildBindings(env, { db, producer, redis, subscriber, logger }),
      bindQueue({
        queue: QUEUE.voiceSynthesis,
        concurrency: 2,
        handlers: {
          [JOB.synthesizeStory]: narrate,
          [JOB.synthesizeText]: async () => undefined,
          [JOB.synthesizeParagraphs]: async () => undefined,
        },
      }),
    ],
  });
});

afterAll(async () => {
  await runtime?.close();
  for (const queue of producer.all()) await queue.obliterate({ force: true }).catch(() => {});
  await producer.close();
  producerConnection.disconnect();
  redis.disconnect();
  subscriber.disconnect();
  await pool.end();
});

async function submit(userId: string, params = genericParams()) {
  const job = await outbox.transaction((_tx, scope) =>
    scope.add({
      kind: 'story_generation',
      queue: QUEUE.storyGeneration,
      jobName: JOB.generateStory,
      params: params as unknown as Record<string, unknown>,
      userId,
    }),
  );
  return { jobId: job.id, storyId: params.storyId };
}

const completed = (jobId: string) =>
  waitFor(async () => {
    const row = await findJobRecord(db, jobId);
    return row && ['completed', 'failed'].includes(row.status) ? row : undefined;
  });

describe('worker-story runtime', () => {
  it('generates through the queue and waits for the narration before completing', async () => {
    const userId = await createUser(db);
    const { jobId, storyId } = await submit(userId);
    const row = await completed(jobId);
    expect(row).toMatchObject({ status: 'completed', resultRef: storyId });
    // The narration finished within GENERATION_AUDIO_WAIT_MS, so the story had its audio first.
    const { rows } = await pool.query('select audio_url from stories where id = $1', [storyId]);
    expect(rows[0].audio_url).toBe(`http://media.test/audio/${storyId}.mp3`);
    expect(await producer.queue(QUEUE.storyGeneration).getJobState(jobId)).toBe('completed');
  });

  it('completes the generation when the narration fails', async () => {
    const userId = await createUser(db);
    const params = genericParams();
    failNarrationOf.add(params.storyId);
    const { jobId, storyId } = await submit(userId, params);
    expect(await completed(jobId)).toMatchObject({ status: 'completed', resultRef: storyId });
    const narration = await db.query.jobRequests.findFirst({
      where: (t, { and, eq }) => and(eq(t.kind, 'story_audio'), eq(t.userId, userId)),
    });
    expect(narration?.status).toBe('failed');
    const { rows } = await pool.query('select audio_url from stories where id = $1', [storyId]);
    expect(rows[0].audio_url).toBe('');
    expect((await jobRow(db, jobId)).error).toBeNull();
  });
});
