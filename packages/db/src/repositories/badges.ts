import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { badges, userBadges } from '../schema';

/**
 * Badge progress (rules.md §10.1–10.2): the catalogue is global; `user_badges` holds one row per
 * (parent, kid, badge) and one parent-aggregate row per (parent, NULL, badge), upserted lazily by
 * the engagement events (NULLS NOT DISTINCT unique). Every write here is set-based: one statement
 * per step whatever the number of badges an event feeds.
 */

export type EngagementEventType = 'story_read' | 'challenge_completed' | 'quiz_answered';

/**
 * A time-ordered (v7) UUID generated in SQL, for rows created by `INSERT … SELECT`: ids are
 * application-generated v7 elsewhere (D22), and the database has no default for them.
 */
export const sqlNewId = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

export interface BadgeProgressInput {
  parentId: string;
  /** Null: the event feeds the parent aggregate only (the parent's own progress). */
  kidId: string | null;
  eventType: EngagementEventType;
  /** Whether the event counts for `correctOnly` badges (the kid's first correct answer to a question). */
  countsCorrect: boolean;
  at: Date;
  /** `APP_TIMEZONE`: the special badges' time-of-day rules are local. */
  timeZone: string;
  /** Current streak of each scope after the event (streak badges store it as their count). */
  streaks: { parent: number; kid: number };
}

export interface BadgeProgressRow {
  id: string;
  kidId: string | null;
  badgeId: string;
  count: number;
  unlocked: boolean;
}

/**
 * Upserts, in one statement, the rows of every badge the event feeds for both scopes: count
 * badges of the event's type (`correctOnly` ones only when `countsCorrect`), special badges whose
 * local time rule holds at `at`, and the streak badges (count = the scope's current streak). Rows
 * are locked in a fixed order (badge, scope), so concurrent events of one family cannot deadlock.
 * Returns the rows after the update, still locked until the transaction ends.
 */
export async function upsertBadgeProgress(
  tx: DbOrTx,
  input: BadgeProgressInput,
): Promise<BadgeProgressRow[]> {
  const scopes = input.kidId
    ? sql`(values (${input.kidId}::uuid), (null::uuid))`
    : sql`(values (null::uuid))`;
  const localTime = sql`(${input.at.toISOString()}::timestamptz at time zone ${input.timeZone})::time`;
  const result = await tx.execute<{
    id: string;
    kid_id: string | null;
    badge_id: string;
    count: number;
    unlocked: boolean;
  }>(sql`
    insert into user_badges as ub (id, user_id, kid_id, badge_id, count)
    select ${sqlNewId}, ${input.parentId}::uuid, s.kid_id, b.id,
      case when b.badge_type = 'streak'
        then case when s.kid_id is null then ${input.streaks.parent}::int else ${input.streaks.kid}::int end
        else 1 end
    from badges b cross join ${scopes} as s(kid_id)
    where b.is_deleted = false and (
      b.badge_type = 'streak' or (
        b.metadata->>'eventType' = ${input.eventType}
        and (coalesce((b.metadata->>'correctOnly')::boolean, false) = false or ${input.countsCorrect}::boolean)
        and (b.metadata->'timeConstraint' is null or case b.metadata->'timeConstraint'->>'kind'
          when 'before' then ${localTime} < (b.metadata->'timeConstraint'->>'time')::time
          when 'atOrAfter' then ${localTime} >= (b.metadata->'timeConstraint'->>'time')::time
          else false end)))
    order by b.id, s.kid_id nulls first
    on conflict on constraint user_badges_user_id_kid_id_badge_id_unique do update set
      count = case
        when exists (select 1 from badges sb where sb.id = excluded.badge_id and sb.badge_type = 'streak')
        then excluded.count else ub.count + excluded.count end,
      updated_at = now()
    returning ub.id, ub.kid_id, ub.badge_id, ub.count, ub.unlocked`);
  return result.rows.map((row) => ({
    id: row.id,
    kidId: row.kid_id,
    badgeId: row.badge_id,
    count: Number(row.count),
    unlocked: row.unlocked,
  }));
}

export interface UnlockedBadge {
  userBadgeId: string;
  kidId: string | null;
  badgeId: string;
  key: string;
  title: string;
}

export interface UnlockResult {
  unlocked: UnlockedBadge[];
  /** In-app notifications created (the parent may have switched the channel off). */
  notified: number;
  /** Points credited to kids for kid-scope unlocks (0 when already credited). */
  pointsCredited: number;
}

/**
 * Unlocks, among `ids` (rows this transaction holds locked), those whose count reached the badge's
 * required amount and that are still locked, and in the same statement: one in-app `BADGE_EARNED`
 * notification per unlocked row for the parent unless the parent switched that channel off (a
 * missing or soft-deleted preference means enabled, rules.md §14), and `pointsPerBadge` for the kid
 * of each kid-scope unlock through the ledger (once per kid and badge) with the kid's balance.
 */
export async function unlockBadges(
  tx: DbOrTx,
  input: { parentId: string; ids: string[]; at: Date; pointsPerBadge: number },
): Promise<UnlockResult> {
  const ids = input.ids.length > 0 ? sql`${input.ids}` : sql`(null::uuid)`;
  const result = await tx.execute<{
    id: string | null;
    kid_id: string | null;
    badge_id: string | null;
    key: string | null;
    title: string | null;
    notified: number;
    points: number;
  }>(sql`
    with unlocked as (
      update user_badges ub
      set unlocked = true, unlocked_at = ${input.at.toISOString()}::timestamptz, updated_at = now()
      from badges b
      where ub.id in ${ids} and b.id = ub.badge_id and ub.unlocked = false and ub.count >= b.required_amount
      returning ub.id, ub.kid_id, ub.badge_id, b.key, b.title
    ), notified as (
      insert into notifications (id, user_id, category, title, body, data)
      select ${sqlNewId}, ${input.parentId}::uuid, 'BADGE_EARNED', 'New badge: ' || u.title,
        case when u.kid_id is null then 'Your family earned the ' || u.title || ' badge!'
          else coalesce(k.name, 'Your child') || ' earned the ' || u.title || ' badge!' end,
        jsonb_build_object('badgeId', u.badge_id, 'badgeKey', u.key, 'kidId', u.kid_id)
      from unlocked u left join kids k on k.id = u.kid_id
      where not exists (
        select 1 from notification_preferences p
        where p.user_id = ${input.parentId}::uuid and p.category = 'BADGE_EARNED' and p.type = 'in_app'
          and p.is_deleted = false and p.enabled = false)
      returning id
    ), earned as (
      insert into kid_point_transactions (id, kid_id, delta, reason, ref_id)
      select ${sqlNewId}, u.kid_id, ${input.pointsPerBadge}::int, 'badge_unlocked', u.badge_id
      from unlocked u where u.kid_id is not null
      on conflict do nothing
      returning kid_id, delta
    ), balance as (
      update kids set points_balance = points_balance + e.total, updated_at = now()
      from (select kid_id, sum(delta)::int as total from earned group by kid_id) e
      where kids.id = e.kid_id
      returning kids.id
    )
    select u.id, u.kid_id, u.badge_id, u.key, u.title,
      (select count(*) from notified)::int as notified,
      (select coalesce(sum(delta), 0) from earned)::int as points
    from (select 1) one left join unlocked u on true`);
  const rows = result.rows;
  return {
    unlocked: rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        userBadgeId: row.id!,
        kidId: row.kid_id,
        badgeId: row.badge_id!,
        key: row.key!,
        title: row.title!,
      })),
    notified: Number(rows[0]?.notified ?? 0),
    pointsCredited: Number(rows[0]?.points ?? 0),
  };
}

export interface BadgeProgressView {
  badgeId: string;
  key: string;
  title: string;
  description: string | null;
  iconUrl: string | null;
  unlockCondition: string;
  requiredAmount: number;
  priority: number;
  count: number;
  unlocked: boolean;
  unlockedAt: Date | null;
}

/**
 * Every live catalogue badge with the scope's progress (`kidId` null = the parent aggregate);
 * badges without a row read as count 0, locked. Priority desc, then catalogue (creation) order.
 */
export async function findBadgeProgress(
  tx: DbOrTx,
  userId: string,
  kidId: string | null,
): Promise<BadgeProgressView[]> {
  return tx
    .select({
      badgeId: badges.id,
      key: badges.key,
      title: badges.title,
      description: badges.description,
      iconUrl: badges.iconUrl,
      unlockCondition: badges.unlockCondition,
      requiredAmount: badges.requiredAmount,
      priority: badges.priority,
      count: sql<number>`coalesce(${userBadges.count}, 0)::int`,
      unlocked: sql<boolean>`coalesce(${userBadges.unlocked}, false)`,
      unlockedAt: userBadges.unlockedAt,
    })
    .from(badges)
    .leftJoin(
      userBadges,
      and(
        eq(userBadges.badgeId, badges.id),
        eq(userBadges.userId, userId),
        kidId ? eq(userBadges.kidId, kidId) : isNull(userBadges.kidId),
      ),
    )
    .where(eq(badges.isDeleted, false))
    .orderBy(desc(badges.priority), asc(badges.createdAt), asc(badges.id));
}
