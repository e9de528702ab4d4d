import type { Db } from '@storytime/db';
import { findJobRecord, type JobRecord } from '@storytime/db/repositories/job-requests';
import type { Redis } from 'ioredis';
import { jobEventsChannel } from '../names';

/** What a job publishes on `job-events:{jobId}` (platform.md §10.2); SSE and waiting requests listen. */
export interface JobEvent {
  status: JobRecord['status'];
  stage?: string | null;
  progress?: number;
  storyId?: string;
  resultRef?: string | null;
  error?: string | null;
}

const FINAL = new Set(['completed', 'failed', 'cancelled']);

export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}

/** Best effort: a Redis outage only slows listeners down (they poll the row too). */
export async function publishJobEvent(
  redis: Redis,
  prefix: string,
  jobId: string,
  event: JobEvent,
): Promise<void> {
  await redis.publish(`${prefix}${jobEventsChannel(jobId)}`, JSON.stringify(event)).catch(() => 0);
}

/**
 * Waits until the job row reaches a final status or the timeout passes (platform.md §10.3 item 6):
 * woken by the job's pub/sub events, and polling the row every `pollMs` so a Redis outage only
 * slows it down. Returns the last row seen; the caller answers 202 when it is not final.
 */
export async function waitForJob(options: {
  db: Db;
  subscriber: Redis;
  prefix: string;
  jobId: string;
  timeoutMs: number;
  pollMs?: number;
  signal?: AbortSignal;
}): Promise<JobRecord | undefined> {
  const { db, subscriber, prefix, jobId } = options;
  const channel = `${prefix}${jobEventsChannel(jobId)}`;
  let wake: () => void = () => {};
  const onMessage = (received: string) => {
    if (received === channel) wake();
  };
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel).catch(() => undefined);
  const deadline = Date.now() + options.timeoutMs;
  try {
    for (;;) {
      const row = await findJobRecord(db, jobId);
      if (!row || isFinalStatus(row.status) || Date.now() >= deadline || options.signal?.aborted) return row;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          resolve,
          Math.min(options.pollMs ?? 500, Math.max(0, deadline - Date.now())),
        );
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    subscriber.off('message', onMessage);
    await subscriber.unsubscribe(channel).catch(() => undefined);
  }
}
