import { toDatabaseConfig } from '@storytime/config';
import type { Pool } from '@storytime/db';
import { createDb, createPool, type Db, pingDatabase } from '@storytime/db';
import {
  createLogger,
  installLifecycleHandlers,
  type Logger,
  startDefaultMetrics,
  startTracing,
  type TracingHandle,
  withTimeout,
} from '@storytime/observability';
import {
  createOutboxRelay,
  createQueueProducer,
  createRedis,
  type QueueProducer,
  type Redis,
  waitForRedis,
} from '@storytime/queue';
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
  /** The OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set; settles before jobs run. */
  tracing?: Promise<TracingHandle | undefined>;
  /**
   * Waits for the first connection of the fail-fast Redis clients (command and producer): they do
   * not queue commands, so start-up work (schedulers, health reports) must wait for them.
   */
  connected?: () => Promise<void>;
}

/** Builds the shared infrastructure of a worker process from its parsed env. */
export function createWorkerInfrastructure(service: string, env: WorkerEnv): WorkerInfrastructure {
  const logger = createLogger({ service, level: env.LOG_LEVEL });
  // Before any client exists. The entry has already imported pg and ioredis, which startTracing
  // instruments after the fact. A collector problem must not stop the worker: it runs untraced.
  const tracing = startTracing({
    serviceName: env.OTEL_SERVICE_NAME ?? `storytime-${service}`,
    endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  }).catch((error: unknown) => {
    logger.warn({ err: error }, 'tracing could not start; running without it');
    return undefined;
  });
  startDefaultMetrics(service);
  const pool = createPool(toDatabaseConfig(env), { logger, applicationName: service });
  const redis = createRedis(env.REDIS_URL, 'command');
  const producerRedis = createRedis(env.REDIS_URL, 'producer');
  const producer = createQueueProducer(producerRedis, env.QUEUE_PREFIX);
  const connected = async () => {
    await Promise.all([waitForRedis(redis, 30_000), waitForRedis(producerRedis, 30_000)]);
  };
  return { env, logger, pool, db: createDb(pool), redis, producer, tracing, connected };
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
  // Jobs must not start before the SDK is up, or their spans would be lost.
  const tracing = await infra.tracing;
  // Outbox relay (platform.md §10.3): every worker runs one; an advisory lock makes one relay at a
  // time cluster-wide. Stopped on shutdown before the producer it enqueues with.
  const relay = createOutboxRelay({ db: infra.db, producer, logger, pollMs: env.OUTBOX_POLL_MS });
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
      await relay.stop().catch(() => {});
      await producer.close().catch(() => {});
      redis.disconnect();
      await pool.end().catch(() => {});
      // Last, so the spans of the jobs that just drained are flushed too.
      if (tracing) await withTimeout(tracing.shutdown(), 5_000, 'trace flush').catch(() => {});
    },
  });
  installLifecycleHandlers({
    logger,
    shutdown: () => runtime.close(),
    exitOnUnhandledRejection: env.NODE_ENV === 'production',
  });
  if (afterStart) {
    await infra
      .connected?.()
      .catch((error: unknown) => logger.warn({ err: error }, 'Redis not reachable yet'));
    await afterStart(runtime);
  }
  return runtime;
}
