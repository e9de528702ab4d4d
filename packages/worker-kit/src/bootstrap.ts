import { toDatabaseConfig } from '@storytime/config';
import type { Pool } from '@storytime/db';
import { createDb, createPool, type Db, pingDatabase } from '@storytime/db';
import {
  createLogger,
  installLifecycleHandlers,
  type Logger,
  startDefaultMetrics,
} from '@storytime/observability';
import { createQueueProducer, createRedis, type QueueProducer, type Redis } from '@storytime/queue';
import type { BaseWorkerEnv } from './config';
import { type QueueBinding, startWorkerRuntime, type WorkerRuntime } from './runtime';

type WorkerEnv = BaseWorkerEnv;

export interface WorkerInfrastructure {
  env: WorkerEnv;
  logger: Logger;
  pool: Pool;
  db: Db;
  /** Command connection for pings, pub/sub publishing and cache. */
  redis: Redis;
  /** Producer for follow-up jobs (e.g. narration after generation). */
  producer: QueueProducer;
}

/** Builds the shared infrastructure of a worker process from its parsed env. */
export function createWorkerInfrastructure(service: string, env: WorkerEnv): WorkerInfrastructure {
  const logger = createLogger({ service, level: env.LOG_LEVEL });
  startDefaultMetrics(service);
  const pool = createPool(toDatabaseConfig(env), { logger, applicationName: service });
  const redis = createRedis(env.REDIS_URL, 'command');
  const producer = createQueueProducer(createRedis(env.REDIS_URL, 'producer'), env.QUEUE_PREFIX);
  return { env, logger, pool, db: createDb(pool), redis, producer };
}

/**
 * The whole life of a worker process: start the runtime over the given bindings, install signal
 * handlers, and close workers, producer, Redis and the pool in that order on shutdown.
 */
export async function runWorker(
  service: string,
  infra: WorkerInfrastructure,
  bindings: QueueBinding[],
  afterStart?: (runtime: WorkerRuntime) => Promise<void>,
): Promise<WorkerRuntime> {
  const { env, logger, pool, redis, producer } = infra;
  const runtime = await startWorkerRuntime({
    service,
    logger,
    createWorkerConnection: () => createRedis(env.REDIS_URL, 'worker'),
    queuePrefix: env.QUEUE_PREFIX,
    bindings,
    httpPort: env.WORKER_HTTP_PORT,
    httpHost: env.WORKER_HTTP_HOST,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    readiness: [
      { name: 'database', check: async () => (await pingDatabase(pool, 2_000)).ok },
      { name: 'redis', check: async () => (await redis.ping().catch(() => null)) === 'PONG' },
    ],
    onClosed: async () => {
      await producer.close().catch(() => {});
      redis.disconnect();
      await pool.end().catch(() => {});
    },
  });
  installLifecycleHandlers({
    logger,
    shutdown: () => runtime.close(),
    exitOnUnhandledRejection: env.NODE_ENV === 'production',
  });
  await afterStart?.(runtime);
  return runtime;
}
