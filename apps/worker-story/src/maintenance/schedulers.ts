import { JOB, SCHEDULER } from '@storytime/queue';
import type { Queue } from 'bullmq';

/** platform.md §10.4: every day at 00:00 in `APP_TIMEZONE`. */
export const DAILY_CHALLENGES_PATTERN = '0 0 * * *';

/** platform.md §10.4: every day at 03:30 in `APP_TIMEZONE`. */
export const CLEANUP_PATTERN = '30 3 * * *';

/**
 * Upserts the `daily-challenges` job scheduler on the `story-maintenance` queue. Called by every
 * worker-story process at start: the scheduler is keyed by its id, so any number of replicas (or
 * restarts) leave exactly one schedule, and BullMQ produces one job per period for the whole
 * cluster (fix 9, D8). The job carries no date: the run assigns today's challenges.
 */
export async function upsertStorySchedulers(storyMaintenance: Queue, timezone: string): Promise<void> {
  await storyMaintenance.upsertJobScheduler(
    SCHEDULER.dailyChallenges,
    { pattern: DAILY_CHALLENGES_PATTERN, tz: timezone },
    { name: JOB.assignDailyChallenges, data: {} },
  );
}

/**
 * Upserts the `cleanup` job scheduler on the same queue, with the same once-per-period guarantee.
 * Kept apart from the daily challenges so each schedule can be managed (and tested) on its own.
 */
export async function upsertCleanupScheduler(storyMaintenance: Queue, timezone: string): Promise<void> {
  await storyMaintenance.upsertJobScheduler(
    SCHEDULER.cleanup,
    { pattern: CLEANUP_PATTERN, tz: timezone },
    { name: JOB.cleanup, data: {} },
  );
}
