import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildApp } from '@storytime/api/app';
import { loadApiConfig } from '@storytime/api/config';
import { createInfrastructure } from '@storytime/api/infrastructure';
import { createLogger } from '@storytime/observability';
import { createRedis } from '@storytime/queue';
import { buildBindings } from '@storytime/worker-email/bindings';
import { loadWorkerEnv } from '@storytime/worker-email/env';
import { createSmtpMailer } from '@storytime/worker-email/mailer';
import { codeIn, startSmtpSink } from '@storytime/worker-email/testing/smtp-sink';
import { createWorkerInfrastructure, startWorkerRuntime } from '@storytime/worker-kit';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  body: string;
}

/**
 * The product as a client sees it: the API listening on a real port, worker-email consuming the
 * same queues, and an SMTP server on 127.0.0.1 receiving what the worker sends. Every HTTP
 * exchange is recorded so tests can scan all responses.
 */
export async function startStack() {
  const runId = randomUUID().slice(0, 8);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const shared = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    REDIS_URL: redisUrl,
    CACHE_PREFIX: `st:e2e:${runId}:`,
    QUEUE_PREFIX: `bull-e2e-${runId}`,
    OUTBOX_POLL_MS: '200',
  };
  const sink = await startSmtpSink();

  const config = loadApiConfig({
    ...shared,
    JWT_SECRET: 'e2e-secret-that-is-long-enough-0123456789',
    REFRESH_REUSE_GRACE_SECONDS: '0',
    RATE_LIMIT_MULTIPLIER: '100',
  });
  const apiLogger = createLogger({ service: 'api', level: 'warn' });
  const infra = createInfrastructure(config, apiLogger);
  await infra.connect();
  const app = await buildApp({ config, logger: apiLogger, ...infra });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;

  const workerEnv = loadWorkerEnv({
    ...shared,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    SMTP_USER: sink.credentials.user,
    SMTP_PASS: sink.credentials.pass,
    // The sink offers STARTTLS with smtp-server's built-in self-signed certificate.
    SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
    DEFAULT_SENDER_EMAIL: 'no-reply@storytime.test',
    WORKER_HTTP_PORT: '0',
  });
  const worker = createWorkerInfrastructure('worker-email', workerEnv);
  const mailer = createSmtpMailer(workerEnv, worker.logger);
  const runtime = await startWorkerRuntime({
    service: 'worker-email',
    logger: worker.logger,
    createWorkerConnection: () => createRedis(redisUrl, 'worker'),
    queuePrefix: workerEnv.QUEUE_PREFIX,
    bindings: buildBindings(workerEnv, { db: worker.db, mailer, logger: worker.logger }),
    httpPort: 0,
    httpHost: '127.0.0.1',
    shutdownTimeoutMs: 5_000,
    readiness: [],
  });

  const exchanges: Exchange[] = [];
  async function api(
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<{ status: number; json: any }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const body = await response.text();
    exchanges.push({ method, path, status: response.status, body });
    return { status: response.status, json: body ? JSON.parse(body) : undefined };
  }

  /** Waits for worker-email to deliver a message to `address` and returns the 6-digit code in it. */
  async function codeSentTo(address: string, after = 0, timeoutMs = 20_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const messages = sink.received.filter((message) => message.to.includes(address)).slice(after);
      const code = messages.map((message) => codeIn(message.raw)).find(Boolean);
      if (code) return code;
      if (Date.now() - started > timeoutMs) throw new Error(`no email with a code reached ${address}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    api,
    exchanges,
    sink,
    codeSentTo,
    async close() {
      await app.close();
      await runtime.close();
      mailer.close();
      await worker.producer.close().catch(() => {});
      worker.redis.disconnect();
      await worker.pool.end();
      for (const queue of infra.producer.all()) await queue.obliterate({ force: true }).catch(() => {});
      await infra.close();
      await sink.close();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
