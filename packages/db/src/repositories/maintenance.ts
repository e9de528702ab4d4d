import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { jobRequests } from '../schema';

/**
 * The daily clean-up of worker-story (platform.md §10.4). Each step is one set-based statement, so
 * each runs as its own short transaction whatever the number of rows; every step returns how many
 * rows it touched.
 */

const rowCount = (result: { rowCount?: number | null }) => result.rowCount ?? 0;

/** Sessions revoked or expired more than 7 days ago; their refresh tokens go by cascade. */
export async function deleteStaleSessions(tx: DbOrTx): Promise<number> {
  return rowCount(
    await tx.execute(sql`
      delete from sessions
      where revoked_at < now() - interval '7 days' or expires_at < now() - interval '7 days'`),
  );
}

/** One-time codes past their expiry. */
export async function deleteExpiredOneTimeCodes(tx: DbOrTx): Promise<number> {
  return rowCount(await tx.execute(sql`delete from tokens where expires_at < now()`));
}

/**
 * Finished job records past retention: completed emails after 24 h (they may have carried a
 * one-time code), other completed or cancelled rows after 7 days, failed rows after 30 days.
 */
export async function deleteFinishedJobRequests(tx: DbOrTx): Promise<number> {
  return rowCount(
    await tx.execute(sql`
      delete from job_requests
      where (status = 'completed' and kind = 'email'
             and coalesce(completed_at, created_at) < now() - interval '24 hours')
         or (status = 'completed' and kind <> 'email'
             and coalesce(completed_at, created_at) < now() - interval '7 days')
         or (status = 'cancelled' and coalesce(completed_at, created_at) < now() - interval '7 days')
         or (status = 'failed' and coalesce(completed_at, created_at) < now() - interval '30 days')`),
  );
}

/**
 * Story narrations whose text hash no longer matches their story's text (the story was edited).
 * The media files are left to the media clean-up.
 */
export async function deleteStaleStoryAudio(tx: DbOrTx): Promise<number> {
  return rowCount(
    await tx.execute(sql`
      delete from story_audio_cache c
      using stories s
      where c.story_id = s.id and s.text_hash is not null and c.text_hash <> s.text_hash`),
  );
}

/**
 * Screen-time sessions left open longer than the cap are closed with `duration = cap` and an end
 * time cap seconds after their start (rules.md §18).
 */
export async function closeOverlongScreenTimeSessions(tx: DbOrTx, capSeconds: number): Promise<number> {
  return rowCount(
    await tx.execute(sql`
      update screen_time_sessions
      set end_time = start_time + make_interval(secs => ${capSeconds}::int), duration = ${capSeconds}::int
      where end_time is null and start_time < now() - make_interval(secs => ${capSeconds}::int)`),
  );
}

export interface RequeuedMediaTransfer {
  id: string;
  priority: number;
}

/**
 * Records a new `media-transfer` job (status `pending`, for the outbox) for up to `limit` failed
 * local assets, oldest first, copying the params of the asset's latest transfer job (they name the
 * rows that show its URL, which the asset row does not know), and puts the asset back to `pending`.
 * Assets with an active transfer job, or without any earlier job to copy, are left alone. One
 * statement; the caller enqueues the returned rows after it committed.
 */
export async function requeueFailedMediaTransfers(
  tx: DbOrTx,
  input: { queue: string; jobName: string; priority: number; limit: number },
): Promise<RequeuedMediaTransfer[]> {
  const result = await tx.execute<{ id: string; priority: number }>(sql`
    with picked as (
      select a.id, a.owner_user_id, last.params
      from media_assets a
      cross join lateral (
        select j.params from job_requests j
        where j.kind = 'media_transfer' and j.params->>'mediaId' = a.id::text
        order by j.created_at desc
        limit 1
      ) last
      where a.status = 'failed' and a.store = 'local'
        and not exists (
          select 1 from job_requests j
          where j.kind = 'media_transfer' and j.params->>'mediaId' = a.id::text
            and j.status in ('pending', 'queued', 'running'))
      order by a.updated_at, a.id
      limit ${input.limit}
      for update of a skip locked
    ),
    reset as (
      update media_assets set status = 'pending', error = null, updated_at = now()
      where id in (select id from picked)
    )
    insert into job_requests (id, kind, queue, job_name, params, user_id, priority)
    select gen_random_uuid(), 'media_transfer', ${input.queue}, ${input.jobName}, picked.params, picked.owner_user_id,
           ${input.priority}::int
    from picked
    returning id, priority`);
  return result.rows.map((row) => ({ id: row.id, priority: Number(row.priority) }));
}

export type PendingJobRow = Pick<
  typeof jobRequests.$inferInsert,
  'kind' | 'queue' | 'jobName' | 'params' | 'userId' | 'kidId' | 'priority' | 'dedupeKey'
>;

/**
 * Records many outbox jobs (`status pending`) in one statement, for scheduled fan-outs; the caller
 * enqueues the returned rows after its transaction commits (the relay covers a failed enqueue).
 */
export async function insertPendingJobs(
  tx: DbOrTx,
  rows: readonly PendingJobRow[],
): Promise<Array<{ id: string; priority: number; requestId: string | null; traceparent: string | null }>> {
  if (rows.length === 0) return [];
  return tx
    .insert(jobRequests)
    .values([...rows])
    .returning({
      id: jobRequests.id,
      priority: jobRequests.priority,
      requestId: jobRequests.requestId,
      traceparent: jobRequests.traceparent,
    });
}
