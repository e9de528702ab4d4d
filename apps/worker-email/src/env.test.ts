import { ConfigError } from '@storytime/config';
import { describe, expect, it } from 'vitest';
import { smtpTransportOptions } from './email/mailer';
import { loadWorkerEnv } from './env';

const base = { DATABASE_URL: 'postgres://unused/unused' };

describe('worker-email env', () => {
  it('defaults to the local outbox', () => {
    const env = loadWorkerEnv(base);
    expect(env.SMTP_HOST).toBeUndefined();
    expect(env).toMatchObject({
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      SMTP_TLS_REJECT_UNAUTHORIZED: true,
      DEFAULT_SENDER_NAME: 'Storytime',
      EMAIL_OUTBOX_DIR: './.data/outbox',
      WORKER_HTTP_PORT: 9103,
      SHUTDOWN_TIMEOUT_MS: 30_000,
    });
  });

  it('requires a sender address when SMTP is configured', () => {
    expect(() => loadWorkerEnv({ ...base, SMTP_HOST: 'smtp.example.com' })).toThrow(ConfigError);
    expect(
      loadWorkerEnv({ ...base, SMTP_HOST: 'smtp.example.com', DEFAULT_SENDER_EMAIL: 'a@b.c' }).SMTP_HOST,
    ).toBe('smtp.example.com');
  });

  it('refuses disabled certificate checks in production only', () => {
    const insecure = { ...base, SMTP_TLS_REJECT_UNAUTHORIZED: 'false' };
    expect(() => loadWorkerEnv({ ...insecure, NODE_ENV: 'production' })).toThrow(
      /SMTP_TLS_REJECT_UNAUTHORIZED/,
    );
    expect(loadWorkerEnv({ ...insecure, NODE_ENV: 'development' }).SMTP_TLS_REJECT_UNAUTHORIZED).toBe(false);
  });

  it('builds a pooled transport with the providers.md limits and timeouts', () => {
    const env = loadWorkerEnv({
      ...base,
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
      DEFAULT_SENDER_EMAIL: 'a@b.c',
    });
    expect(smtpTransportOptions(env)).toEqual({
      pool: true,
      maxConnections: 5,
      maxMessages: 100,
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      auth: { user: 'u', pass: 'p' },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      tls: { rejectUnauthorized: true },
    });
  });
});
