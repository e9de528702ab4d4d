import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { withoutCodes } from '@storytime/email-templates';
import { ProviderError } from '@storytime/errors';
import { counter, gauge, histogram, type Logger, withTimeout } from '@storytime/observability';
import nodemailer from 'nodemailer';
import type { WorkerEnv } from '../env';
import { classifySmtpError } from './smtp-errors';

export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per job, so a duplicate delivery (at-least-once) carries the same Message-ID. */
  messageId: string;
  /** What the outbox summary and the logs may show: never one-time codes. */
  summary: { template: string; category: string; data: Record<string, unknown>; jobRequestId: string };
}

export interface SendResult {
  messageId: string;
  /** The .eml file in outbox mode. */
  file?: string;
}

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  /** Resolves once the server accepted the message; rejects with a ProviderError (retryable or not). */
  send(email: OutgoingEmail): Promise<SendResult>;
  /** Throws when the server (or the outbox folder) is unusable. */
  verify(timeoutMs: number): Promise<void>;
  close(): void;
}

const requests = counter('external_requests_total', 'Calls to external providers by outcome', [
  'provider',
  'operation',
  'outcome',
]);
const durations = histogram('external_request_duration_seconds', 'Duration of calls to external providers', [
  'provider',
  'operation',
]);
const breakerGauge = gauge('circuit_breaker_state', 'Circuit breaker state: 0 closed, 1 half-open, 2 open', [
  'provider',
]);

/** Pooled SMTP settings of providers.md §0 and §6. */
export function smtpTransportOptions(env: WorkerEnv) {
  return {
    pool: true as const,
    maxConnections: 5,
    maxMessages: 100,
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    tls: { rejectUnauthorized: env.SMTP_TLS_REJECT_UNAUTHORIZED },
  };
}

/** providers.md §0: 5 consecutive failures open the breaker for 60 s, then one probe is let through. */
function createBreaker(options: { failures: number; openMs: number }) {
  let consecutive = 0;
  let openedAt: number | undefined;
  let probing = false;
  const publish = () => breakerGauge.set({ provider: 'smtp' }, openedAt === undefined ? 0 : probing ? 1 : 2);
  publish();
  return {
    /** False when the call must fail at once. */
    allow(): boolean {
      if (openedAt === undefined) return true;
      if (probing || Date.now() - openedAt < options.openMs) return false;
      probing = true;
      publish();
      return true;
    },
    success() {
      consecutive = 0;
      openedAt = undefined;
      probing = false;
      publish();
    },
    failure() {
      consecutive += 1;
      if (probing || consecutive >= options.failures) openedAt = Date.now();
      probing = false;
      publish();
    },
  };
}

export function createSmtpMailer(env: WorkerEnv, logger: Logger): Mailer {
  const transport = nodemailer.createTransport(smtpTransportOptions(env));
  const breaker = createBreaker({ failures: 5, openMs: 60_000 });
  return {
    mode: 'smtp',
    async send(email) {
      if (!breaker.allow()) {
        requests.inc({ provider: 'smtp', operation: 'send', outcome: 'short_circuit' });
        throw new ProviderError('PROVIDER_UNAVAILABLE', 'smtp', 'SMTP circuit breaker is open');
      }
      const stop = durations.startTimer({ provider: 'smtp', operation: 'send' });
      try {
        const info = await transport.sendMail({
          from: email.from,
          to: email.to,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: email.messageId,
        });
        breaker.success();
        requests.inc({ provider: 'smtp', operation: 'send', outcome: 'success' });
        return { messageId: info.messageId };
      } catch (error) {
        const info = classifySmtpError(error);
        const timeout = info.code === 'ETIMEDOUT';
        requests.inc({ provider: 'smtp', operation: 'send', outcome: timeout ? 'timeout' : 'error' });
        // A rejected recipient or message is our input, not an SMTP outage.
        if (info.permanent) breaker.success();
        else breaker.failure();
        const message = (error as Error).message;
        logger.debug({ responseCode: info.responseCode, code: info.code }, 'smtp send failed');
        throw new ProviderError(info.permanent ? 'PROVIDER_ERROR' : 'PROVIDER_UNAVAILABLE', 'smtp', message, {
          retryable: !info.permanent,
          details: {
            ...(info.responseCode !== undefined ? { responseCode: info.responseCode } : {}),
            ...(info.code ? { smtpCode: info.code } : {}),
          },
          cause: error,
        });
      } finally {
        stop();
      }
    },
    async verify(timeoutMs) {
      await withTimeout(transport.verify(), timeoutMs, 'smtp verify');
    },
    close() {
      transport.close();
    },
  };
}

/** A file name that sorts by time, so the latest message is the last name. */
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * The offline default (providers.md §6): each message becomes an `.eml` file (the exact MIME
 * message SMTP would carry) and a `.json` summary without one-time codes. The summary is written
 * last, through a rename, so a summary always has its complete message beside it.
 */
export function createOutboxMailer(env: WorkerEnv): Mailer {
  const dir = resolve(env.EMAIL_OUTBOX_DIR);
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    mode: 'outbox',
    async send(email) {
      const info = await composer.sendMail({
        from: email.from,
        to: email.to,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
      });
      await mkdir(dir, { recursive: true });
      const base = `${stamp()}-${email.summary.jobRequestId}`;
      const eml = join(dir, `${base}.eml`);
      await writeFile(eml, info.message as Buffer);
      const summary = {
        messageId: info.messageId,
        to: email.to,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        subject: email.subject,
        template: email.summary.template,
        category: email.summary.category,
        data: withoutCodes(email.summary.data),
        jobRequestId: email.summary.jobRequestId,
        eml: `${base}.eml`,
        writtenAt: new Date().toISOString(),
      };
      const temporary = join(dir, `.${base}.${randomUUID().slice(0, 8)}.tmp`);
      await writeFile(temporary, `${JSON.stringify(summary, null, 2)}\n`);
      await rename(temporary, join(dir, `${base}.json`));
      return { messageId: info.messageId, file: eml };
    },
    async verify() {
      await mkdir(dir, { recursive: true });
    },
    close() {},
  };
}

export function createMailer(env: WorkerEnv, logger: Logger): Mailer {
  return env.SMTP_HOST ? createSmtpMailer(env, logger) : createOutboxMailer(env);
}
