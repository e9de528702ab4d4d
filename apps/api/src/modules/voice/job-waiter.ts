import type { Db } from '@storytime/db';
import { findJobRecord, type JobRecord } from '@storytime/db/repositories/job-requests';
import { createRedis, type Redis, waitForJob } from '@storytime/queue';

/**
 * Waiting routes (platform.md §10.3 item 6) listen for job events on ONE subscriber connection per
 * app, opened on the first wait (most requests are cache hits and never need it) and closed with the
 * app. `waitForJob` never blocks on the subscription, so a Redis outage only means polling the row.
 */
export function createJobWaiter(deps: { db: Db; redisUrl: string; prefix: string }) {
  let subscriber: Redis | undefined;
  const connection = () => {
    subscriber ??= createRedis(deps.redisUrl, 'subscriber', { connectionName: 'api-job-events' });
    return subscriber;
  };

  /** The job row once final, or as it stands when `timeoutMs` has passed. */
  async function wait(jobId: string, timeoutMs: number): Promise<JobRecord | undefined> {
    if (timeoutMs <= 0) return findJobRecord(deps.db, jobId);
    return waitForJob({ db: deps.db, subscriber: connection(), prefix: deps.prefix, jobId, timeoutMs });
  }

  async function close(): Promise<void> {
    const open = subscriber;
    subscriber = undefined;
    if (!open) return;
    await open.quit().catch(() => open.disconnect());
  }

  return { wait, close };
}

export type JobWaiter = ReturnType<typeof createJobWaiter>;
