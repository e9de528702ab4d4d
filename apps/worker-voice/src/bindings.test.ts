import { assertHandlersComplete, QUEUE_OWNERS } from '@storytime/queue';
import { describe, expect, it } from 'vitest';
import { buildBindings } from './bindings';
import type { VoiceWorkerDeps } from './deps';
import { loadWorkerEnv } from './env';

describe('worker-voice bindings', () => {
  const env = loadWorkerEnv({ DATABASE_URL: 'postgres://unused/unused' });
  // Handlers only touch their dependencies when a job runs.
  const bindings = buildBindings(env, {
    stores: { local: {}, cloudinary: null },
  } as unknown as VoiceWorkerDeps);

  it('binds exactly the queues this worker owns', () => {
    expect(bindings.map((binding) => binding.queue).sort()).toEqual([...QUEUE_OWNERS['worker-voice']].sort());
  });

  it('has a handler for every job of every queue', () => {
    for (const binding of bindings) {
      expect(() =>
        assertHandlersComplete(binding.queue, binding.handlers as Record<string, unknown>),
      ).not.toThrow();
    }
  });
});
