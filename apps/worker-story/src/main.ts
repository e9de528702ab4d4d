import { createRedis, QUEUE } from '@storytime/queue';
import { createWorkerInfrastructure, runWorker } from '@storytime/worker-kit';
import { buildBindings } from './bindings';
import { loadWorkerEnv } from './env';
import { upsertCleanupScheduler, upsertStorySchedulers } from './maintenance/schedulers';
import { createStoryTextProvider } from './providers';

const SERVICE = 'worker-story';

const env = loadWorkerEnv();
const infra = createWorkerInfrastructure(SERVICE, env);
const storyText = createStoryTextProvider(env, { logger: infra.logger });
infra.logger.info({ storyText: storyText.name }, 'story text provider');
// Waiting on narration jobs needs a connection in subscriber mode; the process exit closes it. No
// offline queue: during a Redis outage a subscribe fails at once and the wait polls the row instead
// of hanging until Redis returns.
const subscriber = createRedis(env.REDIS_URL, 'subscriber', { enableOfflineQueue: false });
await runWorker(
  SERVICE,
  infra,
  buildBindings(env, {
    db: infra.db,
    producer: infra.producer,
    redis: infra.redis,
    subscriber,
    logger: infra.logger,
    storyText,
  }),
  // Daily challenges and clean-up (platform.md §10.4): one scheduler each cluster-wide, upserted by
  // every replica.
  async () => {
    const storyMaintenance = infra.producer.queue(QUEUE.storyMaintenance);
    await upsertStorySchedulers(storyMaintenance, env.APP_TIMEZONE);
    await upsertCleanupScheduler(storyMaintenance, env.APP_TIMEZONE);
  },
);
