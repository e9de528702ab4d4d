import { randomUUID } from 'node:crypto';
import { createLogger } from '@storytime/observability';
import { createRedis } from '@storytime/queue';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../src/app';
import { loadApiConfig } from '../src/config';
import { createInfrastructure } from '../src/infrastructure';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: FastifyInstance;
  logs: Array<Record<string, unknown>>;
  prefixes: { cache: string; queue: string };
  deps: AppDeps;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Extra routes registered before the app is ready (platform tests use throwaway routes). */
  routes?: (app: FastifyInstance) => void | Promise<void>;
  isShuttingDown?: () => boolean;
}

/** Deletes every key under the given prefixes, so a test run leaves Redis as it found it. */
async function deleteKeys(patterns: string[]): Promise<void> {
  const redis = createRedis(TEST_REDIS_URL, 'worker');
  try {
    for (const pattern of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * A real API over the test database (created by the global setup) and real Redis under a prefix
 * of its own. Logs are captured as parsed JSON lines for assertions.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const runId = randomUUID().slice(0, 8);
  const prefixes = { cache: `st:test:${runId}:`, queue: `bull-test-${runId}` };
  const config = loadApiConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    REDIS_URL: TEST_REDIS_URL,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    CACHE_PREFIX: prefixes.cache,
    QUEUE_PREFIX: prefixes.queue,
    DB_POOL_MAX: '5',
    ...options.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    service: 'api',
    level: 'info',
    destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  });
  const infra = createInfrastructure(config, logger);
  await infra.connect(options.env?.REDIS_URL ? 300 : 5_000);
  const deps: AppDeps = {
    config,
    logger,
    pool: infra.pool,
    db: infra.db,
    redis: infra.redis,
    cache: infra.cache,
    producer: infra.producer,
    queryCounters: new Map(),
    ...(options.isShuttingDown ? { isShuttingDown: options.isShuttingDown } : {}),
  };
  const app = await buildApp(deps);
  await options.routes?.(app);
  await app.ready();
  return {
    app,
    logs,
    prefixes,
    deps,
    async close() {
      await app.close();
      await infra.close();
      await deleteKeys([`${prefixes.cache}*`, `${prefixes.queue}:*`]);
    },
  };
}
