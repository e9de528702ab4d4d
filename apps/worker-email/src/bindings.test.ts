import { createDb, createPool } from '@storytime/db';
import { createLogger } from '@storytime/observability';
import { assertHandlersComplete, QUEUE_OWNERS } from '@storytime/queue';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBindings, senderOf } from './bindings';
import { createOutboxMailer } from './email/mailer';
import { loadWorkerEnv } from './env';

describe('worker-email bindings', () => {
  const env = loadWorkerEnv({ DATABASE_URL: 'postgres://unused/unused' });
  // The pool connects lazily: nothing here queries it.
  const pool = createPool({
    url: env.DATABASE_URL,
    poolMax: 1,
    poolTimeoutMs: 100,
    idleTimeoutMs: 100,
    statementTimeoutMs: 100,
    slowQueryMs: 100,
  });
  const logger = createLogger({ service: 'worker-email-test', level: 'silent' });
  const bindings = buildBindings(env, { db: createDb(pool), mailer: createOutboxMailer(env), logger });
  afterAll(async () => pool.end());

  it('binds exactly the queues this worker owns', () => {
    expect(bindings.map((binding) => binding.queue).sort()).toEqual([...QUEUE_OWNERS['worker-email']].sort());
  });

  it('has a handler for every job of every queue', () => {
    for (const binding of bindings) {
      expect(() =>
        assertHandlersComplete(binding.queue, binding.handlers as Record<string, unknown>),
      ).not.toThrow();
    }
  });

  it('sends support mail to SUPPORT_EMAIL, else to the sender address', () => {
    const base = { DATABASE_URL: 'postgres://unused/unused', DEFAULT_SENDER_EMAIL: 'hello@storytime.app' };
    expect(senderOf(loadWorkerEnv(base))).toEqual({
      sender: { name: 'Storytime', address: 'hello@storytime.app' },
      supportAddress: 'hello@storytime.app',
    });
    expect(senderOf(loadWorkerEnv({ ...base, SUPPORT_EMAIL: 'help@storytime.app' })).supportAddress).toBe(
      'help@storytime.app',
    );
  });
});
