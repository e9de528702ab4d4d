import { JOB, SCHEDULER } from '@storytime/queue';
import type { Queue } from 'bullmq';

/** platform.md §10.4: Mondays at 08:00 in `APP_TIMEZONE`. */
export const WEEKLY_REPORTS_PATTERN = '0 8 * * 1';

/**
 * Upserts the `weekly-reports` job scheduler on the `email-maintenance` queue. Called by every
 * worker-email process at start: keyed by its id, so any number of replicas (or restarts) leave one
 * schedule and BullMQ produces one job per week cluster-wide (D8). The job carries no week: the run
 * reports on the previous one.
 */
export async function upsertEmailSchedulers(emailMaintenance: Queue, timezone: string): Promise<void> {
  await emailMaintenance.upsertJobScheduler(
    SCHEDULER.weeklyReports,
    { pattern: WEEKLY_REPORTS_PATTERN, tz: timezone },
    { name: JOB.weeklyReports, data: {} },
  );
}
