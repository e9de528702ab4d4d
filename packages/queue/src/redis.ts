import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection settings by role (BullMQ production guide):
 * - `producer` / `command` (API enqueues, cache, limiter): fail fast with no offline queue, so a
 *   Redis outage becomes a clear error the caller can handle (outbox row stays pending, cache
 *   falls back to the database) instead of requests hanging on a queued command.
 * - `worker` / `subscriber`: retry forever; BullMQ workers require `maxRetriesPerRequest: null`.
 */
export type RedisRole = 'producer' | 'command' | 'worker' | 'subscriber';

export function redisOptionsFor(role: RedisRole): RedisOptions {
  const reconnect = (attempt: number) => Math.min(attempt * 200, 2_000);
  switch (role) {
    case 'producer':
    case 'command':
      return {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
        retryStrategy: reconnect,
      };
    case 'worker':
    case 'subscriber':
      return {
        enableOfflineQueue: true,
        maxRetriesPerRequest: null,
        connectTimeout: 5_000,
        retryStrategy: reconnect,
      };
  }
}

export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    ...redisOptionsFor(role),
    ...extra,
    connectionName: extra.connectionName ?? role,
  });
  // ioredis emits 'error' on every failed reconnect; without a listener Node would crash the process.
  redis.on('error', () => {});
  return redis;
}

/** Waits for the first successful connection, so start-up ordering is explicit. */
export async function waitForRedis(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

export type { Redis };
