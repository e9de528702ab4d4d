import type { Db } from '@storytime/db';
import {
  type AssignDailyChallengesResult,
  assignDailyChallenges,
} from '@storytime/db/repositories/daily-challenges';
import {
  completeJob,
  failJobAttempt,
  findJobRecord,
  type JobRecord,
  startJobAttempt,
} from '@storytime/db/repositories/job-requests';
import type { Logger } from '@storytime/observability';
import type { JobMeta } from '@storytime/queue';
import { type Job, UnrecoverableError } from 'bullmq';

export interface AssignDailyChallengesDeps {
  db: Db;
  logger: Logger;
  /** `DAILY_CHALLENGE_BATCH_SIZE` (platform.md §12.3). */
  batchSize: number;
  /** `APP_TIMEZONE`: a run without a date assigns today's challenges there. */
  timezone: string;
  /** The uniform pick of rules.md §9.3; injected by tests. */
  random?: () => number;
  now?: () => Date;
  /**
   * How long an admin run waits for its `job_requests` row to become visible: the API adds the
   * BullMQ job just before its transaction commits.
   */
  recordWaitMs?: number;
}

type AssignJobData = { date?: string; jobRequestId?: string; _meta?: JobMeta };
export type AssignDailyChallengesJob = Pick<Job<AssignJobData>, 'id' | 'data' | 'attemptsMade' | 'opts'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Today's calendar day (`YYYY-MM-DD`) in `timeZone` at `now`. */
export function dayIn(timeZone: string, now: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `story-maintenance` / `assign-daily-challenges` (rules.md §9, platform.md §10.1, §10.4, D8).
 *
 * Two kinds of runs share it: the daily job scheduler's (data `{}`, today in `APP_TIMEZONE`, no job
 * record) and admin runs from STORY-32 (data `{ date }`, BullMQ job id = the `job_requests` id; a
 * `{ jobRequestId }` payload is read too, with the date from the row's params). The work itself is
 * idempotent (unique `(story_id, challenge_date)` and `(kid_id, challenge_date)`, ON CONFLICT DO
 * NOTHING), so a retry, a redelivery after a crash or two workers running the same date assign each
 * kid exactly one challenge.
 */
export function createAssignDailyChallengesHandler(deps: AssignDailyChallengesDeps) {
  const { db, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const recordWaitMs = deps.recordWaitMs ?? 5_000;

  async function awaitRecord(id: string): Promise<JobRecord | undefined> {
    const deadline = Date.now() + recordWaitMs;
    for (;;) {
      const record = await findJobRecord(db, id);
      if (record || Date.now() >= deadline) return record;
      await sleep(100);
    }
  }

  return async function assignDailyChallengesJob(
    job: AssignDailyChallengesJob,
  ): Promise<AssignDailyChallengesResult | { skipped: true }> {
    const recordId = job.data.jobRequestId ?? (job.id && UUID.test(job.id) ? job.id : undefined);
    const record = recordId ? await awaitRecord(recordId) : undefined;
    if (record && (record.status === 'completed' || record.status === 'cancelled')) {
      logger.info({ jobRequestId: record.id }, 'daily challenge run already finished; nothing to do');
      return { skipped: true };
    }
    if (record) await startJobAttempt(db, record.id);

    const paramsDate = typeof record?.params.date === 'string' ? record.params.date : undefined;
    const date = job.data.date ?? paramsDate ?? dayIn(deps.timezone, now());
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      if (!DAY.test(date)) throw new UnrecoverableError(`Invalid challenge date ${date}`);
      const started = Date.now();
      const result = await assignDailyChallenges(db, {
        date,
        batchSize: deps.batchSize,
        ...(deps.random ? { random: deps.random } : {}),
      });
      if (record) await completeJob(db, record.id);
      logger.info(
        { ...result, jobRequestId: record?.id, ms: Date.now() - started },
        'daily challenges assigned',
      );
      return result;
    } catch (error) {
      if (record) {
        const permanent = error instanceof UnrecoverableError;
        await failJobAttempt(db, record.id, (error as Error).message, permanent || lastAttempt).catch(
          () => {},
        );
      }
      throw error;
    }
  };
}
