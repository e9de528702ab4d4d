import { randomUUID } from 'node:crypto';
import { testDatabaseUrl } from '@storytime/db/testing';
import { JOB, QUEUE, recordJob } from '@storytime/queue';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerInfrastructure, runWorker } from './bootstrap';
import { parseWorkerEnv } from './config';
import { bindQueue, type WorkerRuntime } from './runtime';

const LIFECYCLE_EVENTS = ['SIGTERM', 'SIGINT', 'uncaughtException', 'unhandledRejection'];
type Listener = (...args: unknown[]) => void;
const listenersOf = (event: string) => process.listeners(event as 'SIGTERM') as Listener[];
const listenersBefore = new Map(LIFECYCLE_EVENTS.map((event) => [event, listenersOf(event)]));

const prefix = `bull-test-${randomUUID().slice(0, 8)}`;
const env = parseWorkerEnv(
  { httpPort: 0, shutdownTimeoutMs: 5_000 },
  {},
  {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabaseUrl(),
    DB_POOL_MAX: '3',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    WORKER_HTTP_HOST: '127.0.0.1',
    OUTBOX_POLL_MS: '50',
  },
);
const infra = createWorkerInfrastructure('worker-kit-test', env);
const processed: string[] = [];
let runtime: WorkerRuntime | undefined;

afterAll(async () => {
  await runtime?.close();
  // runWorker installs the process's signal handlers; this test process keeps its own.
  for (const event of LIFECYCLE_EVENTS) {
    const before = listenersBefore.get(event) ?? [];
    for (const listener of listenersOf(event)) {
      if (!before.includes(listener)) process.removeListener(event, listener);
    }
  }
});

describe('runWorker', () => {
  it('runs the outbox relay: a committed pending row reaches its worker without the fast path', async () => {
    // Recorded without the after-commit enqueue, as when Redis was down at commit time.
    const job = await recordJob(infra.db, {
      kind: 'media_transfer',
      queue: QUEUE.media,
      jobName: JOB.mediaTransfer,
    });
    // Reads the row before the runtime closes the pool.
    const statusOf = async (id: string) =>
      (await infra.db.query.jobRequests.findFirst({ where: (t, { eq }) => eq(t.id, id) }))?.status;
    expect(await statusOf(job.id)).toBe('pending');

    runtime = await runWorker('worker-kit-test', infra, [
      bindQueue({
        queue: QUEUE.media,
        concurrency: 1,
        handlers: {
          [JOB.mediaTransfer]: async (bullJob: Job<{ jobRequestId: string }>) => {
            processed.push(bullJob.data.jobRequestId);
          },
          [JOB.mediaDelete]: async () => undefined,
        },
      }),
    ]);

    const started = Date.now();
    while (!processed.includes(job.id)) {
      if (Date.now() - started > 10_000) throw new Error('the relay did not enqueue the pending row');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await statusOf(job.id)).toBe('queued');

    await runtime.close();
    // The relay stopped with the runtime: its pool and producer are closed without errors.
    expect(runtime.isClosing()).toBe(true);
    await infra.producer
      .queue(QUEUE.media)
      .obliterate({ force: true })
      .catch(() => {});
  });
});
