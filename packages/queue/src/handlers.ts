import type { Job } from 'bullmq';
import type { JobNameOf, JobPayload } from './contracts';
import { jobNamesOf } from './contracts';
import type { QueueName } from './names';

export type JobHandler<Payload> = (job: Job<Payload>) => Promise<unknown>;

/** A worker's handlers for one queue: the type requires one per job name of the contract. */
export type HandlerTable<Q extends QueueName> = {
  [N in JobNameOf<Q>]: JobHandler<JobPayload<Q, N>>;
};

export class MissingHandlerError extends Error {
  constructor(queue: string, missing: string[]) {
    super(`Queue ${queue} has jobs without a handler: ${missing.join(', ')}`);
    this.name = 'MissingHandlerError';
  }
}

/**
 * The runtime half of the handler-table guarantee: a worker built from untyped config (or with a
 * cast) still refuses to start when a job name of its queue has no handler.
 */
export function assertHandlersComplete(queue: QueueName, handlers: Record<string, unknown>): void {
  const missing = jobNamesOf(queue).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new MissingHandlerError(queue, missing);
}
