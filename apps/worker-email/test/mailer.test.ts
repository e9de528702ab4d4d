import { createServer } from 'node:net';
import { createLogger } from '@storytime/observability';
import { describe, expect, it } from 'vitest';
import { createSmtpMailer, type OutgoingEmail } from '../src/email/mailer';
import { loadWorkerEnv } from '../src/env';

const logger = createLogger({ service: 'worker-email-test', level: 'silent' });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const message: OutgoingEmail = {
  from: { name: 'Storytime', address: 'no-reply@storytime.test' },
  to: 'ana@example.com',
  subject: 'Hello',
  html: '<p>Hello</p>',
  text: 'Hello',
  messageId: '<breaker@storytime.test>',
  summary: { template: 'password-changed', category: 'PASSWORD_CHANGED', data: {}, jobRequestId: 'x' },
};

describe('SMTP mailer circuit breaker', () => {
  it('opens after 5 consecutive connection failures and then fails at once', async () => {
    const env = loadWorkerEnv({
      DATABASE_URL: 'postgres://unused/unused',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(await closedPort()),
      DEFAULT_SENDER_EMAIL: 'no-reply@storytime.test',
    });
    const mailer = createSmtpMailer(env, logger);
    try {
      for (let i = 0; i < 5; i += 1) {
        await expect(mailer.send(message)).rejects.toMatchObject({
          code: 'PROVIDER_UNAVAILABLE',
          retryable: true,
        });
      }
      await expect(mailer.send(message)).rejects.toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        retryable: true,
        message: 'SMTP circuit breaker is open',
      });
    } finally {
      mailer.close();
    }
  });
});
