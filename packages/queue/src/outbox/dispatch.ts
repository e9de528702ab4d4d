import { type Db, type DbOrTx, jobRequests } from '@storytime/db';
import type { Logger } from '@storytime/observability';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { QueueProducer } from '../producer';
import type { RecordedJob } from './record';

/** The BullMQ payload of an outbox job: ids only, plus the request's trace and id (platform.md §10). */
export function payloadFor(job: RecordedJob) {
  return {
    jobRequestId: job.id,
    _meta: {
      ...(job.requestId ? { requestId: job.requestId } : {}),
      ...(job.traceparent ? { traceparent: job.traceparent } : {}),
      enqueuedAt: new Date().toISOString(),
    },
  };
}

/**
 * Enqueues committed jobs right away (the fast path). A failure here loses nothing: the rows stay
 * `pending` and the relay enqueues them; the fixed job id makes a double add harmless.
 */
export async function dispatchRecordedJobs(
  db: Db,
  producer: QueueProducer,
  jobs: RecordedJob[],
  logger?: Logger,
): Promise<string[]> {
  const enqueued: string[] = [];
  await Promise.all(
    jobs.map(async (job) => {
      try {
        await producer.enqueue(job.queue, job.jobName as never, payloadFor(job) as never, {
          jobId: job.id,
          priority: job.priority,
        });
        enqueued.push(job.id);
      } catch (error) {
        logger?.warn(
          { err: error, jobRequestId: job.id, queue: job.queue },
          'enqueue failed; the outbox relay will retry',
        );
      }
    }),
  );
  if (enqueued.length > 0) await markQueued(db, enqueued);
  return enqueued;
}

export async function markQueued(db: DbOrTx, ids: string[]): Promise<void> {
  await db
    .update(jobRequests)
    .set({ status: 'queued', enqueuedAt: sql`now()` })
    .where(and(inArray(jobRequests.id, ids), eq(jobRequests.status, 'pending')));
}
