import { randomUUID } from 'node:crypto';
import { createDb, createPool, jobRequests } from '@storytime/db';
import { testDatabaseConfig } from '@storytime/db/testing';
import { createLogger } from '@storytime/observability';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { JOB, QUEUE } from '../names';
import { createQueueProducer } from '../producer';
import { createRedis } from '../redis';
import { createOutbox } from './outbox';
import { createOutboxRelay } from './relay';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-${randomUUID().slice(0, 8)}`;
const logger = createLogger({ service: 'outbox-test', level: 'silent' });
const pool = createPool(testDatabaseConfig());
const db = createDb(pool);
const connection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(connection, prefix);
// A producer whose Redis is unreachable: enqueues fail fast, as in an outage.
const deadConnection = createRedis('redis://127.0.0.1:1', 'producer', { lazyConnect: true });
const deadProducer = createQueueProducer(deadConnection, prefix);

afterAll(async () => {
  for (const queue of producer.all()) await queue.obliterate({ force: true }).catch(() => {});
  await producer.close();
  await deadProducer.close().catch(() => {});
  connection.disconnect();
  deadConnection.disconnect();
  await pool.end();
});

const emailIntent = { kind: 'email' as const, queue: QUEUE.email, jobName: JOB.sendEmail, priority: 1 };

async function statusOf(id: string) {
  const [row] = await db
    .select({ status: jobRequests.status })
    .from(jobRequests)
    .where(eq(jobRequests.id, id));
  return row?.status;
}

describe('transactional outbox', () => {
  it('enqueues the job after commit with the row id as job id', async () => {
    const outbox = createOutbox(db, producer, logger);
    const job = await outbox.transaction(async (_tx, scope) =>
      scope.add({ ...emailIntent, params: { to: 'a@b.c' } }),
    );
    expect(await statusOf(job.id)).toBe('queued');
    const queued = await producer.queue(QUEUE.email).getJob(job.id);
    expect(queued?.data).toMatchObject({ jobRequestId: job.id });
    expect(queued?.opts.priority).toBe(1);
  });

  it('records nothing when the transaction rolls back', async () => {
    const outbox = createOutbox(db, producer, logger);
    let id = '';
    await expect(
      outbox.transaction(async (_tx, scope) => {
        id = (await scope.add(emailIntent)).id;
        throw new Error('business write failed');
      }),
    ).rejects.toThrow('business write failed');
    expect(await statusOf(id)).toBeUndefined();
    expect(await producer.queue(QUEUE.email).getJob(id)).toBeUndefined();
  });

  it('keeps the job pending through a Redis outage, and the relay enqueues it exactly once', async () => {
    const outbox = createOutbox(db, deadProducer, logger);
    const job = await outbox.transaction(async (_tx, scope) => scope.add(emailIntent));
    expect(await statusOf(job.id)).toBe('pending');

    const relay = createOutboxRelay({ db, producer, logger, pollMs: 60_000 });
    try {
      expect(await relay.relayOnce()).toBeGreaterThanOrEqual(1);
      expect(await statusOf(job.id)).toBe('queued');
      expect(await relay.relayOnce()).toBe(0);
      const jobs = await producer.queue(QUEUE.email).getJobs(['prioritized', 'waiting']);
      expect(jobs.filter((j) => j.id === job.id)).toHaveLength(1);
    } finally {
      await relay.stop();
    }
  });

  it('puts back to pending a queued row whose BullMQ job vanished', async () => {
    const [row] = await db
      .insert(jobRequests)
      .values({
        ...emailIntent,
        status: 'queued',
        enqueuedAt: sql`now() - interval '20 minutes'`,
        createdAt: sql`now() - interval '20 minutes'`,
      })
      .returning({ id: jobRequests.id });
    const relay = createOutboxRelay({ db, producer, logger, pollMs: 60_000 });
    try {
      expect(await relay.reconcileOnce()).toBeGreaterThanOrEqual(1);
      expect(await statusOf(row!.id)).toBe('pending');
    } finally {
      await relay.stop();
    }
  });
});
