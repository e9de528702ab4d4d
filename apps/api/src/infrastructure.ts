import { type Cache, createCache } from '@storytime/cache';
import { createDb, createPool, type Db, type Pool } from '@storytime/db';
import type { Logger } from '@storytime/observability';
import {
  createQueueProducer,
  createRedis,
  type QueueProducer,
  type Redis,
  waitForRedis,
} from '@storytime/queue';
import type { ApiConfig } from './config';

export interface Infrastructure {
  pool: Pool;
  db: Db;
  redis: Redis;
  cache: Cache;
  producer: QueueProducer;
  /**
   * Waits briefly for the first Redis connection so the first requests do not all take the
   * degraded paths; never fails, because the API serves through a Redis outage (D13, D14).
   */
  connect(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Connections of one API process: the pool, one fail-fast command connection (cache, limiter,
 * health), the cache's own subscriber, and a fail-fast producer connection so a Redis outage
 * leaves outbox rows pending instead of hanging requests.
 */
export function createInfrastructure(config: ApiConfig, logger: Logger): Infrastructure {
  const pool = createPool(config.database, { logger, applicationName: 'storytime-api' });
  const redis = createRedis(config.env.REDIS_URL, 'command');
  const producerConnection = createRedis(config.env.REDIS_URL, 'producer');
  const cache = createCache({
    redis,
    subscriber: createRedis(config.env.REDIS_URL, 'subscriber'),
    prefix: config.env.CACHE_PREFIX,
    logger,
  });
  const producer = createQueueProducer(producerConnection, config.env.QUEUE_PREFIX);
  return {
    pool,
    db: createDb(pool),
    redis,
    cache,
    producer,
    async connect(timeoutMs = 5_000) {
      try {
        await Promise.all([waitForRedis(redis, timeoutMs), waitForRedis(producerConnection, timeoutMs)]);
        return true;
      } catch (error) {
        logger.warn({ err: error }, 'Redis not reachable at start-up; continuing in degraded mode');
        return false;
      }
    },
    async close() {
      await producer.close().catch(() => {});
      await cache.close().catch(() => {});
      producerConnection.disconnect();
      redis.disconnect();
      await pool.end().catch(() => {});
    },
  };
}
