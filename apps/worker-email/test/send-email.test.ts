import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, createPool } from '@storytime/db';
import { testDatabaseConfig } from '@storytime/db/testing';
import { emailIntent, SUPPORT_RECIPIENT } from '@storytime/email-templates';
import { AppError } from '@storytime/errors';
import { createLogger } from '@storytime/observability';
import {
  createOutbox,
  createQueueProducer,
  createRedis,
  type JobIntent,
  QUEUE,
  recordJob,
} from '@storytime/queue';
import { startWorkerRuntime, type WorkerRuntime } from '@storytime/worker-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBindings, senderOf } from '../src/bindings';
import { createOutboxMailer, createSmtpMailer, type Mailer } from '../src/email/mailer';
import { latestOutboxEntry, plainTextOf } from '../src/email/outbox-reader';
import { createSendEmailHandler } from '../src/email/send-email.processor';
import { loadWorkerEnv, type WorkerEnv } from '../src/env';
import { codeIn, type SmtpSink, startSmtpSink } from './smtp-sink';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-${randomUUID().slice(0, 8)}`;
const logger = createLogger({ service: 'worker-email-test', level: 'silent' });
const pool = createPool(testDatabaseConfig());
const db = createDb(pool);
const producerConnection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(producerConnection, prefix);
const outbox = createOutbox(db, producer, logger);
const outboxDir = join(tmpdir(), `storytime-outbox-${randomUUID().slice(0, 8)}`);

let sink: SmtpSink;
let env: WorkerEnv;
let mailer: Mailer;
let runtime: WorkerRuntime;

function workerEnv(extra: Record<string, string>): WorkerEnv {
  return loadWorkerEnv({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    DEFAULT_SENDER_EMAIL: 'no-reply@storytime.test',
    SUPPORT_EMAIL: 'support@storytime.test',
    ...extra,
  });
}

/** A BullMQ job as the processor sees it, for driving attempts one at a time. */
const jobFor = (jobRequestId: string, attemptsMade = 0) => ({
  id: jobRequestId,
  data: { jobRequestId },
  attemptsMade,
  opts: { attempts: 5 },
});

/** Records the row without enqueueing it: the tests call the processor themselves. */
const recordOnly = (intent: JobIntent) => recordJob(db, intent);

async function rowOf(id: string) {
  const row = await db.query.jobRequests.findFirst({ where: (t, { eq }) => eq(t.id, id) });
  if (!row) throw new Error(`no job_requests row ${id}`);
  return row as typeof row & { params: { sentAt?: string; data: Record<string, unknown> } };
}

const receivedBy = (address: string) => sink.received.filter((message) => message.to.includes(address));

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const verification = (to: string, code: string) =>
  emailIntent('email-verification', to, { code, email: to, expiresInHours: 24 });

beforeAll(async () => {
  sink = await startSmtpSink();
  env = workerEnv({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    SMTP_USER: sink.credentials.user,
    SMTP_PASS: sink.credentials.pass,
    // The sink offers STARTTLS with smtp-server's built-in self-signed certificate.
    SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
  });
  mailer = createSmtpMailer(env, logger);
  runtime = await startWorkerRuntime({
    service: 'worker-email-test',
    logger,
    createWorkerConnection: () => createRedis(redisUrl, 'worker'),
    queuePrefix: prefix,
    bindings: buildBindings(env, { db, mailer, logger }),
    httpPort: 0,
    httpHost: '127.0.0.1',
    shutdownTimeoutMs: 5_000,
    readiness: [],
  });
});

afterAll(async () => {
  await runtime?.close();
  for (const queue of producer.all()) await queue.obliterate({ force: true }).catch(() => {});
  await producer.close();
  producerConnection.disconnect();
  mailer?.close();
  await sink?.close();
  await pool.end();
  await rm(outboxDir, { recursive: true, force: true });
});

describe('send-email through the outbox and a real worker', () => {
  it('delivers a verification code over authenticated SMTP and completes the row', async () => {
    sink.setMode('accept');
    const to = `verify-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await outbox.transaction(async (_tx, scope) => scope.add(verification(to, '482913')));
    const queued = await producer.queue(QUEUE.email).getJob(recorded.id);
    expect(queued?.opts.priority).toBe(1);

    const [message] = await waitFor(() => (receivedBy(to).length > 0 ? receivedBy(to) : undefined));
    expect(codeIn(message!.raw)).toBe('482913');
    expect(message!.user).toBe('mailer');
    expect(message!.from).toBe('no-reply@storytime.test');
    expect(message!.raw).toContain('Subject: Verify your Storytime email');
    expect(message!.raw).toMatch(/From: Storytime <no-reply@storytime\.test>/);
    expect(message!.raw).toContain('multipart/alternative');
    expect(message!.raw).toContain(`Message-ID: <${recorded.id}@storytime.test>`);

    const row = await waitFor(async () => {
      const current = await rowOf(recorded.id);
      return current.status === 'completed' ? current : undefined;
    });
    expect(row.params.sentAt).toEqual(expect.any(String));
    expect(row.params.data.code).toBeUndefined();
    expect(row.params.data.email).toBe(to);
    expect(row.attempts).toBe(1);
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(row.error).toBeNull();
  });

  it('fails a 550 rejection at once, without retry', async () => {
    sink.setMode('permanent');
    const to = `gone-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await outbox.transaction(async (_tx, scope) => scope.add(verification(to, '135790')));
    const queue = producer.queue(QUEUE.email);
    const job = await waitFor(async () => {
      const current = await queue.getJob(recorded.id);
      return current?.failedReason ? current : undefined;
    });
    sink.setMode('accept');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain('550');
    const row = await rowOf(recorded.id);
    expect(row.status).toBe('failed');
    expect(row.error).toContain('550');
    expect(row.params.data.code).toBeUndefined();
    expect(receivedBy(to)).toHaveLength(0);
  });
});

describe('send-email processor', () => {
  const handler = () => createSendEmailHandler({ db, mailer, logger, ...senderOf(env) });

  it('retries a 451 and delivers on the next attempt', async () => {
    const to = `busy-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await recordOnly(
      emailIntent('password-reset', to, { code: '246810', email: to, expiresInHours: 24 }),
    );
    sink.setMode('transient');
    const failure = await handler()(jobFor(recorded.id, 0)).catch((error: unknown) => error);
    sink.setMode('accept');
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).retryable).toBe(true);
    let row = await rowOf(recorded.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.error).toContain('451');
    expect(row.params.data.code).toBe('246810');

    await handler()(jobFor(recorded.id, 1));
    expect(receivedBy(to)).toHaveLength(1);
    expect(codeIn(receivedBy(to)[0]!.raw)).toBe('246810');
    row = await rowOf(recorded.id);
    expect(row).toMatchObject({ status: 'completed', attempts: 2, error: null });
    expect(row.params.data.code).toBeUndefined();
  });

  it('marks the row failed when the last attempt fails transiently', async () => {
    const to = `late-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await recordOnly(verification(to, '975310'));
    sink.setMode('transient');
    await expect(handler()(jobFor(recorded.id, 4))).rejects.toMatchObject({ retryable: true });
    sink.setMode('accept');
    const row = await rowOf(recorded.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 5 });
    expect(row.params.data.code).toBeUndefined();
  });

  it('sends once when the job runs twice, and finishes a row already sent without sending', async () => {
    const to = `twice-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await recordOnly(verification(to, '112358'));
    await handler()(jobFor(recorded.id, 0));
    expect(await handler()(jobFor(recorded.id, 1))).toEqual({ skipped: 'completed' });
    expect(receivedBy(to)).toHaveLength(1);

    // A crash between acceptance and completion leaves sentAt on a running row.
    const crashed = await recordOnly(verification(`crash-${to}`, '314159'));
    await pool.query(
      `update job_requests set status = 'running', params = params || '{"sentAt":"2026-01-01T00:00:00.000Z"}' where id = $1`,
      [crashed.id],
    );
    expect(await handler()(jobFor(crashed.id, 1))).toEqual({ skipped: 'sent' });
    expect(receivedBy(`crash-${to}`)).toHaveLength(0);
    const row = await rowOf(crashed.id);
    expect(row.status).toBe('completed');
    expect(row.params.data.code).toBeUndefined();
  });

  it('fails invalid template data permanently without sending', async () => {
    const to = `bad-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await recordOnly({
      ...verification(to, '000000'),
      params: { template: 'email-verification', to, category: 'EMAIL_VERIFICATION', data: { code: 'abc' } },
    });
    const failure = await handler()(jobFor(recorded.id, 0)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'VALIDATION_ERROR', retryable: false });
    const row = await rowOf(recorded.id);
    expect(row.status).toBe('failed');
    expect(row.error).toContain('email-verification');
    expect(row.error).not.toContain('abc');
    expect(receivedBy(to)).toHaveLength(0);
  });

  it('sends feedback to the support inbox with Reply-To the sender', async () => {
    const sender = `bob-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await recordOnly(
      emailIntent(
        'feedback-notification',
        SUPPORT_RECIPIENT,
        {
          fullname: 'Bob <b>Builder</b>',
          email: sender,
          category: 'bug',
          message: 'The app <script>crashes</script>',
          submittedAt: new Date().toISOString(),
        },
        { replyTo: sender },
      ),
    );
    await handler()(jobFor(recorded.id, 0));
    const message = sink.received.find((m) => m.raw.includes(sender));
    expect(message?.to).toEqual(['support@storytime.test']);
    expect(message?.raw).toContain(`Reply-To: ${sender}`);
    expect(message?.raw).toContain('Subject: New feedback from Bob <b>Builder</b>');
    // The HTML part escapes it; the plain-text part carries the text as written.
    expect(message?.raw).toContain('&lt;script&gt;crashes');
  });

  it('writes the .eml and a .json summary without the code in outbox mode', async () => {
    const outboxEnv = workerEnv({ EMAIL_OUTBOX_DIR: outboxDir });
    const outboxMailer = createOutboxMailer(outboxEnv);
    const to = `offline-${randomUUID().slice(0, 8)}@example.com`;
    const recorded = await recordOnly(
      emailIntent(
        'pin-reset',
        to,
        { otp: '864209', userName: 'Ana', email: to, expiresInHours: 1 },
        { userId: null },
      ),
    );
    await createSendEmailHandler({ db, mailer: outboxMailer, logger, ...senderOf(outboxEnv) })(
      jobFor(recorded.id),
    );

    const files = (await readdir(outboxDir)).filter((name) => name.includes(recorded.id));
    expect(files.filter((name) => name.endsWith('.eml'))).toHaveLength(1);
    const jsonName = files.find((name) => name.endsWith('.json'))!;
    const rawJson = await readFile(join(outboxDir, jsonName), 'utf8');
    expect(rawJson).not.toContain('864209');
    expect(JSON.parse(rawJson)).toMatchObject({
      to,
      subject: 'Your Storytime PIN reset code',
      template: 'pin-reset',
      category: 'PIN_RESET',
      data: { userName: 'Ana', email: to, expiresInHours: 1 },
    });
    const entry = await latestOutboxEntry([outboxDir]);
    expect(entry?.summary.jobRequestId).toBe(recorded.id);
    expect(plainTextOf(entry!.eml)).toContain('864209');
    const row = await rowOf(recorded.id);
    expect(row.status).toBe('completed');
    expect(row.params.data.otp).toBeUndefined();
  });
});
