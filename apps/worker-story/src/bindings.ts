import { JOB, QUEUE } from '@storytime/queue';
import { bindQueue, type QueueBinding, unavailableHandler } from '@storytime/worker-kit';
import type { WorkerEnv } from './env';

/** Every queue this worker owns (QUEUE_OWNERS['worker-story']) with a handler for each of its jobs. */
export function buildBindings(env: WorkerEnv): QueueBinding[] {
  return [
    bindQueue({
      queue: QUEUE.storyGeneration,
      concurrency: env.STORY_WORKER_CONCURRENCY,
      handlers: { [JOB.generateStory]: unavailableHandler('Story generation') },
    }),
    bindQueue({
      queue: QUEUE.storyMaintenance,
      concurrency: 1,
      handlers: {
        [JOB.assignDailyChallenges]: unavailableHandler('Daily challenge assignment'),
        [JOB.cleanup]: unavailableHandler('Clean-up'),
        [JOB.dbBackup]: unavailableHandler('Database backup'),
      },
    }),
  ];
}
