import { isAppError } from '@storytime/errors';
import {
  currentTraceparent,
  type Logger,
  runWithWorkContext,
  type WorkContext,
  withTraceparent,
} from '@storytime/observability';
import type { JobHandler, JobMeta, QueueName } from '@storytime/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import { jobDuration, jobsProcessed } from './job-metrics';

export interface JobContextLogger {
  logger: Logger;
}

/**
 * Wraps a queue's handler table into one BullMQ processor: dispatch by job name, a job span that
 * continues the producer's trace, the job's request id in the work context and logs,
 * duration/outcome metrics, and permanent failures (domain errors marked non-retryable) turned
 * into UnrecoverableError so BullMQ stops retrying.
 */
export function createProcessor(
  queue: QueueName,
  handlers: Record<string, JobHandler<never>>,
  logger: Logger,
): (job: Job) => Promise<unknown> {
  return async (job: Job) => {
    const handler = handlers[job.name] as JobHandler<unknown> | undefined;
    const meta = (job.data as { _meta?: JobMeta } | undefined)?._meta;
    const jobLogger = logger.child({
      queue,
      jobName: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      requestId: meta?.requestId,
    });
    if (!handler) {
      jobLogger.error('no handler for job');
      throw new UnrecoverableError(`No handler for job ${job.name}`);
    }
    // A child of the producer's span (`_meta.traceparent`): one trace runs from request to worker.
    return withTraceparent(
      meta?.traceparent,
      `${queue}.${job.name}`,
      async () => {
        const traceparent = currentTraceparent();
        const context: WorkContext = {
          queue,
          ...(job.id ? { jobId: job.id } : {}),
          ...(meta?.requestId ? { requestId: meta.requestId } : {}),
          // Jobs this one records continue the same trace.
          ...(traceparent ? { traceparent } : {}),
        };
        return runWithWorkContext(context, () => runHandler(queue, job, handler, jobLogger));
      },
      {
        'messaging.system': 'bullmq',
        'messaging.destination.name': queue,
        'messaging.operation.name': job.name,
        'messaging.message.id': job.id ?? '',
        'messaging.bullmq.attempt': job.attemptsMade + 1,
      },
    );
  };
}

async function runHandler(
  queue: QueueName,
  job: Job,
  handler: JobHandler<unknown>,
  jobLogger: Logger,
): Promise<unknown> {
  const stopTimer = jobDuration.startTimer({ queue, name: job.name });
  try {
    const result = await handler(job);
    stopTimer({ status: 'completed' });
    jobsProcessed.inc({ queue, name: job.name, status: 'completed' });
    jobLogger.info('job completed');
    return result;
  } catch (error) {
    stopTimer({ status: 'failed' });
    jobsProcessed.inc({ queue, name: job.name, status: 'failed' });
    const permanent = error instanceof UnrecoverableError || (isAppError(error) && !error.retryable);
    jobLogger.warn({ err: error, permanent }, 'job failed');
    if (permanent && !(error instanceof UnrecoverableError)) {
      throw new UnrecoverableError((error as Error).message);
    }
    throw error;
  }
}
