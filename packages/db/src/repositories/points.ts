import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import type { pointReasonEnum } from '../schema';
import { sqlNewId } from './badges';

/**
 * The kid points ledger (rules.md §11): one `kid_point_transactions` row per earning or spending
 * event, unique per (kid, reason, refId) except manual adjustments, and `kids.points_balance` kept
 * equal to the ledger's sum by moving both in one statement.
 */

export type PointReason = (typeof pointReasonEnum.enumValues)[number];

export interface PointEntry {
  delta: number;
  reason: PointReason;
  /** Story, assignment, question, badge or redemption id. */
  refId: string | null;
}

/**
 * Writes the entries not yet in the ledger (an event already credited is skipped by the unique
 * key, which makes every award idempotent) and adds their sum to the kid's balance, in one
 * statement. Returns the entries actually written.
 */
export async function creditPoints(tx: DbOrTx, kidId: string, entries: PointEntry[]): Promise<PointEntry[]> {
  if (entries.length === 0) return [];
  const rows = sql.join(
    entries.map((entry) => sql`(${entry.delta}::int, ${entry.reason}::point_reason, ${entry.refId}::uuid)`),
    sql`, `,
  );
  const result = await tx.execute<{ delta: number; reason: PointReason; ref_id: string | null }>(sql`
    with entry (delta, reason, ref_id) as (values ${rows}),
    written as (
      insert into kid_point_transactions (id, kid_id, delta, reason, ref_id)
      select ${sqlNewId}, ${kidId}::uuid, delta, reason, ref_id from entry
      on conflict do nothing
      returning delta, reason, ref_id
    ), balance as (
      update kids set points_balance = points_balance + (select sum(delta) from written), updated_at = now()
      where id = ${kidId}::uuid and exists (select 1 from written)
      returning id
    )
    select delta, reason, ref_id from written`);
  return result.rows.map((row) => ({ delta: Number(row.delta), reason: row.reason, refId: row.ref_id }));
}

export interface PointsSnapshot {
  balance: number;
  /** Σ pointsCost of the kid's pending redemptions. */
  pending: number;
  /** balance − pending (rules.md §11). */
  available: number;
}

/**
 * The kid's balance and pending redemption costs. With `lock`, the kid row is locked first, which
 * serialises every redemption request and decision of one kid (the checks cannot race).
 */
export async function findPoints(
  tx: DbOrTx,
  kidId: string,
  options: { lock?: boolean } = {},
): Promise<PointsSnapshot | undefined> {
  const result = await tx.execute<{ balance: number; pending: number }>(sql`
    select k.points_balance as balance,
      coalesce((select sum(r.points_cost) from reward_redemptions r
                where r.kid_id = k.id and r.status = 'pending'), 0)::int as pending
    from kids k where k.id = ${kidId}::uuid
    ${options.lock ? sql`for update of k` : sql``}`);
  const row = result.rows[0];
  if (!row) return undefined;
  const balance = Number(row.balance);
  const pending = Number(row.pending);
  return { balance, pending, available: balance - pending };
}
