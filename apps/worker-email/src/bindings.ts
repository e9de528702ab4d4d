import { JOB, QUEUE } from '@storytime/queue';
import { bindQueue, type QueueBinding, unavailableHandler } from '@storytime/worker-kit';
import type { WorkerEnv } from './env';

/** Every queue this worker owns (QUEUE_OWNERS['worker-email']) with a handler for each of its jobs. */
export function buildBindings(env: WorkerEnv): QueueBinding[] {
  return [
    bindQueue({
      queue: QUEUE.email,
      concurrency: env.EMAIL_WORKER_CONCURRENCY,
      handlers: { [JOB.sendEmail]: unavailableHandler('Email delivery') },
    }),
    bindQueue({
      queue: QUEUE.push,
      concurrency: env.PUSH_WORKER_CONCURRENCY,
      handlers: {
        [JOB.sendPush]: unavailableHandler('Push delivery'),
        [JOB.sendPushBatch]: unavailableHandler('Batch push delivery'),
      },
    }),
    bindQueue({
      queue: QUEUE.emailMaintenance,
      concurrency: 1,
      handlers: { [JOB.weeklyReports]: unavailableHandler('Weekly reports') },
    }),
  ];
}
