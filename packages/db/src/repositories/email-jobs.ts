import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { jobRequests } from '../schema';

/**
 * The `job_requests` rows of email jobs as worker-email runs them (platform.md §10.3): load,
 * mark the attempt, record the outcome. The one-time code in `params.data` is removed as soon as
 * the row is finished, whether sent or failed for good.
 */

export interface EmailJobRow {
  id: string;
  status: (typeof jobRequests.status.enumValues)[number];
  params: Record<string, unknown>;
  userId: string | null;
}

const FINISHED = ['completed', 'cancelled'] as const;

/** `params` without `data.code` / `data.otp` (jsonb `#-` on a missing path is a no-op). */
const paramsWithoutCodes = sql`${jobRequests.params} #- '{data,code}' #- '{data,otp}'`;

export async function findEmailJob(tx: DbOrTx, id: string): Promise<EmailJobRow | undefined> {
  const [row] = await tx
    .select({
      id: jobRequests.id,
      status: jobRequests.status,
      params: jobRequests.params,
      userId: jobRequests.userId,
    })
    .from(jobRequests)
    .where(eq(jobRequests.id, id));
  return row;
}

/** Status `running` for this attempt; returns false when the row was finished meanwhile. */
export async function markEmailJobRunning(tx: DbOrTx, id: string, attempt: number): Promise<boolean> {
  const rows = await tx
    .update(jobRequests)
    .set({ status: 'running', startedAt: sql`now()`, attempts: attempt, error: null })
    .where(and(eq(jobRequests.id, id), notInArray(jobRequests.status, [...FINISHED])))
    .returning({ id: jobRequests.id });
  return rows.length > 0;
}

/** Right after the SMTP server accepted the message: `sentAt`, completed, code deleted. */
export async function completeEmailJob(tx: DbOrTx, id: string, sentAt: Date): Promise<void> {
  await tx
    .update(jobRequests)
    .set({
      params: sql`(${paramsWithoutCodes}) || jsonb_build_object('sentAt', ${sentAt.toISOString()}::text)`,
      status: 'completed',
      progress: 100,
      error: null,
      completedAt: sql`now()`,
    })
    .where(eq(jobRequests.id, id));
}

/** A row found already sent (a crash after acceptance): finish it without sending again. */
export async function finishSentEmailJob(tx: DbOrTx, id: string): Promise<void> {
  await tx
    .update(jobRequests)
    .set({
      params: paramsWithoutCodes,
      status: 'completed',
      completedAt: sql`coalesce(${jobRequests.completedAt}, now())`,
    })
    .where(and(eq(jobRequests.id, id), notInArray(jobRequests.status, [...FINISHED])));
}

/**
 * Records a failed attempt (message only, no stack). `final` (last attempt or permanent error)
 * marks the row `failed` and deletes the code; otherwise the row waits for BullMQ's retry as `queued`.
 */
export async function failEmailJob(
  tx: DbOrTx,
  id: string,
  failure: { error: string; final: boolean },
): Promise<void> {
  await tx
    .update(jobRequests)
    .set(
      failure.final
        ? { status: 'failed', error: failure.error, params: paramsWithoutCodes, completedAt: sql`now()` }
        : { status: 'queued', error: failure.error },
    )
    .where(and(eq(jobRequests.id, id), notInArray(jobRequests.status, [...FINISHED])));
}
