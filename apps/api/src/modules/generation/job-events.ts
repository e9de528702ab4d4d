import type { OutgoingHttpHeaders } from 'node:http';
import type { Db } from '@storytime/db';
import { findJobRecord, type JobRecord } from '@storytime/db/repositories/job-requests';
import type { Logger } from '@storytime/observability';
import { createRedis, holdChannel, jobEventsChannel, type Redis, waitForRedis } from '@storytime/queue';
import type { FastifyReply } from 'fastify';

/**
 * Job events for the generation routes (platform.md §10.2): one subscriber connection per app,
 * opened on first use, shared by every waiting request and event stream.
 */
export interface JobEventHub {
  /** The subscriber connection (for `waitForJob`). */
  subscriber(): Redis;
  /** The subscriber once connected, waiting at most `timeoutMs` (then polling covers for it). */
  ready(timeoutMs?: number): Promise<Redis>;
  /** Calls `listener` on every event of the job until the returned function is called. */
  listen(jobId: string, listener: () => void): Promise<() => Promise<void>>;
  close(): void;
}

export function createJobEventHub(options: { redisUrl: string; prefix: string }): JobEventHub {
  let connection: Redis | undefined;
  const listeners = new Map<string, Set<() => void>>();

  function subscriber(): Redis {
    if (!connection) {
      // No offline queue: while Redis is down a subscribe fails at once and the waiters fall back
      // to polling the row, instead of hanging until Redis comes back.
      connection = createRedis(options.redisUrl, 'subscriber', { enableOfflineQueue: false });
      connection.on('message', (channel: string) => {
        for (const listener of listeners.get(channel) ?? []) listener();
      });
    }
    return connection;
  }

  async function ready(timeoutMs = 1_000): Promise<Redis> {
    const redis = subscriber();
    if (redis.status !== 'ready') await waitForRedis(redis, timeoutMs).catch(() => undefined);
    return redis;
  }

  /** The subscription is shared with `waitForJob` on the same connection (`holdChannel` counts). */
  async function listen(jobId: string, listener: () => void) {
    const redis = subscriber();
    const channel = `${options.prefix}${jobEventsChannel(jobId)}`;
    let set = listeners.get(channel);
    if (!set) {
      set = new Set();
      listeners.set(channel, set);
    }
    set.add(listener);
    const release = holdChannel(redis, channel);
    return async () => {
      release();
      set.delete(listener);
      if (set.size === 0 && listeners.get(channel) === set) listeners.delete(channel);
    };
  }

  return {
    subscriber,
    ready,
    listen,
    close() {
      connection?.disconnect();
      connection = undefined;
      listeners.clear();
    },
  };
}

export interface StreamOptions {
  db: Db;
  hub: JobEventHub;
  logger: Logger;
  jobId: string;
  /** A comment line keeps proxies from closing an idle stream (api.md GEN-05: every 15 s). */
  heartbeatMs?: number;
  /** The row is also polled, so a Redis outage only slows the stream down (platform.md §10.2). */
  pollMs?: number;
  /** Ends the stream (server shutdown: clients reconnect elsewhere and get the current state). */
  signal?: AbortSignal;
}

/** What a GEN-05 client receives: `progress`, then `completed` or `failed`. */
export type StreamEvent =
  | { event: 'progress'; data: { status: JobRecord['status']; stage: string; progress: number } }
  | { event: 'completed'; data: { storyId: string | null } }
  | { event: 'failed'; data: { error: string | null } };

/** The event a row's state is shown as, and whether the stream ends after it. */
export function eventOf(row: JobRecord): { event: StreamEvent; final: boolean } {
  if (row.status === 'completed')
    return { event: { event: 'completed', data: { storyId: row.resultRef } }, final: true };
  if (row.status === 'failed') return { event: { event: 'failed', data: { error: row.error } }, final: true };
  return {
    event: {
      event: 'progress',
      data: { status: row.status, stage: row.stage ?? 'queued', progress: row.progress },
    },
    final: row.status === 'cancelled',
  };
}

/**
 * GEN-05 over the raw response: the reply is hijacked, so no onSend hook (envelope, compression)
 * touches the stream. The current state is sent first (which is also the whole of a reconnect's
 * replay, `Last-Event-ID` or not), then every change; the stream ends after a final state or when
 * the client goes away.
 */
export async function streamJobEvents(reply: FastifyReply, options: StreamOptions): Promise<void> {
  const { db, hub, jobId } = options;
  const raw = reply.raw;
  const inherited: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined && name !== 'content-length') inherited[name] = value;
  }
  reply.hijack();
  raw.writeHead(200, {
    ...inherited,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.flushHeaders();

  let closed = false;
  let wake: () => void = () => {};
  // An event that arrives while the row is being read must not wait for the next poll.
  let signalled = false;
  let sequence = 0;
  const write = (chunk: string) => {
    if (!closed && !raw.writableEnded) raw.write(chunk);
  };
  const send = ({ event, data }: StreamEvent) => {
    sequence += 1;
    write(`id: ${sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const end = () => {
    closed = true;
    wake();
  };
  raw.on('close', end);
  options.signal?.addEventListener('abort', end, { once: true });
  if (options.signal?.aborted) end();
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
  const stopListening = await hub.listen(jobId, () => {
    signalled = true;
    wake();
  });

  try {
    let last = '';
    while (!closed) {
      const row = await findJobRecord(db, jobId);
      if (!row) break;
      const state = `${row.status}|${row.stage}|${row.progress}`;
      if (state !== last) {
        last = state;
        const { event, final } = eventOf(row);
        send(event);
        if (final) break;
      }
      if (signalled) {
        signalled = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 500);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      signalled = false;
    }
  } catch (error) {
    options.logger.warn({ err: error, jobId }, 'job event stream failed');
  } finally {
    options.signal?.removeEventListener('abort', end);
    clearInterval(heartbeat);
    if (!raw.writableEnded) raw.end();
    await stopListening();
  }
}
