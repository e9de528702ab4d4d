import type { Db } from '@storytime/db';
import {
  failJobAttempt,
  findJobRecord,
  type JobRecord,
  startJobAttempt,
} from '@storytime/db/repositories/job-requests';
import { AppError, isAppError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import { type JobEvent, publishJobEvent, type Redis } from '@storytime/queue';
import { type Job, UnrecoverableError } from 'bullmq';

/**
 * The life of one `job_requests` row around a handler (platform.md §10.2–10.3): claim the attempt
 * (a finished row does nothing, D16), validate `params`, run the work (which completes the row in
 * its own write transaction), publish the outcome on `job-events:{jobId}`, and record failures:
 * back to `queued` while BullMQ retries remain, `failed` after the last attempt or a permanent error.
 */

/** The part of a zod schema this needs (worker-voice takes its schemas from the contract packages). */
export interface ParamsSchema<P> {
  safeParse(
    input: unknown,
  ): { success: true; data: P } | { success: false; error: { issues: Array<{ path: PropertyKey[] }> } };
}

export type QueueJob = Pick<Job<{ jobRequestId: string }>, 'data' | 'attemptsMade' | 'opts' | 'id'>;

export interface JobRunDeps {
  db: Db;
  redis: Redis;
  cachePrefix: string;
  logger: Logger;
}

export interface JobRun<P> {
  row: JobRecord;
  params: P;
  log: Logger;
  attempt: number;
}

export interface JobOutcome {
  /** What `completeJob` stored as `resultRef`, for the event. */
  resultRef: string | null;
  /** Anything else the handler returns to BullMQ (kept in the completed job). */
  result?: Record<string, unknown>;
}

export const permanent = (code: 'VALIDATION_ERROR' | 'RESOURCE_NOT_FOUND', message: string) =>
  new AppError(code, message, { retryable: false });

export function isPermanent(error: unknown): boolean {
  return error instanceof UnrecoverableError || (isAppError(error) && !error.retryable);
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runJobRecord<P>(
  deps: JobRunDeps,
  job: QueueJob,
  schema: ParamsSchema<P>,
  work: (run: JobRun<P>) => Promise<JobOutcome>,
  options: { onFinalFailure?: (params: P, error: unknown) => Promise<void> } = {},
): Promise<Record<string, unknown>> {
  const jobId = job.data.jobRequestId;
  const attempt = job.attemptsMade + 1;
  const lastAttempt = attempt >= (job.opts.attempts ?? 1);
  const publish = (event: JobEvent) => publishJobEvent(deps.redis, deps.cachePrefix, jobId, event);

  const row = await startJobAttempt(deps.db, jobId);
  if (!row) {
    const existing = await findJobRecord(deps.db, jobId);
    if (!existing) throw permanent('RESOURCE_NOT_FOUND', `Job request ${jobId} not found`);
    deps.logger.info({ jobRequestId: jobId, status: existing.status }, 'job already finished; nothing to do');
    return { skipped: existing.status };
  }
  const log = deps.logger.child({ jobRequestId: jobId, jobName: row.jobName, userId: row.userId, attempt });
  await publish({ status: 'running', stage: row.stage, progress: row.progress });

  let params: P | undefined;
  try {
    const parsed = schema.safeParse(row.params);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)');
      throw permanent('VALIDATION_ERROR', `Invalid job params: ${[...new Set(fields)].join(', ')}`);
    }
    params = parsed.data;
    const outcome = await work({ row, params: parsed.data, log, attempt });
    await publish({ status: 'completed', stage: 'completed', progress: 100, resultRef: outcome.resultRef });
    return { resultRef: outcome.resultRef, ...outcome.result };
  } catch (error) {
    const final = lastAttempt || isPermanent(error);
    const message = errorMessage(error);
    await failJobAttempt(deps.db, jobId, message, final).catch((writeError: unknown) =>
      log.error({ err: writeError }, 'could not record the job failure'),
    );
    if (final) {
      if (params !== undefined && options.onFinalFailure) {
        await options
          .onFinalFailure(params, error)
          .catch((hookError: unknown) => log.error({ err: hookError }, 'could not record the final failure'));
      }
      await publish({ status: 'failed', error: message });
    }
    log.warn({ err: error, final, permanent: isPermanent(error) }, 'job attempt failed');
    throw error;
  }
}
