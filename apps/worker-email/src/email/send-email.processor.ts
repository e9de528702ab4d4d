import type { Db } from '@storytime/db';
import {
  completeEmailJob,
  failEmailJob,
  findEmailJob,
  finishSentEmailJob,
  markEmailJobRunning,
} from '@storytime/db/repositories/email-jobs';
import {
  emailJobParamsSchema,
  InvalidEmailDataError,
  renderEmail,
  SUPPORT_RECIPIENT,
  withoutCodes,
} from '@storytime/email-templates';
import { AppError, isAppError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Mailer } from './mailer';

export interface SendEmailDeps {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  sender: { name: string; address: string };
  /** Where `SUPPORT_RECIPIENT` goes: SUPPORT_EMAIL, else the sender address. */
  supportAddress: string;
  now?: () => Date;
}

type EmailJob = Pick<Job<{ jobRequestId: string }>, 'data' | 'attemptsMade' | 'opts' | 'id'>;

const permanent = (message: string) => new AppError('VALIDATION_ERROR', message, { retryable: false });

function isPermanent(error: unknown): boolean {
  return error instanceof UnrecoverableError || (isAppError(error) && !error.retryable);
}

/**
 * `email-queue` / `send-email` (platform.md §10.3, providers.md §6). The BullMQ payload carries the
 * job_requests id only; the row holds template, recipient and data. At-least-once: `sentAt` is
 * written right after the server accepts, and a row already sent or finished is never sent again.
 */
export function createSendEmailHandler(deps: SendEmailDeps) {
  const now = deps.now ?? (() => new Date());
  const domain = deps.sender.address.split('@')[1] ?? 'storytime.local';

  return async function sendEmail(job: EmailJob) {
    const jobRequestId = job.data.jobRequestId;
    const attempt = job.attemptsMade + 1;
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    const row = await findEmailJob(deps.db, jobRequestId);
    if (!row) {
      throw new AppError('RESOURCE_NOT_FOUND', `Email job request ${jobRequestId} not found`, {
        retryable: false,
      });
    }
    const params = row.params as { sentAt?: unknown; template?: unknown; category?: unknown };
    const log = deps.logger.child({
      jobRequestId,
      template: params.template,
      category: params.category,
      userId: row.userId,
      attempt,
    });
    if (row.status === 'completed' || row.status === 'cancelled') {
      log.info({ status: row.status }, 'email job already finished; nothing to send');
      return { skipped: row.status };
    }
    if (params.sentAt) {
      await finishSentEmailJob(deps.db, jobRequestId);
      log.info('email already sent; finishing the job without sending again');
      return { skipped: 'sent' };
    }
    if (!(await markEmailJobRunning(deps.db, jobRequestId, attempt))) return { skipped: 'finished' };

    try {
      const parsed = emailJobParamsSchema.safeParse(row.params);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
        throw permanent(`Invalid email job params: ${fields.join(', ')}`);
      }
      const { template, category, data, replyTo } = parsed.data;
      let rendered: ReturnType<typeof renderEmail>;
      try {
        rendered = renderEmail(template, data);
      } catch (error) {
        if (error instanceof InvalidEmailDataError) throw permanent(error.message);
        throw error;
      }
      const to = parsed.data.to === SUPPORT_RECIPIENT ? deps.supportAddress : parsed.data.to;
      const result = await deps.mailer.send({
        from: deps.sender,
        to,
        ...(replyTo ? { replyTo } : {}),
        ...rendered,
        messageId: `<${jobRequestId}@${domain}>`,
        summary: { template, category, data: withoutCodes(data), jobRequestId },
      });
      // Right after acceptance: a crash before this line is the one window for a duplicate.
      await completeEmailJob(deps.db, jobRequestId, now());
      log.info({ mode: deps.mailer.mode }, 'email sent');
      return { messageId: result.messageId };
    } catch (error) {
      const final = lastAttempt || isPermanent(error);
      const message = error instanceof Error ? error.message : String(error);
      await failEmailJob(deps.db, jobRequestId, { error: message, final }).catch((writeError: unknown) =>
        log.error({ err: writeError }, 'could not record the email failure'),
      );
      log.warn({ permanent: isPermanent(error), final, error: message }, 'email not sent');
      throw error;
    }
  };
}
