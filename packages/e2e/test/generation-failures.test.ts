import { createLogger } from '@storytime/observability';
import { createOutboxRelay, createQueueProducer, createRedis, QUEUE } from '@storytime/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  type FakeGemini,
  type StoryWorkerProcess,
  spawnStoryWorker,
  startApi,
  startFakeGemini,
  startHoldingProxy,
  startThrowawayRedis,
  type ThrowawayRedis,
  waitFor,
} from './generation-helpers';

/**
 * D16 across processes (platform.md §10.1–10.3), one scenario at a time in this file: every worker
 * here is a real `worker-story` process, and its outbox relay scans the whole test database, so
 * two of these scenarios must never run side by side.
 *
 * (a) Redis is down while a generation request is accepted: the job waits in the outbox.
 * (b) A worker is SIGKILLed mid-job: once its lock expires another worker finishes the job, once.
 * (c) SIGTERM while a job runs: the worker finishes the job before it exits.
 */

let redis: ThrowawayRedis;
let api: Api;
let gemini: FakeGemini;
let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
const workers: StoryWorkerProcess[] = [];
const logger = createLogger({ service: 'e2e-generation', level: 'silent' });

function startWorker(): StoryWorkerProcess {
  const worker = spawnStoryWorker({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    DB_POOL_MAX: '3',
    REDIS_URL: redis.url,
    QUEUE_PREFIX: api.prefixes.queue,
    CACHE_PREFIX: api.prefixes.cache,
    WORKER_HTTP_PORT: '0',
    WORKER_HTTP_HOST: '127.0.0.1',
    SHUTDOWN_TIMEOUT_MS: '30000',
    // The test drives the relay itself; the workers' own relay must not run in between.
    OUTBOX_POLL_MS: '600000',
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: proxy.baseUrl,
    GENERATION_AUDIO_WAIT_MS: '300',
    STORY_GENERATION_LOCK_MS: '2000',
  });
  workers.push(worker);
  return worker;
}

async function stopWorker(worker: StoryWorkerProcess) {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker.exited;
}

async function rowOf(jobId: string) {
  const { rows } = await api.infra.pool.query(
    'select status, stage, attempts, result_ref, params, error from job_requests where id = $1',
    [jobId],
  );
  return rows[0] as {
    status: string;
    stage: string | null;
    attempts: number;
    result_ref: string | null;
    params: { storyId: string };
    error: string | null;
  };
}

async function storyCounts(userId: string, storyId: string) {
  const { rows } = await api.infra.pool.query(
    `select (select count(*)::int from stories where id = $2) as by_id,
            (select count(*)::int from stories where owner_user_id = $1) as owned,
            (select gemini_story_count from user_usages where user_id = $1) as counted`,
    [userId, storyId],
  );
  return rows[0] as { by_id: number; owned: number; counted: number };
}

async function submit(parent: { headers: Record<string, string> }) {
  const response = await api.app.inject({
    method: 'POST',
    url: '/api/v1/stories/generate/async',
    headers: parent.headers,
    payload: { themes: ['Adventure'], kidName: 'Rafi' },
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json().data.jobId as string;
}

const completedRow = (jobId: string, timeoutMs: number) =>
  waitFor(
    async () => {
      const row = await rowOf(jobId);
      return row.status === 'completed' ? row : undefined;
    },
    timeoutMs,
    `job ${jobId} completed`,
  );

beforeAll(async () => {
  redis = await startThrowawayRedis();
  api = await startApi(redis.url);
  gemini = await startFakeGemini();
  proxy = await startHoldingProxy(gemini.baseUrl);
});

afterAll(async () => {
  proxy?.release();
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  }
  await api?.close();
  await proxy?.close();
  await gemini?.close();
  await redis?.stop();
});

describe('story generation across processes (D16)', () => {
  it('(a) accepts a request while Redis is down and generates it exactly once after Redis returns', async () => {
    const parent = await api.createParent();
    await redis.stop();

    const jobId = await submit(parent);
    const pending = await rowOf(jobId);
    expect(pending.status).toBe('pending');

    await redis.start();
    const producerConnection = createRedis(redis.url, 'producer');
    const producer = createQueueProducer(producerConnection, api.prefixes.queue);
    const relay = createOutboxRelay({ db: api.app.core.db, producer, logger, pollMs: 600_000 });
    try {
      await waitFor(async () => (await relay.relayOnce()) > 0 || undefined, 10_000, 'relay pass');
      expect((await rowOf(jobId)).status).toBe('queued');
      // A second pass (or another instance's relay) adds nothing: the job id is the row id.
      await relay.relayOnce();
      expect(
        await producer.queue(QUEUE.storyGeneration).getJobCounts('prioritized', 'waiting'),
      ).toMatchObject({
        prioritized: 1,
      });
    } finally {
      await relay.stop();
      await producer.close();
      producerConnection.disconnect();
    }

    const worker = startWorker();
    const done = await completedRow(jobId, 40_000);
    expect(done.result_ref).toBe(pending.params.storyId);
    expect(done.attempts).toBe(1);
    expect(await storyCounts(parent.id, pending.params.storyId)).toEqual({ by_id: 1, owned: 1, counted: 1 });
    await stopWorker(worker);
    expect(await worker.exited).toBe(0);
  }, 60_000);

  it('(b) lets another worker finish a job whose worker was killed mid-job, writing one story', async () => {
    const parent = await api.createParent();
    gemini.reset();
    proxy.hold();
    const jobId = await submit(parent);
    const storyId = (await rowOf(jobId)).params.storyId;

    const first = startWorker();
    const before = proxy.received();
    await waitFor(async () => proxy.received() > before || undefined, 30_000, 'the model call');
    expect(await rowOf(jobId)).toMatchObject({ status: 'running', stage: 'generating_content' });

    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    proxy.release();

    const second = startWorker();
    const done = await completedRow(jobId, 45_000);
    expect(done.result_ref).toBe(storyId);
    expect(done.attempts).toBe(2);
    expect(await storyCounts(parent.id, storyId)).toEqual({ by_id: 1, owned: 1, counted: 1 });
    await stopWorker(second);
  }, 70_000);

  it('(c) finishes the active job on SIGTERM before exiting', async () => {
    const parent = await api.createParent();
    proxy.hold();
    const jobId = await submit(parent);
    const storyId = (await rowOf(jobId)).params.storyId;

    const worker = startWorker();
    const before = proxy.received();
    await waitFor(async () => proxy.received() > before || undefined, 30_000, 'the model call');
    // Past start-up: the signal handlers are installed before the worker takes jobs' answers.
    await new Promise((resolve) => setTimeout(resolve, 300));
    worker.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(worker.child.exitCode).toBeNull();
    expect((await rowOf(jobId)).status).toBe('running');

    proxy.release();
    expect(await worker.exited).toBe(0);
    const row = await rowOf(jobId);
    expect(row).toMatchObject({ status: 'completed', result_ref: storyId, attempts: 1 });
    expect(await storyCounts(parent.id, storyId)).toEqual({ by_id: 1, owned: 1, counted: 1 });
    expect(worker.output.join('')).not.toMatch(/did not finish in time/);
  }, 60_000);
});
