import { badges } from '@storytime/db';
import { creditPoints } from '@storytime/db/repositories/points';
import { badges as catalogue } from '@storytime/db/seed';
import {
  type EngagementEffects,
  type EngagementEvent,
  recordEngagementEvent,
} from '../src/modules/achievements/events';
import type { TestApp } from './helpers';
import { query } from './users-fixtures';

/** Shared set-up of the achievements and rewards tests (rules.md §10–11). */

export type BadgeKey =
  | 'first_story'
  | 'story_explorer'
  | 'story_master'
  | 'challenge_champion'
  | 'week_warrior'
  | 'early_bird'
  | 'night_owl'
  | 'quiz_whiz';

/**
 * The seed badge catalogue, inserted if missing (idempotent; badges are global rows other test
 * files share, so existing ones are left alone). Returns key → id.
 */
export async function seedBadges(t: TestApp): Promise<Record<BadgeKey, string>> {
  const db = t.app.core.db;
  await db
    .insert(badges)
    .values(
      catalogue.map((badge) => ({
        key: badge.key,
        title: badge.title,
        description: badge.description,
        iconUrl: null,
        unlockCondition: badge.unlockCondition,
        badgeType: badge.badgeType,
        requiredAmount: badge.requiredAmount,
        priority: badge.priority,
        metadata: badge.metadata,
      })),
    )
    .onConflictDoNothing({ target: badges.key });
  const rows = await query<{ id: string; key: string }>(t, 'select id, key from badges where key = any($1)', [
    catalogue.map((badge) => badge.key),
  ]);
  return Object.fromEntries(rows.map((row) => [row.key, row.id])) as Record<BadgeKey, string>;
}

/** A local zone in which it is about noon right now: route tests stay clear of early bird and night owl. */
export function noonZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  if (offset === 0) return 'UTC';
  // Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** One event in its own transaction, as a caller would raise it. */
export function record(
  t: TestApp,
  event: EngagementEvent,
  options: { timeZone?: string } = {},
): Promise<EngagementEffects> {
  return t.app.core.db.transaction((tx) => recordEngagementEvent(tx, event, options));
}

export interface BadgeRow {
  key: BadgeKey;
  kid_id: string | null;
  count: number;
  unlocked: boolean;
  unlocked_at: Date | null;
}

/** The parent's badge rows of one scope (`kidId` null = the parent aggregate), by key. */
export async function badgeRows(t: TestApp, parentId: string, kidId: string | null) {
  const rows = await query<BadgeRow>(
    t,
    `select b.key, ub.kid_id, ub.count, ub.unlocked, ub.unlocked_at
       from user_badges ub join badges b on b.id = ub.badge_id
      where ub.user_id = $1 and ub.kid_id is not distinct from $2::uuid`,
    [parentId, kidId],
  );
  return Object.fromEntries(rows.map((row) => [row.key, row])) as Partial<Record<BadgeKey, BadgeRow>>;
}

export async function pointsOf(t: TestApp, kidId: string) {
  const [kid] = await query<{ balance: number }>(
    t,
    'select points_balance as balance from kids where id = $1',
    [kidId],
  );
  const ledger = await query<{ delta: number; reason: string; ref_id: string | null }>(
    t,
    'select delta, reason, ref_id from kid_point_transactions where kid_id = $1 order by created_at, id',
    [kidId],
  );
  return { balance: kid!.balance, ledger };
}

export async function badgeNotifications(t: TestApp, userId: string) {
  return query<{ title: string; body: string; data: { badgeKey: string; kidId: string | null } }>(
    t,
    `select title, body, data from notifications where user_id = $1 and category = 'BADGE_EARNED' order by created_at, id`,
    [userId],
  );
}

/** Activity rows at chosen instants (streak set-up). */
export async function insertActivity(
  t: TestApp,
  rows: Array<{ userId: string; kidId: string | null; action?: string; at: Date | string }>,
) {
  for (const row of rows) {
    await query(
      t,
      `insert into activity_logs (id, user_id, kid_id, action, status, created_at)
       values (gen_random_uuid(), $1, $2, $3, 'SUCCESS', $4)`,
      [row.userId, row.kidId, row.action ?? 'story_read', new Date(row.at).toISOString()],
    );
  }
}

/** A manual adjustment in the ledger with the balance (reason `adjustment` is exempt from the unique key). */
export async function grantPoints(t: TestApp, kidId: string, delta: number) {
  await creditPoints(t.app.core.db, kidId, [{ delta, reason: 'adjustment', refId: null }]);
}
