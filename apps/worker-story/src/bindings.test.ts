import type { Db } from '@storytime/db';
import { createLogger } from '@storytime/observability';
import {
  assertHandlersComplete,
  QUEUE,
  QUEUE_OWNERS,
  type QueueProducer,
  type Redis,
} from '@storytime/queue';
import { describe, expect, it } from 'vitest';
import { buildBindings } from './bindings';
import { loadWorkerEnv } from './env';

describe('worker-story bindings', () => {
  const env = loadWorkerEnv({ DATABASE_URL: 'postgres://unused/unused' });
  // Building bindings opens nothing: the handlers only touch their dependencies when a job runs.
  const deps = {
    db: {} as Db,
    producer: {} as QueueProducer,
    redis: {} as Redis,
    subscriber: {} as Redis,
    logger: createLogger({ service: 'worker-story-test', level: 'silent' }),
  };
  const bindings = buildBindings(env, deps);

  it('binds exactly the queues this worker owns', () => {
    expect(bindings.map((binding) => binding.queue).sort()).toEqual([...QUEUE_OWNERS['worker-story']].sort());
  });

  it('has a handler for every job of every queue', () => {
    for (const binding of bindings) {
      expect(() =>
        assertHandlersComplete(binding.queue, binding.handlers as Record<string, unknown>),
      ).not.toThrow();
    }
  });

  it('keeps the contract lock unless STORY_GENERATION_LOCK_MS overrides it', () => {
    const generation = (list: typeof bindings) => list.find((b) => b.queue === QUEUE.storyGeneration);
    expect(generation(bindings)?.lockDurationMs).toBeUndefined();
    const fast = loadWorkerEnv({
      DATABASE_URL: 'postgres://unused/unused',
      STORY_GENERATION_LOCK_MS: '2000',
    });
    expect(generation(buildBindings(fast, deps))?.lockDurationMs).toBe(2_000);
  });
});
