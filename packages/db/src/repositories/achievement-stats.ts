import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId } from '../schema';
import { sqlNewId } from './badges';
import type { PointEntry } from './points';

/**
 * Engagement activity and progress figures (rules.md §10.2–10.4): the activity log written by the
 * events, the active days streaks are computed from, and the progress stats of PROG-01.
 */

/** The actions that make a day active for streaks (rules.md §10.3). */
export const STREAK_ACTIONS = ['story_read', 'challenge_completed', 'quiz_answered'] as const;

export interface EngagementActivity {
  /** The parent account. */
  userId: string;
  kidId: string | null;
  action: (typeof STREAK_ACTIONS)[number];
  /** JSON text naming the event's subject, e.g. `{"storyId":"…"}`. */
  details: string;
  at: Date;
  requestId: string | null;
  /** Write nothing when the same (user, kid, action, details) is already logged. */
  once: boolean;
}

/**
 * Logs the event and, only when it was logged, credits the kid's ledger entry with the balance, in
 * one statement. `logged` false means the event was seen before (with `once`); `credited` false
 * means the ledger already had the entry (for quiz answers: not the kid's first correct answer).
 */
export async function logEngagementActivity(
  tx: DbOrTx,
  activity: EngagementActivity,
  points?: { kidId: string; entry: PointEntry },
): Promise<{ logged: boolean; credited: boolean }> {
  const kid = activity.kidId === null ? sql`null::uuid` : sql`${activity.kidId}::uuid`;
  const seen = activity.once
    ? sql`not exists (
        select 1 from activity_logs a
        where a.user_id = ${activity.userId}::uuid
          and ${activity.kidId === null ? sql`a.kid_id is null` : sql`a.kid_id = ${activity.kidId}::uuid`}
          and a.action = ${activity.action} and a.details = ${activity.details})`
    : sql`true`;
  const credit: SQL = points
    ? sql`, credit as (
        insert into kid_point_transactions (id, kid_id, delta, reason, ref_id)
        select ${sqlNewId}, ${points.kidId}::uuid, ${points.entry.delta}::int,
          ${points.entry.reason}::point_reason, ${points.entry.refId}::uuid
        where exists (select 1 from log)
        on conflict do nothing
        returning delta
      ), balance as (
        update kids set points_balance = points_balance + c.delta, updated_at = now()
        from credit c where kids.id = ${points.kidId}::uuid
        returning kids.id
      )`
    : sql``;
  const result = await tx.execute<{ logged: number; credited: number }>(sql`
    with log as (
      insert into activity_logs (id, user_id, kid_id, action, status, details, request_id, created_at)
      select ${newId()}::uuid, ${activity.userId}::uuid, ${kid}, ${activity.action}, 'SUCCESS',
        ${activity.details}, ${activity.requestId}, ${activity.at.toISOString()}::timestamptz
      where ${seen}
      returning id
    )${credit}
    select (select count(*) from log)::int as logged,
      ${points ? sql`(select count(*) from credit)::int` : sql`0`} as credited`);
  const row = result.rows[0];
  return { logged: Number(row?.logged ?? 0) > 0, credited: Number(row?.credited ?? 0) > 0 };
}

/** A streak scope: the parent aggregate (`kidId` null: every activity of the parent) or one kid. */
export interface ActivityScope {
  userId: string;
  kidId: string | null;
}

export interface ActiveDay {
  /** Index of the scope in the request. */
  scope: number;
  /** Local calendar day, `YYYY-MM-DD`. */
  day: string;
  /** The latest activity of that day. */
  lastAt: Date;
}

/**
 * The distinct local days with streak activity of each scope within [since, until], in one
 * statement (served by the `(user_id, action, created_at)` and `(kid_id, created_at)` indexes).
 */
export async function findActiveDays(
  tx: DbOrTx,
  scopes: ActivityScope[],
  window: { timeZone: string; since: Date; until: Date },
): Promise<ActiveDay[]> {
  if (scopes.length === 0) return [];
  const actions = sql.join(
    STREAK_ACTIONS.map((action) => sql`${action}`),
    sql`, `,
  );
  const parts = scopes.map(
    (scope, index) => sql`
      select ${index}::int as scope,
        to_char(created_at at time zone ${window.timeZone}, 'YYYY-MM-DD') as day,
        max(created_at) as last_at
      from activity_logs
      where ${scope.kidId === null ? sql`user_id = ${scope.userId}::uuid` : sql`kid_id = ${scope.kidId}::uuid`}
        and action in (${actions})
        and created_at >= ${window.since.toISOString()}::timestamptz
        and created_at <= ${window.until.toISOString()}::timestamptz
      group by 2`,
  );
  const result = await tx.execute<{ scope: number; day: string; last_at: Date | string }>(
    sql.join(parts, sql` union all `),
  );
  return result.rows.map((row) => ({
    scope: Number(row.scope),
    day: row.day,
    lastAt: row.last_at instanceof Date ? row.last_at : new Date(row.last_at),
  }));
}

export interface ProgressStats {
  storiesCompleted: number;
  challengesCompleted: number;
  /** Σ duration of closed screen-time sessions, in seconds. */
  readingSeconds: number;
}

/**
 * rules.md §10.4 over the parent's live kids, or the one kid: completed kid progress rows,
 * completed challenge assignments and closed screen-time seconds, in one statement.
 */
export async function findProgressStats(
  tx: DbOrTx,
  parentId: string,
  kidId: string | null,
): Promise<ProgressStats> {
  const scope = sql`k.parent_id = ${parentId}::uuid and k.is_deleted = false${
    kidId ? sql` and k.id = ${kidId}::uuid` : sql``
  }`;
  const result = await tx.execute<{ stories: number; challenges: number; seconds: number | string }>(sql`
    select
      (select count(*) from story_progress p join kids k on k.id = p.kid_id
        where ${scope} and p.completed = true)::int as stories,
      (select count(*) from daily_challenge_assignments a join kids k on k.id = a.kid_id
        where ${scope} and a.completed = true)::int as challenges,
      (select coalesce(sum(s.duration), 0) from screen_time_sessions s join kids k on k.id = s.kid_id
        where ${scope} and s.end_time is not null)::bigint as seconds`);
  const row = result.rows[0];
  return {
    storiesCompleted: Number(row?.stories ?? 0),
    challengesCompleted: Number(row?.challenges ?? 0),
    readingSeconds: Number(row?.seconds ?? 0),
  };
}
