import { type Db, jobRequests } from '@storytime/db';
import { gauge, type Logger } from '@storytime/observability';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import type { QueueName } from '../names';
import type { QueueProducer } from '../producer';
import { markQueued, payloadFor } from './dispatch';

const pendingGauge = gauge('outbox_pending', 'Outbox rows committed but not yet enqueued', ['kind']);
const lagGauge = gauge('outbox_relay_lag_seconds', 'Age of the oldest pending outbox row');

/** One advisory lock id for "the relay leader" across every API and worker instance. */
const RELAY_LOCK_ID = 7_346_201;

export interface OutboxRelayOptions {
  db: Db;
  producer: QueueProducer;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
  reconcileEveryMs?: number;
  /** `queued`/`running` rows older than this whose BullMQ job vanished go back to `pending`. */
  staleAfterMs?: number;
}

export interface OutboxRelay {
  /** One relay pass; returns how many rows were enqueued (tests drive it directly). */
  relayOnce(): Promise<number>;
  /** One reconciler pass; returns how many rows were put back to `pending`. */
  reconcileOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The D16 relay (platform.md §10.3): every instance runs it, one at a time through a transaction-
 * scoped advisory lock. It enqueues committed `pending` rows with their fixed job ids, and the
 * reconciler returns rows whose BullMQ job disappeared (Redis flushed) to `pending`.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, producer, logger } = options;
  const batchSize = options.batchSize ?? 100;

  async function relayOnce(): Promise<number> {
    return db.transaction(async (tx) => {
      const locked = await tx.execute<{ locked: boolean }>(
        sql`select pg_try_advisory_xact_lock(${RELAY_LOCK_ID}) as locked`,
      );
      if (!locked.rows[0]?.locked) return 0;
      const rows = await tx
        .select({
          id: jobRequests.id,
          queue: jobRequests.queue,
          jobName: jobRequests.jobName,
          priority: jobRequests.priority,
          requestId: jobRequests.requestId,
          traceparent: jobRequests.traceparent,
        })
        .from(jobRequests)
        .where(and(sql`${jobRequests.status} = 'pending'`, lte(jobRequests.availableAt, sql`now()`)))
        .orderBy(asc(jobRequests.availableAt))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      const enqueued: string[] = [];
      for (const row of rows) {
        const job = { ...row, queue: row.queue as QueueName };
        try {
          await producer.enqueue(job.queue, job.jobName as never, payloadFor(job) as never, {
            jobId: job.id,
            priority: job.priority,
          });
          enqueued.push(job.id);
        } catch (error) {
          if (error instanceof ZodError) {
            // A payload that can never pass its contract must not block every job behind it.
            await tx
              .update(jobRequests)
              .set({ status: 'failed', error: `invalid job payload: ${error.message}`.slice(0, 2000) })
              .where(eq(jobRequests.id, job.id));
            logger.error({ jobRequestId: job.id }, 'outbox row has an invalid payload; marked failed');
            continue;
          }
          logger.warn({ err: error, jobRequestId: job.id }, 'outbox relay could not enqueue; will retry');
          break; // Redis is likely down: stop this pass instead of failing every row.
        }
      }
      if (enqueued.length > 0) await markQueued(tx, enqueued);
      return enqueued.length;
    });
  }

  async function reconcileOnce(): Promise<number> {
    const staleAfterSeconds = Math.round((options.staleAfterMs ?? 600_000) / 1000);
    const stale = await db
      .select({ id: jobRequests.id, queue: jobRequests.queue })
      .from(jobRequests)
      .where(
        and(
          inArray(jobRequests.status, ['queued', 'running']),
          sql`coalesce(${jobRequests.startedAt}, ${jobRequests.enqueuedAt}, ${jobRequests.createdAt}) < now() - make_interval(secs => ${staleAfterSeconds})`,
        ),
      )
      .limit(batchSize);
    const lost: string[] = [];
    for (const row of stale) {
      try {
        const job = await producer.queue(row.queue as QueueName).getJob(row.id);
        if (!job) lost.push(row.id);
      } catch {
        return 0; // Redis unreachable: nothing can be decided now.
      }
    }
    if (lost.length > 0) {
      await db
        .update(jobRequests)
        .set({ status: 'pending', availableAt: sql`now()` })
        .where(and(inArray(jobRequests.id, lost), inArray(jobRequests.status, ['queued', 'running'])));
      logger.warn({ count: lost.length }, 'outbox reconciler re-queued jobs lost from Redis');
    }
    return lost.length;
  }

  async function sampleMetrics(): Promise<void> {
    const rows = await db
      .select({
        kind: jobRequests.kind,
        count: sql<number>`count(*)::int`,
        oldest: sql<number>`extract(epoch from now() - min(${jobRequests.createdAt}))::float`,
      })
      .from(jobRequests)
      .where(sql`${jobRequests.status} = 'pending'`)
      .groupBy(jobRequests.kind);
    pendingGauge.reset();
    for (const row of rows) pendingGauge.set({ kind: row.kind }, row.count);
    lagGauge.set(rows.reduce((max, row) => Math.max(max, row.oldest ?? 0), 0));
  }

  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let lastReconcile = 0;
  const tick = async () => {
    try {
      await relayOnce();
      if (Date.now() - lastReconcile >= (options.reconcileEveryMs ?? 60_000)) {
        lastReconcile = Date.now();
        await reconcileOnce();
        await sampleMetrics();
      }
    } catch (error) {
      logger.warn({ err: error }, 'outbox relay pass failed');
    }
  };
  const timer = setInterval(() => {
    if (!stopped) running = running.then(tick);
  }, options.pollMs ?? 1000);
  timer.unref();

  return {
    relayOnce,
    reconcileOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
