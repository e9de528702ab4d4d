import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, tstzNow } from './columns';
import { jobKindEnum, jobStatusEnum } from './enums';
import { kids } from './kids';
import { users } from './users';

/**
 * Transactional outbox and job record (D16, platform.md §10). The row is committed with the business
 * write; the relay enqueues `pending` rows with the row id as the BullMQ job id, so a retry never
 * duplicates a job.
 */
export const jobRequests = pgTable(
  'job_requests',
  {
    id: id(),
    kind: jobKindEnum().notNull(),
    queue: text().notNull(),
    jobName: text().notNull(),
    /** e.g. `tts:{storyId}:{voiceKey}:{textHash}`; a second request for active work waits on the active row. */
    dedupeKey: text(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    kidId: uuid().references(() => kids.id, { onDelete: 'set null' }),
    // Never secrets, except an email's one-time code, deleted on completion.
    params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** 1 high, 5 normal, 10 low. */
    priority: integer().notNull().default(5),
    status: jobStatusEnum().notNull().default('pending'),
    stage: text(),
    progress: integer().notNull().default(0),
    /** Story id, audio cache id, media id… */
    resultRef: uuid(),
    /** Last error message, without a stack. */
    error: text(),
    attempts: integer().notNull().default(0),
    availableAt: tstzNow(),
    requestId: text(),
    /** W3C trace context of the request that asked for the job. */
    traceparent: text(),
    createdAt: createdAt(),
    enqueuedAt: tstz(),
    startedAt: tstz(),
    completedAt: tstz(),
  },
  (t) => [
    check('job_requests_progress_check', sql`progress between 0 and 100`),
    index('job_requests_relay_idx').on(t.status, t.availableAt).where(sql`status = 'pending'`),
    index('job_requests_user_id_created_at_idx').on(t.userId, t.createdAt.desc().nullsFirst()),
    index('job_requests_kid_id_idx').on(t.kidId),
    index('job_requests_kind_status_idx').on(t.kind, t.status),
    uniqueIndex('job_requests_dedupe_key_active_uidx')
      .on(t.dedupeKey)
      .where(sql`status in ('pending', 'queued', 'running')`),
  ],
);
