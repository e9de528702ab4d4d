import { randomUUID } from 'node:crypto';
import { createPool, pingDatabase } from '@storytime/db';
import { testDatabaseConfig } from '@storytime/db/testing';
import { AppError } from '@storytime/errors';
import { createLogger } from '@storytime/observability';
import { createQueueProducer, createRedis, JOB, MissingHandlerError, QUEUE } from '@storytime/queue';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindQueue, startWorkerRuntime, type WorkerRuntime } from './runtime';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-${randomUUID().slice(0, 8)}`;
const logger = createLogger({ service: 'worker-test', level: 'silent' });
const producerConnection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(producerConnection, prefix);
const pool = createPool(testDatabaseConfig(), { logger });

const processed: string[] = [];
let releaseSlowJob: () => void = () => {};

function startRuntime(): Promise<WorkerRuntime> {
  return startWorkerRuntime({
    service: 'worker-test',
    logger,
    createWorkerConnection: () => createRedis(redisUrl, 'worker'),
    queuePrefix: prefix,
    httpPort: 0,
    httpHost: '127.0.0.1',
    shutdownTimeoutMs: 10_000,
    queueSampleIntervalMs: 200,
    readiness: [{ name: 'database', check: async () => (await pingDatabase(pool, 1000)).ok }],
    bindings: [
      bindQueue({
        queue: QUEUE.media,
        concurrency: 2,
        handlers: {
          [JOB.mediaTransfer]: async (job: Job<{ jobRequestId: string }>) => {
            processed.push(job.data.jobRequestId);
            return { ok: true };
          },
          [JOB.mediaDelete]: async (job: Job<{ jobRequestId: string }>) => {
            if (job.data.jobRequestId.startsWith('0')) {
              throw new AppError('VALIDATION_ERROR', 'permanent failure');
            }
            await new Promise<void>((resolve) => {
              releaseSlowJob = resolve;
            });
            processed.push(`slow:${job.data.jobRequestId}`);
          },
        },
      }),
    ],
  });
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('worker runtime', () => {
  let runtime: WorkerRuntime;
  beforeAll(async () => {
    runtime = await startRuntime();
  });
  afterAll(async () => {
    await runtime.close();
    for (const queue of producer.all()) await queue.obliterate({ force: true }).catch(() => {});
    await producer.close();
    producerConnection.disconnect();
    await pool.end();
  });

  it('refuses to start when a job of a bound queue has no handler', async () => {
    await expect(
      startWorkerRuntime({
        service: 'broken',
        logger,
        createWorkerConnection: () => createRedis(redisUrl, 'worker'),
        queuePrefix: prefix,
        httpPort: 0,
        shutdownTimeoutMs: 1000,
        readiness: [],
        bindings: [
          bindQueue({
            queue: QUEUE.media,
            concurrency: 1,
            handlers: { [JOB.mediaTransfer]: async () => {} } as never,
          }),
        ],
      }),
    ).rejects.toThrow(MissingHandlerError);
  });

  it('processes jobs through the handler table', async () => {
    const id = randomUUID();
    await producer.enqueue(QUEUE.media, JOB.mediaTransfer, { jobRequestId: id }, { jobId: id });
    await waitFor(() => processed.includes(id));
  });

  it('fails a job permanently when the handler throws a non-retryable domain error', async () => {
    const id = `0${randomUUID().slice(1)}`;
    await producer.enqueue(QUEUE.media, JOB.mediaDelete, { jobRequestId: id }, { jobId: id });
    const queue = producer.queue(QUEUE.media);
    await waitFor(async () => (await queue.getJob(id))?.failedReason !== undefined);
    const job = await queue.getJob(id);
    expect(job?.failedReason).toBe('permanent failure');
    expect(job?.attemptsMade).toBe(1);
  });

  it('serves health, readiness and metrics on its own port', async () => {
    const base = `http://127.0.0.1:${runtime.port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'worker-test' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: 'up' } });
    await waitFor(async () => (await (await fetch(`${base}/metrics`)).text()).includes('queue_jobs{'));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('queue_jobs_processed_total');
    expect(metrics).toContain('queue_job_duration_seconds_bucket');
  });

  it('lets an active job finish on shutdown and reports not-ready while draining', async () => {
    const id = randomUUID();
    await producer.enqueue(QUEUE.media, JOB.mediaDelete, { jobRequestId: id }, { jobId: id });
    const queue = producer.queue(QUEUE.media);
    await waitFor(async () => (await queue.getJob(id))?.processedOn !== undefined);
    const closing = runtime.close();
    expect(runtime.isClosing()).toBe(true);
    const ready = await fetch(`http://127.0.0.1:${runtime.port}/ready`).catch(() => undefined);
    if (ready) expect(ready.status).toBe(503);
    releaseSlowJob();
    await closing;
    expect(processed).toContain(`slow:${id}`);
    expect(await (await queue.getJob(id))?.isCompleted()).toBe(true);
  });
});
