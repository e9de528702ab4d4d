import type { Db } from '@storytime/db';
import { createLogger } from '@storytime/observability';
import { createRedis, type QueueProducer, type Redis } from '@storytime/queue';
import { startWorkerRuntime, type WorkerRuntime } from '@storytime/worker-kit';
import { buildBindings } from '../src/bindings';
import { loadWorkerEnv } from '../src/env';
import { createStoryTextProvider, type StoryTextProvider } from '../src/providers';

export { createStoryTextProvider, type StoryTextProvider };

export interface InProcessStoryWorkerOptions {
  redisUrl: string;
  queuePrefix: string;
  /** The API's CACHE_PREFIX: job events must reach its waiting requests and streams. */
  cachePrefix: string;
  db: Db;
  producer: QueueProducer;
  /** Command connection used to publish job events. */
  redis: Redis;
  storyText: StoryTextProvider;
  audioWaitMs?: number;
}

/**
 * worker-story's real bindings in a runtime inside the calling process, for other packages' tests
 * (the API's generation routes) that need generation to happen without a separate process.
 */
export async function startInProcessStoryWorker(
  options: InProcessStoryWorkerOptions,
): Promise<{ runtime: WorkerRuntime; close(): Promise<void> }> {
  const env = loadWorkerEnv({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.queuePrefix,
    CACHE_PREFIX: options.cachePrefix,
    GENERATION_AUDIO_WAIT_MS: String(options.audioWaitMs ?? 200),
  });
  const logger = createLogger({ service: 'worker-story', level: 'silent' });
  const subscriber = createRedis(options.redisUrl, 'subscriber', { enableOfflineQueue: false });
  const runtime = await startWorkerRuntime({
    service: 'worker-story-test',
    logger,
    createWorkerConnection: () => createRedis(options.redisUrl, 'worker'),
    queuePrefix: options.queuePrefix,
    httpPort: 0,
    httpHost: '127.0.0.1',
    shutdownTimeoutMs: 5_000,
    readiness: [],
    bindings: buildBindings(env, {
      db: options.db,
      producer: options.producer,
      redis: options.redis,
      subscriber,
      logger,
      storyText: options.storyText,
    }),
  });
  return {
    runtime,
    async close() {
      await runtime.close();
      subscriber.disconnect();
    },
  };
}
