import type { Db } from '@storytime/db';
import {
  closeOverlongScreenTimeSessions,
  deleteExpiredOneTimeCodes,
  deleteFinishedJobRequests,
  deleteStaleSessions,
  deleteStaleStoryAudio,
  requeueFailedMediaTransfers,
} from '@storytime/db/repositories/maintenance';
import type { Logger } from '@storytime/observability';
import {
  dispatchRecordedJobs,
  JOB,
  PRIORITY,
  QUEUE,
  type QueueProducer,
  type RecordedJob,
} from '@storytime/queue';

export interface CleanupDeps {
  db: Db;
  /** Enqueues the re-recorded media transfers once their rows are committed (outbox fast path). */
  producer: QueueProducer;
  logger: Logger;
  /** `SCREEN_TIME_MAX_SESSION_SECONDS` (rules.md §18). */
  screenTimeCapSeconds: number;
  /** Failed media transfers retried per run. */
  mediaRetryLimit?: number;
}

export interface CleanupResult {
  sessionsDeleted: number;
  oneTimeCodesDeleted: number;
  jobRequestsDeleted: number;
  staleAudioDeleted: number;
  screenTimeSessionsClosed: number;
  mediaTransfersRequeued: number;
}

/**
 * `story-maintenance` / `cleanup` (platform.md §10.4), run daily at 03:30 `APP_TIMEZONE`. Every step
 * is one set-based statement committed on its own, so a long backlog never holds one big
 * transaction and a failed step leaves the earlier ones done; a retry simply runs them all again
 * (each is idempotent). Stale audio files are left to the media clean-up.
 */
export function createCleanupHandler(deps: CleanupDeps) {
  const { db, logger } = deps;
  const mediaRetryLimit = deps.mediaRetryLimit ?? 100;

  return async function cleanupJob(): Promise<CleanupResult> {
    const started = Date.now();
    const sessionsDeleted = await deleteStaleSessions(db);
    const oneTimeCodesDeleted = await deleteExpiredOneTimeCodes(db);
    const jobRequestsDeleted = await deleteFinishedJobRequests(db);
    const staleAudioDeleted = await deleteStaleStoryAudio(db);
    const screenTimeSessionsClosed = await closeOverlongScreenTimeSessions(db, deps.screenTimeCapSeconds);

    // Outbox: the rows are committed `pending` by the statement, then enqueued; a failed enqueue
    // leaves them to the relay.
    const requeued = await requeueFailedMediaTransfers(db, {
      queue: QUEUE.media,
      jobName: JOB.mediaTransfer,
      priority: PRIORITY.low,
      limit: mediaRetryLimit,
    });
    if (requeued.length > 0) {
      const jobs: RecordedJob[] = requeued.map((row) => ({
        id: row.id,
        priority: row.priority,
        queue: QUEUE.media,
        jobName: JOB.mediaTransfer,
        requestId: null,
        traceparent: null,
      }));
      await dispatchRecordedJobs(db, deps.producer, jobs, logger);
    }

    const result: CleanupResult = {
      sessionsDeleted,
      oneTimeCodesDeleted,
      jobRequestsDeleted,
      staleAudioDeleted,
      screenTimeSessionsClosed,
      mediaTransfersRequeued: requeued.length,
    };
    logger.info({ ...result, ms: Date.now() - started }, 'clean-up done');
    return result;
  };
}
