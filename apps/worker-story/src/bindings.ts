import type { Db } from '@storytime/db';
import type { Logger } from '@storytime/observability';
import { JOB, QUEUE, type QueueProducer, type Redis } from '@storytime/queue';
import { bindQueue, type QueueBinding, unavailableHandler } from '@storytime/worker-kit';
import type { WorkerEnv } from './env';
import { createGenerateStoryHandler } from './generation/generate-story.processor';
import { createAssignDailyChallengesHandler } from './maintenance/assign-daily-challenges.processor';
import { createCleanupHandler } from './maintenance/cleanup.processor';
import { createStoryTextProvider, type StoryTextProvider } from './providers';

export interface StoryWorkerDeps {
  db: Db;
  /** Producer for the narration job a generation records (through the outbox). */
  producer: QueueProducer;
  /** Command connection: job events are published on it. */
  redis: Redis;
  /** Subscriber connection for waiting on narration jobs. */
  subscriber: Redis;
  logger: Logger;
  /** Defaults to Gemini when GEMINI_API_KEY is set, else the offline storyteller. */
  storyText?: StoryTextProvider;
  random?: () => number;
  now?: () => Date;
}

/** Every queue this worker owns (QUEUE_OWNERS['worker-story']) with a handler for each of its jobs. */
export function buildBindings(env: WorkerEnv, deps: StoryWorkerDeps): QueueBinding[] {
  const storyText = deps.storyText ?? createStoryTextProvider(env, { logger: deps.logger });
  return [
    bindQueue({
      queue: QUEUE.storyGeneration,
      concurrency: env.STORY_WORKER_CONCURRENCY,
      ...(env.STORY_GENERATION_LOCK_MS ? { lockDurationMs: env.STORY_GENERATION_LOCK_MS } : {}),
      handlers: {
        [JOB.generateStory]: createGenerateStoryHandler({
          db: deps.db,
          producer: deps.producer,
          redis: deps.redis,
          subscriber: deps.subscriber,
          logger: deps.logger,
          storyText,
          eventPrefix: env.CACHE_PREFIX,
          audioWaitMs: env.GENERATION_AUDIO_WAIT_MS,
          coverTemplate: env.COVER_IMAGE_URL_TEMPLATE,
          publicMediaBaseUrl: env.PUBLIC_MEDIA_BASE_URL ?? env.BACKEND_BASE_URL,
          ...(deps.random ? { random: deps.random } : {}),
          ...(deps.now ? { now: deps.now } : {}),
        }),
      },
    }),
    bindQueue({
      queue: QUEUE.storyMaintenance,
      concurrency: 1,
      handlers: {
        [JOB.assignDailyChallenges]: createAssignDailyChallengesHandler({
          db: deps.db,
          logger: deps.logger,
          batchSize: env.DAILY_CHALLENGE_BATCH_SIZE,
          timezone: env.APP_TIMEZONE,
          ...(deps.random ? { random: deps.random } : {}),
          ...(deps.now ? { now: deps.now } : {}),
        }),
        [JOB.cleanup]: createCleanupHandler({
          db: deps.db,
          producer: deps.producer,
          logger: deps.logger,
          screenTimeCapSeconds: env.SCREEN_TIME_MAX_SESSION_SECONDS,
        }),
        [JOB.dbBackup]: unavailableHandler('Database backup'),
      },
    }),
  ];
}
