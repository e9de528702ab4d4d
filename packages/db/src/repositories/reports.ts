import {
  type AnyColumn,
  and,
  count,
  eq,
  gte,
  inArray,
  isNotNull,
  lt,
  max,
  ne,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  activityLogs,
  avatars,
  dailyChallengeAssignments,
  favorites,
  kids,
  profiles,
  questionAnswers,
  rewardRedemptions,
  screenTimeSessions,
  storyProgress,
  userBadges,
} from '../schema';
import { todaySecondsOfKid } from './screen-time';

/**
 * Weekly and kid reports (rules.md §15). A week runs from Monday 00:00 to the next Monday 00:00 in
 * the app's time zone; the bounds are computed by PostgreSQL (`timestamp AT TIME ZONE`), so a DST
 * change inside the week moves the instants correctly. Every figure is one aggregate over the kids
 * asked for, so the statement count never depends on how many kids there are.
 */

export interface Week {
  /** The Monday, `YYYY-MM-DD`. */
  weekStart: string;
  /** IANA zone the week's days are read in (`APP_TIMEZONE`). */
  timeZone: string;
}

function weekBounds(week: Week) {
  const from = sql`(${week.weekStart}::date::timestamp at time zone ${week.timeZone})`;
  const to = sql`((${week.weekStart}::date + 7)::timestamp at time zone ${week.timeZone})`;
  const inWeek = (column: AnyColumn): SQL => and(gte(column, from), lt(column, to)) as SQL;
  // Sessions carry their start day (`date`), so the week is read on days, not instants.
  const dayInWeek = (column: AnyColumn): SQL =>
    and(gte(column, sql`${week.weekStart}::date`), lt(column, sql`(${week.weekStart}::date + 7)`)) as SQL;
  return { inWeek, dayInWeek };
}

/** The per-table conditions of one kid's week, shared by the grouped and the single-kid queries. */
function weekConditions(week: Week) {
  const { inWeek, dayInWeek } = weekBounds(week);
  return {
    storiesCompleted: inWeek(storyProgress.completedAt),
    screenTime: and(isNotNull(screenTimeSessions.endTime), dayInWeek(screenTimeSessions.date)) as SQL,
    starsEarned: and(
      eq(dailyChallengeAssignments.completed, true),
      inWeek(dailyChallengeAssignments.completedAt),
    ) as SQL,
    badgesEarned: and(eq(userBadges.unlocked, true), inWeek(userBadges.unlockedAt)) as SQL,
    // Requested in the week and not rejected (rules.md §15): pending, approved and completed count.
    rewardsRedeemed: and(
      ne(rewardRedemptions.status, 'rejected'),
      inWeek(rewardRedemptions.redeemedAt),
    ) as SQL,
    answers: inWeek(questionAnswers.answeredAt),
  };
}

const int = (expression: SQL) => sql<number>`coalesce(${expression}, 0)`.mapWith(Number);

export interface WeeklyKidStats {
  parentId: string;
  kidId: string;
  kidName: string | null;
  avatarUrl: string | null;
  /** 1-based position among the parent's kids: stories desc, then name asc (rules.md §15). */
  rank: number;
  storiesCompleted: number;
  screenTimeSeconds: number;
  starsEarned: number;
  badgesEarned: number;
  rewardsRedeemed: number;
}

/**
 * The week of every live kid of the given parents, in one statement: one GROUP BY kid per figure,
 * each restricted to those kids, joined to the kid rows. Sorted by parent, then rank.
 */
export async function findWeeklyKidStats(
  tx: DbOrTx,
  input: Week & { parentIds: readonly string[] },
): Promise<WeeklyKidStats[]> {
  if (input.parentIds.length === 0) return [];
  const where = weekConditions(input);
  const liveKids = and(inArray(kids.parentId, [...input.parentIds]), eq(kids.isDeleted, false)) as SQL;
  const kidIds = tx.select({ id: kids.id }).from(kids).where(liveKids);

  // Aliases are unique per subquery: drizzle references an aliased subquery field by its bare alias.
  const grouped = (
    alias: string,
    table:
      | typeof storyProgress
      | typeof dailyChallengeAssignments
      | typeof userBadges
      | typeof rewardRedemptions,
    kidColumn: AnyColumn,
    condition: SQL,
  ) =>
    tx
      .select({ kidId: sql<string>`${kidColumn}`.as(`${alias}_kid_id`), n: count().as(`${alias}_n`) })
      .from(table)
      .where(and(inArray(kidColumn, kidIds), condition))
      .groupBy(sql`${kidColumn}`)
      .as(alias);

  const stories = grouped('week_stories', storyProgress, storyProgress.kidId, where.storiesCompleted);
  const stars = grouped(
    'week_stars',
    dailyChallengeAssignments,
    dailyChallengeAssignments.kidId,
    where.starsEarned,
  );
  const badges = grouped('week_badges', userBadges, userBadges.kidId, where.badgesEarned);
  const redemptions = grouped(
    'week_redemptions',
    rewardRedemptions,
    rewardRedemptions.kidId,
    where.rewardsRedeemed,
  );
  const screen = tx
    .select({
      kidId: sql<string>`${screenTimeSessions.kidId}`.as('week_screen_kid_id'),
      seconds: sql<number>`sum(${screenTimeSessions.duration})`.as('week_screen_seconds'),
    })
    .from(screenTimeSessions)
    .where(and(inArray(screenTimeSessions.kidId, kidIds), where.screenTime))
    .groupBy(screenTimeSessions.kidId)
    .as('week_screen');

  const storiesCompleted = sql`coalesce(${stories.n}, 0)`;
  const rows = await tx
    .select({
      parentId: kids.parentId,
      kidId: kids.id,
      kidName: kids.name,
      avatarUrl: avatars.url,
      rank: sql<number>`row_number() over (partition by ${kids.parentId} order by ${storiesCompleted} desc, ${kids.name} asc nulls last, ${kids.id} asc)`.mapWith(
        Number,
      ),
      storiesCompleted: int(sql`${stories.n}`),
      screenTimeSeconds: int(sql`${screen.seconds}`),
      starsEarned: int(sql`${stars.n}`),
      badgesEarned: int(sql`${badges.n}`),
      rewardsRedeemed: int(sql`${redemptions.n}`),
    })
    .from(kids)
    .leftJoin(avatars, eq(avatars.id, kids.avatarId))
    .leftJoin(stories, eq(stories.kidId, kids.id))
    .leftJoin(screen, eq(screen.kidId, kids.id))
    .leftJoin(stars, eq(stars.kidId, kids.id))
    .leftJoin(badges, eq(badges.kidId, kids.id))
    .leftJoin(redemptions, eq(redemptions.kidId, kids.id))
    .where(liveKids);
  return rows.sort((a, b) =>
    a.parentId === b.parentId ? a.rank - b.rank : a.parentId < b.parentId ? -1 : 1,
  );
}

export interface KidReportStats {
  kidId: string;
  kidName: string | null;
  avatarUrl: string | null;
  kidLimit: number | null;
  parentLimit: number | null;
  todaySeconds: number;
  storiesCompleted: number;
  storiesInProgress: number;
  rightAnswers: number;
  totalAnswers: number;
  starsEarned: number;
  badgesEarned: number;
  rewardsRedeemed: number;
  favoritesCount: number;
  lastActiveAt: Date | null;
}

/**
 * REPORT-02 for one live kid of `parentId` in one statement (correlated scalar subqueries over the
 * kid's indexes); undefined when the kid is not the parent's (or deleted).
 */
export async function findKidReportStats(
  tx: DbOrTx,
  input: Week & { kidId: string; parentId: string; today: string; now: Date; capSeconds: number },
): Promise<KidReportStats | undefined> {
  const where = weekConditions(input);
  const scalar = (query: SQL | { getSQL(): SQL }) => int(sql`(${query})`);
  const countOf = (
    table:
      | typeof storyProgress
      | typeof questionAnswers
      | typeof dailyChallengeAssignments
      | typeof userBadges
      | typeof rewardRedemptions
      | typeof favorites,
    kidColumn: AnyColumn,
    condition?: SQL,
  ) =>
    scalar(
      tx
        .select({ n: count() })
        .from(table)
        .where(and(eq(kidColumn, kids.id), condition)),
    );

  const [row] = await tx
    .select({
      kidId: kids.id,
      kidName: kids.name,
      avatarUrl: avatars.url,
      kidLimit: kids.dailyScreenTimeLimitMins,
      parentLimit: profiles.maxScreenTimeMins,
      todaySeconds: todaySecondsOfKid(input.today, input.now, input.capSeconds),
      storiesCompleted: countOf(storyProgress, storyProgress.kidId, where.storiesCompleted),
      storiesInProgress: countOf(
        storyProgress,
        storyProgress.kidId,
        sql`${storyProgress.completed} = false and ${storyProgress.progress} > 0`,
      ),
      rightAnswers: countOf(
        questionAnswers,
        questionAnswers.kidId,
        and(where.answers, eq(questionAnswers.isCorrect, true)),
      ),
      totalAnswers: countOf(questionAnswers, questionAnswers.kidId, where.answers),
      starsEarned: countOf(dailyChallengeAssignments, dailyChallengeAssignments.kidId, where.starsEarned),
      badgesEarned: countOf(userBadges, userBadges.kidId, where.badgesEarned),
      rewardsRedeemed: countOf(rewardRedemptions, rewardRedemptions.kidId, where.rewardsRedeemed),
      favoritesCount: countOf(favorites, favorites.kidId),
      lastActiveAt: sql<Date | null>`(${tx
        .select({ at: max(activityLogs.createdAt) })
        .from(activityLogs)
        .where(eq(activityLogs.kidId, kids.id))})`.mapWith(activityLogs.createdAt),
    })
    .from(kids)
    .leftJoin(avatars, eq(avatars.id, kids.avatarId))
    .leftJoin(profiles, eq(profiles.userId, kids.parentId))
    .where(and(eq(kids.id, input.kidId), eq(kids.parentId, input.parentId), eq(kids.isDeleted, false)));
  return row;
}

export interface WeeklyReportRecipient {
  userId: string;
  email: string;
  name: string | null;
  /** The `WEEKLY_REPORT` email preference is turned off. */
  optedOut: boolean;
  /** A `weekly-report` email for this week is already recorded for the parent. */
  alreadyRecorded: boolean;
}

/**
 * One keyset page (on user id) of the weekly email's parents (rules.md §15): non-deleted, verified
 * users with at least one live kid, each with its opt-out and "already recorded for this week"
 * flags, so the caller advances the cursor over every parent and skips the flagged ones. One
 * statement per page.
 */
export async function findWeeklyReportRecipients(
  tx: DbOrTx,
  input: { weekStart: string; afterUserId: string | null; limit: number },
): Promise<WeeklyReportRecipient[]> {
  const after = input.afterUserId ? sql`and u.id > ${input.afterUserId}::uuid` : sql``;
  const result = await tx.execute<{
    user_id: string;
    email: string;
    name: string | null;
    opted_out: boolean;
    already_recorded: boolean;
  }>(sql`
    select u.id as user_id, u.email, u.name,
      exists (
        select 1 from notification_preferences p
        where p.user_id = u.id and p.category = 'WEEKLY_REPORT' and p.type = 'email'
          and p.enabled = false and p.is_deleted = false
      ) as opted_out,
      exists (
        select 1 from job_requests j
        where j.user_id = u.id and j.kind = 'email' and j.params->>'template' = 'weekly-report'
          and j.params->'data'->>'weekStartDate' = ${input.weekStart}
      ) as already_recorded
    from users u
    where u.is_deleted = false and u.is_email_verified = true ${after}
      and exists (select 1 from kids k where k.parent_id = u.id and k.is_deleted = false)
    order by u.id
    limit ${input.limit}`);
  return result.rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    name: row.name,
    optedOut: row.opted_out,
    alreadyRecorded: row.already_recorded,
  }));
}

/**
 * Serialises the weekly-report runs of one week (transaction-scoped advisory lock), so the
 * "already recorded" check and the inserts of two overlapping runs never interleave.
 */
export async function lockWeeklyReportWeek(tx: DbOrTx, weekStart: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`weekly-report:${weekStart}`}))`);
}
