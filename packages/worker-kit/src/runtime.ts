import type { Logger } from '@storytime/observability';
import { withTimeout } from '@storytime/observability';
import {
  assertHandlersComplete,
  type HandlerTable,
  type JobHandler,
  QUEUE_CONTRACTS,
  type QueueName,
  type Redis,
} from '@storytime/queue';
import { Queue, Worker } from 'bullmq';
import { type ReadinessCheck, startWorkerHttpServer } from './http-server';
import { startQueueSampler } from './job-metrics';
import { createProcessor } from './processor';

export interface QueueBinding<Q extends QueueName = QueueName> {
  queue: Q;
  handlers: HandlerTable<Q>;
  concurrency: number;
  /**
   * Overrides the queue contract's lock duration (tests of a worker killed mid-job use seconds
   * instead of minutes). See `workerLockOptions`.
   */
  lockDurationMs?: number;
}

/** BullMQ's stalled-job check period with the contract locks (platform.md §10.1). */
const STALLED_INTERVAL_MS = 30_000;

/**
 * The lock options of a bound queue's Worker: the contract's lock unless the binding overrides it,
 * a stalled-job check every 30 s (or as often as a shorter lock lasts, so a killed worker's job is
 * picked up again within about two lock periods), and one stall allowed before the job fails.
 */
export function workerLockOptions(binding: Pick<QueueBinding, 'queue' | 'lockDurationMs'>) {
  const lockDuration = binding.lockDurationMs ?? QUEUE_CONTRACTS[binding.queue].lockDurationMs;
  return {
    lockDuration,
    stalledInterval: Math.min(STALLED_INTERVAL_MS, lockDuration),
    maxStalledCount: 1,
  };
}

/** Keeps the generic parameter when a binding is written inline in an array. */
export function bindQueue<Q extends QueueName>(binding: QueueBinding<Q>): QueueBinding {
  return binding as unknown as QueueBinding;
}

export interface WorkerRuntimeOptions {
  service: string;
  logger: Logger;
  /** Factory for worker-grade connections (`maxRetriesPerRequest: null`); each Worker gets its own. */
  createWorkerConnection: () => Redis;
  queuePrefix: string;
  bindings: QueueBinding[];
  httpPort: number;
  httpHost?: string;
  shutdownTimeoutMs: number;
  readiness: ReadinessCheck[];
  queueSampleIntervalMs?: number;
  /** Runs after the workers stopped, to close the app's own resources (pool, redis). */
  onClosed?: () => Promise<void>;
}

export interface WorkerRuntime {
  port: number;
  workers: Worker[];
  isClosing(): boolean;
  close(): Promise<void>;
}

/**
 * Starts one BullMQ Worker per bound queue plus the health/metrics server. Refuses to start when a
 * job name of a bound queue has no handler. `close()` stops taking jobs and waits for active ones
 * up to the shutdown timeout; jobs still running then are left to stall and be retried elsewhere.
 */
export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { logger } = options;
  for (const binding of options.bindings) {
    assertHandlersComplete(binding.queue, binding.handlers as Record<string, unknown>);
  }

  let closing = false;
  const connections: Redis[] = [];
  const workers = options.bindings.map((binding) => {
    const connection = options.createWorkerConnection();
    connections.push(connection);
    const worker = new Worker(
      binding.queue,
      createProcessor(binding.queue, binding.handlers as Record<string, JobHandler<never>>, logger),
      {
        connection,
        prefix: options.queuePrefix,
        concurrency: binding.concurrency,
        ...workerLockOptions(binding),
      },
    );
    worker.on('error', (error) => logger.error({ err: error, queue: binding.queue }, 'worker error'));
    return worker;
  });

  const sampledQueues = options.bindings.map((binding) => {
    const connection = options.createWorkerConnection();
    connections.push(connection);
    const queue = new Queue(binding.queue, { connection, prefix: options.queuePrefix });
    queue.on('error', () => {});
    return queue;
  });
  const stopSampler = startQueueSampler(sampledQueues, options.queueSampleIntervalMs ?? 15_000);

  const http = await startWorkerHttpServer({
    service: options.service,
    port: options.httpPort,
    ...(options.httpHost ? { host: options.httpHost } : {}),
    checks: options.readiness,
    isClosing: () => closing,
  });
  logger.info(
    { queues: options.bindings.map((b) => b.queue), port: http.port },
    `${options.service} started`,
  );

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      stopSampler();
      try {
        await withTimeout(
          Promise.all(workers.map((worker) => worker.close())),
          options.shutdownTimeoutMs,
          'worker drain',
        );
      } catch (error) {
        logger.warn({ err: error }, 'active jobs did not finish in time; they will be retried');
        await Promise.all(workers.map((worker) => worker.close(true).catch(() => {})));
      }
      await Promise.all(sampledQueues.map((queue) => queue.close().catch(() => {})));
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
      for (const connection of connections) connection.disconnect();
      await options.onClosed?.();
      logger.info(`${options.service} stopped`);
    })();
    return closed;
  };

  return { port: http.port, workers, isClosing: () => closing, close };
}
