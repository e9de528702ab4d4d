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

/** Channel subscriptions per connection, counted: waiters and streams of one job share one. */
const held = new WeakMap<Redis, Map<string, number>>();

/**
 * Subscribes `redis` to `channel` for as long as the returned release is not called. Several
 * holders of one channel on one connection share the subscription (the last release unsubscribes),
 * and nothing awaits the SUBSCRIBE: during a Redis outage listeners simply hear nothing and their
 * polling answers instead of the request hanging.
 */
export function holdChannel(redis: Redis, channel: string): () => void {
  let counts = held.get(redis);
  if (!counts) {
    counts = new Map();
    held.set(redis, counts);
  }
  const holders = counts.get(channel) ?? 0;
  counts.set(channel, holders + 1);
  if (holders === 0) void redis.subscribe(channel).catch(() => undefined);
  let released = false;
  return () => {
    if (released || !counts) return;
    released = true;
    const left = (counts.get(channel) ?? 1) - 1;
    if (left > 0) {
      counts.set(channel, left);
      return;
    }
    counts.delete(channel);
    void redis.unsubscribe(channel).catch(() => undefined);
  };
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
  const release = holdChannel(subscriber, channel);
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
    release();
  }
}
