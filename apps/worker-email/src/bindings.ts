import type { Db } from '@storytime/db';
import type { Logger } from '@storytime/observability';
import { JOB, QUEUE, type QueueProducer } from '@storytime/queue';
import { bindQueue, type QueueBinding, unavailableHandler } from '@storytime/worker-kit';
import type { Mailer } from './email/mailer';
import { createSendEmailHandler } from './email/send-email.processor';
import type { WorkerEnv } from './env';
import { createWeeklyReportsHandler } from './maintenance/weekly-reports.processor';

export interface EmailWorkerDeps {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  /** Enqueues the weekly-report emails right after each batch commits; else the outbox relay does. */
  producer?: QueueProducer;
  now?: () => Date;
}

/** Offline (outbox) mode may run without a sender address; SMTP mode requires one (env.ts). */
const OFFLINE_SENDER = 'no-reply@storytime.local';

export function senderOf(env: WorkerEnv) {
  const address = env.DEFAULT_SENDER_EMAIL ?? OFFLINE_SENDER;
  return { sender: { name: env.DEFAULT_SENDER_NAME, address }, supportAddress: env.SUPPORT_EMAIL ?? address };
}

/** Every queue this worker owns (QUEUE_OWNERS['worker-email']) with a handler for each of its jobs. */
export function buildBindings(env: WorkerEnv, deps: EmailWorkerDeps): QueueBinding[] {
  return [
    bindQueue({
      queue: QUEUE.email,
      concurrency: env.EMAIL_WORKER_CONCURRENCY,
      handlers: { [JOB.sendEmail]: createSendEmailHandler({ ...deps, ...senderOf(env) }) },
    }),
    bindQueue({
      queue: QUEUE.push,
      concurrency: env.PUSH_WORKER_CONCURRENCY,
      handlers: {
        [JOB.sendPush]: unavailableHandler('Push delivery'),
        [JOB.sendPushBatch]: unavailableHandler('Batch push delivery'),
      },
    }),
    bindQueue({
      queue: QUEUE.emailMaintenance,
      concurrency: 1,
      handlers: {
        [JOB.weeklyReports]: createWeeklyReportsHandler({
          db: deps.db,
          logger: deps.logger,
          timezone: env.APP_TIMEZONE,
          batchSize: env.WEEKLY_REPORT_BATCH_SIZE,
          ...(deps.producer ? { producer: deps.producer } : {}),
          ...(deps.now ? { now: deps.now } : {}),
        }),
      },
    }),
  ];
}
