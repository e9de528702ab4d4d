import { assertHandlersComplete, QUEUE_OWNERS } from '@storytime/queue';
import { describe, expect, it } from 'vitest';
import { buildBindings } from './bindings';
import { loadWorkerEnv } from './env';

describe('worker-voice bindings', () => {
  const env = loadWorkerEnv({ DATABASE_URL: 'postgres://unused/unused' });
  const bindings = buildBindings(env);

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
