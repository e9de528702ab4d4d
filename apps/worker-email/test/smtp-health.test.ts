import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@storytime/observability';
import { createRedis } from '@storytime/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/email/mailer';
import { type SmtpHealthReport, smtpHealthKey, startSmtpHealthReporter } from '../src/email/smtp-health';
import { loadWorkerEnv } from '../src/env';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = createRedis(redisUrl, 'worker');
const logger = createLogger({ service: 'worker-email-test', level: 'silent' });
const outboxDir = join(tmpdir(), `storytime-outbox-${randomUUID().slice(0, 8)}`);
const prefixes: string[] = [];
let sink: SmtpSink;

const envFor = (extra: Record<string, string>) =>
  loadWorkerEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused/unused', ...extra });

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function report(extra: Record<string, string>) {
  const cachePrefix = `st:test:${randomUUID().slice(0, 8)}:`;
  prefixes.push(cachePrefix);
  const mailer = createMailer(envFor(extra), logger);
  const reporter = startSmtpHealthReporter({ mailer, redis, cachePrefix, logger, timeoutMs: 5_000 });
  try {
    const returned = await reporter.checkOnce();
    const stored = JSON.parse((await redis.get(smtpHealthKey(cachePrefix))) ?? 'null') as SmtpHealthReport;
    const ttl = await redis.ttl(smtpHealthKey(cachePrefix));
    return { returned, stored, ttl };
  } finally {
    await reporter.stop();
    mailer.close();
  }
}

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  for (const prefix of prefixes) await redis.del(smtpHealthKey(prefix));
  redis.disconnect();
  await sink.close();
  await rm(outboxDir, { recursive: true, force: true });
});

describe('SMTP health report', () => {
  it('publishes ok for a reachable server under health:smtp with a 180 s TTL', async () => {
    const { stored, returned, ttl } = await report({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_USER: sink.credentials.user,
      SMTP_PASS: sink.credentials.pass,
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
      DEFAULT_SENDER_EMAIL: 'no-reply@storytime.test',
    });
    expect(stored).toEqual(returned);
    expect(stored).toMatchObject({ ok: true, mode: 'smtp' });
    expect(Date.parse(stored.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(stored.error).toBeUndefined();
    expect(ttl).toBeGreaterThan(170);
    expect(ttl).toBeLessThanOrEqual(180);
  });

  it('publishes the failure when the server is unreachable or refuses the credentials', async () => {
    const unreachable = await report({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(await closedPort()),
      DEFAULT_SENDER_EMAIL: 'no-reply@storytime.test',
    });
    expect(unreachable.stored).toMatchObject({ ok: false, mode: 'smtp', error: expect.any(String) });

    const badLogin = await report({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_USER: sink.credentials.user,
      SMTP_PASS: 'wrong',
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
      DEFAULT_SENDER_EMAIL: 'no-reply@storytime.test',
    });
    expect(badLogin.stored).toMatchObject({ ok: false, mode: 'smtp' });
    expect(badLogin.stored.error).toContain('535');
  });

  it('reports ok in outbox mode', async () => {
    const { stored } = await report({ EMAIL_OUTBOX_DIR: outboxDir });
    expect(stored).toMatchObject({ ok: true, mode: 'outbox' });
  });
});
