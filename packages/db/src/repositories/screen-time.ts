import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { kids, profiles, screenTimeSessions } from '../schema';

/**
 * Screen-time sessions (rules.md §18). Times come from the API clock (`now`), never from the
 * database's `now()`, so "today" and durations follow the same instant as the rest of the request.
 */

export interface OpenSession {
  id: string;
  kidId: string;
  startTime: Date;
}

const sessionColumns = {
  id: screenTimeSessions.id,
  kidId: screenTimeSessions.kidId,
  startTime: screenTimeSessions.startTime,
};

export async function findOpenSession(tx: DbOrTx, kidId: string): Promise<OpenSession | undefined> {
  const [row] = await tx
    .select(sessionColumns)
    .from(screenTimeSessions)
    .where(and(eq(screenTimeSessions.kidId, kidId), isNull(screenTimeSessions.endTime)));
  return row;
}

/**
 * Opens a session unless the kid already has an open one: the partial unique index
 * `(kid_id) WHERE end_time IS NULL` turns a parallel second insert into a no-op (undefined), so the
 * caller reads the winner's row instead of failing.
 */
export async function insertOpenSession(
  tx: DbOrTx,
  values: { kidId: string; startTime: Date; date: string },
): Promise<OpenSession | undefined> {
  const [row] = await tx
    .insert(screenTimeSessions)
    .values(values)
    .onConflictDoNothing({ target: screenTimeSessions.kidId, where: sql`end_time is null` })
    .returning(sessionColumns);
  return row;
}

/**
 * Closes an open session of a live kid of `parentId` in one statement:
 * `duration = min(floor((now − start) / 1 s), cap)`, never negative. Undefined when the session is
 * not the parent's, not open any more (ended twice, or a parallel end won), or missing.
 */
export async function closeSession(
  tx: DbOrTx,
  input: { sessionId: string; parentId: string; now: Date; capSeconds: number },
): Promise<{ id: string; duration: number } | undefined> {
  const elapsed = sql`floor(extract(epoch from (${input.now}::timestamptz - ${screenTimeSessions.startTime})))`;
  const [row] = await tx
    .update(screenTimeSessions)
    .set({
      endTime: input.now,
      duration: sql`least(greatest(${elapsed}, 0), ${input.capSeconds})::int`,
    })
    .from(kids)
    .where(
      and(
        eq(screenTimeSessions.id, input.sessionId),
        isNull(screenTimeSessions.endTime),
        eq(kids.id, screenTimeSessions.kidId),
        eq(kids.parentId, input.parentId),
        eq(kids.isDeleted, false),
      ),
    )
    .returning({ id: screenTimeSessions.id, duration: screenTimeSessions.duration });
  return row ? { id: row.id, duration: row.duration ?? 0 } : undefined;
}

/** The session as seen by its owner: undefined for another parent's, a deleted kid's or a missing one. */
export async function findOwnedSession(
  tx: DbOrTx,
  sessionId: string,
  parentId: string,
): Promise<{ id: string; ended: boolean } | undefined> {
  const [row] = await tx
    .select({ id: screenTimeSessions.id, endTime: screenTimeSessions.endTime })
    .from(screenTimeSessions)
    .innerJoin(kids, eq(kids.id, screenTimeSessions.kidId))
    .where(and(eq(screenTimeSessions.id, sessionId), eq(kids.parentId, parentId), eq(kids.isDeleted, false)));
  return row ? { id: row.id, ended: row.endTime !== null } : undefined;
}

/**
 * Seconds of `today` (rules.md §18) of the outer query's `kids` row: closed sessions dated today plus
 * the open session started today, counted up to `now` and capped like a closed one. Written with
 * explicit names because drizzle leaves columns unqualified in the fields of a join-less select,
 * where `kid_id = id` would silently compare two columns of the sessions table.
 */
export function todaySecondsOfKid(today: string, now: Date, capSeconds: number) {
  return sql<number>`(
    select coalesce(sum(
      case when s.end_time is not null then s.duration
      else least(greatest(floor(extract(epoch from (${now}::timestamptz - s.start_time))), 0), ${capSeconds})
      end), 0)::int
    from screen_time_sessions s
    where s.kid_id = "kids"."id" and s.date = ${today}::date
  )`.mapWith(Number);
}

/**
 * Today's screen time of a live kid of `parentId` with the kid's and the parent's limits, in one
 * statement; undefined when the kid is not the parent's (or deleted).
 */
export async function findTodayScreenTime(
  tx: DbOrTx,
  input: { kidId: string; parentId: string; today: string; now: Date; capSeconds: number },
): Promise<{ seconds: number; kidLimit: number | null; parentLimit: number | null } | undefined> {
  const [row] = await tx
    .select({
      seconds: todaySecondsOfKid(input.today, input.now, input.capSeconds),
      kidLimit: kids.dailyScreenTimeLimitMins,
      parentLimit: profiles.maxScreenTimeMins,
    })
    .from(kids)
    .leftJoin(profiles, eq(profiles.userId, kids.parentId))
    .where(and(eq(kids.id, input.kidId), eq(kids.parentId, input.parentId), eq(kids.isDeleted, false)));
  return row
    ? { seconds: Number(row.seconds), kidLimit: row.kidLimit, parentLimit: row.parentLimit }
    : undefined;
}
