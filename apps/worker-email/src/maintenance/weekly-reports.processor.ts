import type { Db } from '@storytime/db';
import { insertPendingJobs } from '@storytime/db/repositories/maintenance';
import {
  findWeeklyKidStats,
  findWeeklyReportRecipients,
  lockWeeklyReportWeek,
  type WeeklyKidStats,
} from '@storytime/db/repositories/reports';
import { type EmailData, emailIntent } from '@storytime/email-templates';
import type { Logger } from '@storytime/observability';
import { dispatchRecordedJobs, type JobMeta, type QueueProducer, type RecordedJob } from '@storytime/queue';
import { type Job, UnrecoverableError } from 'bullmq';

export interface WeeklyReportsDeps {
  db: Db;
  logger: Logger;
  /** Enqueues each batch's emails after its commit; without it the outbox relay enqueues them. */
  producer?: QueueProducer;
  /** `APP_TIMEZONE`: its Monday midnights bound the week (rules.md §15). */
  timezone: string;
  /** `WEEKLY_REPORT_BATCH_SIZE`: parents per batch. */
  batchSize: number;
  now?: () => Date;
}

type WeeklyReportsData = { weekStart?: string; _meta?: JobMeta };
export type WeeklyReportsJob = Pick<Job<WeeklyReportsData>, 'id' | 'data'>;

export interface WeeklyReportsResult {
  weekStart: string;
  parents: number;
  recorded: number;
  optedOut: number;
  alreadyRecorded: number;
  batches: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const toEpoch = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, days: number) =>
  new Date(toEpoch(day) + days * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (day: string) => new Date(toEpoch(day)).getUTCDay();

function todayIn(timeZone: string, now: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The Monday of the week before the one holding `now` in `timeZone`. */
export function previousWeekStart(timeZone: string, now: Date): string {
  const today = todayIn(timeZone, now);
  return addDays(today, -((weekdayOf(today) + 6) % 7) - 7);
}

function reportData(
  name: string | null,
  weekStart: string,
  rows: readonly WeeklyKidStats[],
): EmailData<'weekly-report'> {
  const kids = rows.map((row) => ({
    kidName: row.kidName ?? 'Your child',
    storiesCompleted: row.storiesCompleted,
    screenTimeMins: Math.floor(row.screenTimeSeconds / 60),
    starsEarned: row.starsEarned,
    badgesEarned: row.badgesEarned,
  }));
  return {
    userName: name ?? 'there',
    weekStartDate: weekStart,
    weekEndDate: addDays(weekStart, 6),
    kids,
    totalStoriesCompleted: kids.reduce((sum, kid) => sum + kid.storiesCompleted, 0),
    totalScreenTimeMins: kids.reduce((sum, kid) => sum + kid.screenTimeMins, 0),
  };
}

/**
 * `email-maintenance` / `weekly-reports` (rules.md §15, platform.md §10.4), Mondays 08:00
 * `APP_TIMEZONE`: the previous week's report (or `data.weekStart`'s) for every verified, non-deleted
 * parent with a live kid, one `weekly-report` email job each, recorded through the outbox.
 *
 * Parents are walked by keyset on their id, `batchSize` at a time; each batch is one transaction
 * with a fixed number of statements (recipients with their opt-out and already-recorded flags, the
 * kids' figures, one multi-row insert), whatever its size. The already-recorded check runs under a
 * per-week advisory lock, so a retry or a second run of the same week records nothing twice.
 */
export function createWeeklyReportsHandler(deps: WeeklyReportsDeps) {
  const { db, logger } = deps;
  const now = deps.now ?? (() => new Date());

  return async function weeklyReportsJob(job: WeeklyReportsJob): Promise<WeeklyReportsResult> {
    const weekStart = job.data.weekStart ?? previousWeekStart(deps.timezone, now());
    if (!DAY.test(weekStart) || Number.isNaN(toEpoch(weekStart)) || weekdayOf(weekStart) !== 1) {
      throw new UnrecoverableError(`weekStart must be a Monday (YYYY-MM-DD), got ${weekStart}`);
    }
    const started = Date.now();
    const result: WeeklyReportsResult = {
      weekStart,
      parents: 0,
      recorded: 0,
      optedOut: 0,
      alreadyRecorded: 0,
      batches: 0,
    };
    let after: string | null = null;
    for (;;) {
      const batch: { last: string | null; size: number; jobs: RecordedJob[] } = await db.transaction(
        async (tx) => {
          await lockWeeklyReportWeek(tx, weekStart);
          const recipients = await findWeeklyReportRecipients(tx, {
            weekStart,
            afterUserId: after,
            limit: deps.batchSize,
          });
          const eligible = recipients.filter((row) => !row.optedOut && !row.alreadyRecorded);
          result.optedOut += recipients.filter((row) => row.optedOut).length;
          result.alreadyRecorded += recipients.filter((row) => !row.optedOut && row.alreadyRecorded).length;
          const stats = await findWeeklyKidStats(tx, {
            weekStart,
            timeZone: deps.timezone,
            parentIds: eligible.map((row) => row.userId),
          });
          const byParent = new Map<string, WeeklyKidStats[]>();
          for (const row of stats) {
            const list = byParent.get(row.parentId) ?? [];
            list.push(row);
            byParent.set(row.parentId, list);
          }
          const intents = eligible.map((parent) =>
            emailIntent(
              'weekly-report',
              parent.email,
              reportData(parent.name, weekStart, byParent.get(parent.userId) ?? []),
              { userId: parent.userId },
            ),
          );
          const inserted = await insertPendingJobs(
            tx,
            intents.map((intent) => ({
              kind: intent.kind,
              queue: intent.queue,
              jobName: intent.jobName,
              params: intent.params ?? {},
              userId: intent.userId ?? null,
              priority: intent.priority ?? 5,
            })),
          );
          const jobs = inserted.map((row, index) => ({
            ...row,
            queue: intents[index]!.queue,
            jobName: intents[index]!.jobName,
          }));
          return { last: recipients.at(-1)?.userId ?? null, size: recipients.length, jobs };
        },
      );
      if (batch.size === 0) break;
      result.batches += 1;
      result.parents += batch.size;
      result.recorded += batch.jobs.length;
      if (deps.producer && batch.jobs.length > 0) {
        await dispatchRecordedJobs(db, deps.producer, batch.jobs, logger);
      }
      after = batch.last;
      if (batch.size < deps.batchSize) break;
    }
    logger.info({ ...result, ms: Date.now() - started }, 'weekly reports recorded');
    return result;
  };
}
