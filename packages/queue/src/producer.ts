import { currentTraceparent, currentWorkContext } from '@storytime/observability';
import { type Job, type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type JobMeta, type JobNameOf, type JobPayload, QUEUE_CONTRACTS } from './contracts';
import { ALL_QUEUES, type QueueName } from './names';

export interface EnqueueOptions {
  /** Deterministic id (the job_requests id) so a repeated add is a no-op (D16). */
  jobId?: string;
  priority?: number;
  delay?: number;
}

export interface QueueProducer {
  enqueue<Q extends QueueName, N extends JobNameOf<Q>>(
    queue: Q,
    name: N,
    data: JobPayload<Q, N>,
    options?: EnqueueOptions,
  ): Promise<Job>;
  queue(name: QueueName): Queue;
  all(): Queue[];
  close(): Promise<void>;
}

/**
 * Typed producer over every queue: the payload is validated against the shared contract before
 * it reaches Redis, and the queue's default options (attempts, backoff, retention) always apply.
 */
export function createQueueProducer(connection: Redis, prefix = 'bull'): QueueProducer {
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let existing = queues.get(name);
    if (!existing) {
      existing = new Queue(name, {
        connection,
        prefix,
        defaultJobOptions: QUEUE_CONTRACTS[name].defaults as JobsOptions,
      });
      existing.on('error', () => {});
      queues.set(name, existing);
    }
    return existing;
  };

  return {
    async enqueue(queueName, name, data, options = {}) {
      const schema = (QUEUE_CONTRACTS[queueName].jobs as Record<string, { parse(v: unknown): unknown }>)[
        name
      ];
      if (!schema) throw new Error(`Unknown job ${name} on queue ${queueName}`);
      const payload = schema.parse(withMeta(data));
      const jobOptions: JobsOptions = {};
      if (options.jobId) jobOptions.jobId = options.jobId;
      if (options.priority !== undefined) jobOptions.priority = options.priority;
      if (options.delay !== undefined) jobOptions.delay = options.delay;
      return queue(queueName).add(name, payload, jobOptions);
    },
    queue,
    all: () => ALL_QUEUES.map(queue),
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}

/**
 * Adds `_meta` (platform.md §2, §8) from the current request or job unless the caller gave it, so
 * the worker's logs carry the request id and its span joins the producer's trace. A traceparent
 * recorded with the job (outbox rows) wins over the active span of whoever relays it.
 */
function withMeta<T>(data: T): T {
  const given = (data as { _meta?: JobMeta } | undefined)?._meta;
  const context = currentWorkContext();
  const requestId = given?.requestId ?? context?.requestId;
  const traceparent = given?.traceparent ?? currentTraceparent() ?? context?.traceparent;
  const meta: JobMeta = {
    ...given,
    ...(requestId ? { requestId } : {}),
    ...(traceparent ? { traceparent } : {}),
    enqueuedAt: given?.enqueuedAt ?? new Date().toISOString(),
  };
  return { ...data, _meta: meta };
}
