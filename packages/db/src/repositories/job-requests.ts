import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { jobRequests } from '../schema';

/** Job record reads and transitions shared by the API (status routes, waiting) and the workers. */

export type JobStatus = (typeof jobRequests.status.enumValues)[number];

export interface JobRecord {
  id: string;
  kind: string;
  queue: string;
  jobName: string;
  userId: string | null;
  kidId: string | null;
  params: Record<string, unknown>;
  status: JobStatus;
  stage: string | null;
  progress: number;
  resultRef: string | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

const recordColumns = {
  id: jobRequests.id,
  kind: jobRequests.kind,
  queue: jobRequests.queue,
  jobName: jobRequests.jobName,
  userId: jobRequests.userId,
  kidId: jobRequests.kidId,
  params: jobRequests.params,
  status: jobRequests.status,
  stage: jobRequests.stage,
  progress: jobRequests.progress,
  resultRef: jobRequests.resultRef,
  error: jobRequests.error,
  attempts: jobRequests.attempts,
  createdAt: jobRequests.createdAt,
  startedAt: jobRequests.startedAt,
  completedAt: jobRequests.completedAt,
};

export async function findJobRecord(tx: DbOrTx, id: string): Promise<JobRecord | undefined> {
  const [row] = await tx.select(recordColumns).from(jobRequests).where(eq(jobRequests.id, id));
  return row;
}

/** The active (pending/queued/running) job doing this work, if any (dedupe, platform.md §10.1). */
export async function findActiveJobByDedupeKey(
  tx: DbOrTx,
  dedupeKey: string,
): Promise<JobRecord | undefined> {
  const [row] = await tx
    .select(recordColumns)
    .from(jobRequests)
    .where(
      and(
        eq(jobRequests.dedupeKey, dedupeKey),
        inArray(jobRequests.status, ['pending', 'queued', 'running']),
      ),
    );
  return row;
}

/**
 * Claims the row for an attempt: `running`, attempts + 1. Returns false when the job is already
 * finished (completed/cancelled), so a redelivered job does nothing (D16 idempotency).
 */
export async function startJobAttempt(tx: DbOrTx, id: string): Promise<JobRecord | undefined> {
  const [row] = await tx
    .update(jobRequests)
    .set({
      status: 'running',
      attempts: sql`${jobRequests.attempts} + 1`,
      startedAt: sql`coalesce(${jobRequests.startedAt}, now())`,
      error: null,
    })
    .where(
      and(eq(jobRequests.id, id), inArray(jobRequests.status, ['pending', 'queued', 'running', 'failed'])),
    )
    .returning(recordColumns);
  return row;
}

export async function setJobStage(tx: DbOrTx, id: string, stage: string, progress: number): Promise<void> {
  await tx.update(jobRequests).set({ stage, progress }).where(eq(jobRequests.id, id));
}

export async function completeJob(
  tx: DbOrTx,
  id: string,
  values: { resultRef?: string | null; params?: Record<string, unknown> } = {},
): Promise<void> {
  await tx
    .update(jobRequests)
    .set({
      status: 'completed',
      stage: 'completed',
      progress: 100,
      completedAt: sql`now()`,
      ...(values.resultRef !== undefined ? { resultRef: values.resultRef } : {}),
      ...(values.params ? { params: values.params } : {}),
    })
    .where(eq(jobRequests.id, id));
}

/** Records an attempt's failure; `final` marks the row failed (no more attempts), else back to queued. */
export async function failJobAttempt(tx: DbOrTx, id: string, error: string, final: boolean): Promise<void> {
  await tx
    .update(jobRequests)
    .set({
      status: final ? 'failed' : 'queued',
      error: error.slice(0, 2000),
      ...(final ? { completedAt: sql`now()` } : {}),
    })
    .where(and(eq(jobRequests.id, id), inArray(jobRequests.status, ['pending', 'queued', 'running'])));
}

/** GEN-04: only while not started. Returns the row when it was cancelled. */
export async function cancelJob(tx: DbOrTx, id: string): Promise<boolean> {
  const rows = await tx
    .update(jobRequests)
    .set({ status: 'cancelled', completedAt: sql`now()` })
    .where(and(eq(jobRequests.id, id), inArray(jobRequests.status, ['pending', 'queued'])))
    .returning({ id: jobRequests.id });
  return rows.length > 0;
}

export async function countJobsByStatus(tx: DbOrTx, queue: string, statuses: JobStatus[]): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(jobRequests)
    .where(and(eq(jobRequests.queue, queue), inArray(jobRequests.status, statuses)));
  return row?.n ?? 0;
}
