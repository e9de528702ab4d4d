import { randomUUID } from 'node:crypto';
import { createLogger } from '@storytime/observability';
import { createRedis, JOB, QUEUE, QUEUE_CONTRACTS } from '@storytime/queue';
import { describe, expect, it } from 'vitest';
import { bindQueue, startWorkerRuntime, workerLockOptions } from './runtime';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('worker lock options', () => {
  it('uses the queue contract lock with a 30 s stalled check by default', () => {
    expect(workerLockOptions({ queue: QUEUE.storyGeneration })).toEqual({
      lockDuration: QUEUE_CONTRACTS[QUEUE.storyGeneration].lockDurationMs,
      stalledInterval: 30_000,
      maxStalledCount: 1,
    });
    expect(workerLockOptions({ queue: QUEUE.email }).lockDuration).toBe(60_000);
  });

  it('takes a binding override, checking for stalled jobs as often as the shorter lock lasts', () => {
    expect(workerLockOptions({ queue: QUEUE.storyGeneration, lockDurationMs: 2_000 })).toEqual({
      lockDuration: 2_000,
      stalledInterval: 2_000,
      maxStalledCount: 1,
    });
    expect(workerLockOptions({ queue: QUEUE.storyGeneration, lockDurationMs: 300_000 }).stalledInterval).toBe(
      30_000,
    );
  });

  it('passes the override to the BullMQ worker of that binding only', async () => {
    const runtime = await startWorkerRuntime({
      service: 'lock-test',
      logger: createLogger({ service: 'lock-test', level: 'silent' }),
      createWorkerConnection: () => createRedis(redisUrl, 'worker'),
      queuePrefix: `bull-test-${randomUUID().slice(0, 8)}`,
      httpPort: 0,
      httpHost: '127.0.0.1',
      shutdownTimeoutMs: 5_000,
      readiness: [],
      bindings: [
        bindQueue({
          queue: QUEUE.storyGeneration,
          concurrency: 1,
          lockDurationMs: 3_000,
          handlers: { [JOB.generateStory]: async () => undefined },
        }),
        bindQueue({
          queue: QUEUE.emailMaintenance,
          concurrency: 1,
          handlers: { [JOB.weeklyReports]: async () => undefined },
        }),
      ],
    });
    try {
      const [story, maintenance] = runtime.workers;
      expect(story?.opts).toMatchObject({ lockDuration: 3_000, stalledInterval: 3_000, maxStalledCount: 1 });
      expect(maintenance?.opts).toMatchObject({ lockDuration: 60_000, stalledInterval: 30_000 });
    } finally {
      await runtime.close();
    }
  });
});
