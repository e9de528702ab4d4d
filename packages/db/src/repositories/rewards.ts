import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { kids, rewardRedemptions, rewards } from '../schema';

/**
 * Parent-defined rewards and their redemptions (api.md §8, rules.md §11). A reward or redemption
 * is the caller's when its kid is a live kid of the caller (and, for rewards, `userId` = caller):
 * every read below carries that condition, so another parent's row reads as missing (fix 25).
 */

export interface RewardRow {
  id: string;
  name: string;
  description: string | null;
  points: number;
  imageUrl: string | null;
  kidId: string;
  userId: string;
  createdAt: Date;
  updatedAt: Date;
}

const rewardColumns = {
  id: rewards.id,
  name: rewards.name,
  description: rewards.description,
  points: rewards.points,
  imageUrl: rewards.imageUrl,
  kidId: rewards.kidId,
  userId: rewards.userId,
  createdAt: rewards.createdAt,
  updatedAt: rewards.updatedAt,
};

/** Live rewards of the caller whose kid is a live kid of the caller. */
const ownedReward = (userId: string) =>
  and(eq(rewards.userId, userId), eq(rewards.isDeleted, false), eq(kids.isDeleted, false));

export async function insertReward(
  tx: DbOrTx,
  values: {
    userId: string;
    kidId: string;
    name: string;
    description: string | null;
    points: number;
    imageUrl: string | null;
  },
): Promise<RewardRow> {
  const [row] = await tx.insert(rewards).values(values).returning(rewardColumns);
  return row!;
}

/** REWARD-02: the caller's rewards for all live kids, newest first. */
export async function listRewardsOfUser(tx: DbOrTx, userId: string): Promise<RewardRow[]> {
  return tx
    .select(rewardColumns)
    .from(rewards)
    .innerJoin(kids, and(eq(kids.id, rewards.kidId), eq(kids.parentId, userId)))
    .where(ownedReward(userId))
    .orderBy(desc(rewards.createdAt), desc(rewards.id));
}

/** REWARD-03: the kid's live rewards (the caller owns the kid), newest first. */
export async function listRewardsOfKid(tx: DbOrTx, userId: string, kidId: string): Promise<RewardRow[]> {
  return tx
    .select(rewardColumns)
    .from(rewards)
    .innerJoin(kids, and(eq(kids.id, rewards.kidId), eq(kids.parentId, userId)))
    .where(and(ownedReward(userId), eq(rewards.kidId, kidId)))
    .orderBy(desc(rewards.createdAt), desc(rewards.id));
}

/**
 * The caller's live reward. With `lock`, the reward row is share-locked until the transaction ends,
 * so a concurrent delete waits for a redemption request being written against it.
 */
export async function findOwnedReward(
  tx: DbOrTx,
  userId: string,
  rewardId: string,
  options: { lock?: boolean } = {},
): Promise<RewardRow | undefined> {
  const query = tx
    .select(rewardColumns)
    .from(rewards)
    .innerJoin(kids, and(eq(kids.id, rewards.kidId), eq(kids.parentId, userId)))
    .where(and(ownedReward(userId), eq(rewards.id, rewardId)));
  const [row] = options.lock ? await query.for('share', { of: rewards }) : await query;
  return row;
}

/** REWARD-05; only the given fields change. Undefined when the reward is not the caller's. */
export async function updateOwnedReward(
  tx: DbOrTx,
  userId: string,
  rewardId: string,
  patch: { name?: string; description?: string | null; points?: number; imageUrl?: string | null },
): Promise<RewardRow | undefined> {
  const [row] = await tx
    .update(rewards)
    .set({ ...patch, updatedAt: sql`now()` })
    .from(kids)
    .where(
      and(
        eq(rewards.id, rewardId),
        eq(kids.id, rewards.kidId),
        eq(kids.parentId, userId),
        ownedReward(userId),
      ),
    )
    .returning(rewardColumns);
  return row;
}

/**
 * REWARD-06, first step: soft-deletes the caller's reward. Undefined when it is not the caller's.
 * Waits for redemption requests holding the reward (`findOwnedReward` with `lock`), so the next
 * statement sees their pending rows.
 */
export async function softDeleteOwnedReward(
  tx: DbOrTx,
  userId: string,
  rewardId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .update(rewards)
    .set({ isDeleted: true, deletedAt: sql`now()`, updatedAt: sql`now()` })
    .from(kids)
    .where(
      and(
        eq(rewards.id, rewardId),
        eq(kids.id, rewards.kidId),
        eq(kids.parentId, userId),
        ownedReward(userId),
      ),
    )
    .returning({ id: rewards.id });
  return row;
}

/** REWARD-06, second step: the deleted reward's pending redemptions become rejected (`reward_deleted`). */
export async function rejectPendingRedemptions(
  tx: DbOrTx,
  rewardId: string,
  change: { decidedBy: string; reason: string },
): Promise<number> {
  const rows = await tx
    .update(rewardRedemptions)
    .set({
      status: 'rejected',
      decidedAt: sql`now()`,
      decidedBy: change.decidedBy,
      rejectReason: change.reason,
    })
    .where(and(eq(rewardRedemptions.rewardId, rewardId), eq(rewardRedemptions.status, 'pending')))
    .returning({ id: rewardRedemptions.id });
  return rows.length;
}

export type RedemptionStatus = 'pending' | 'approved' | 'rejected' | 'completed';

export interface RedemptionRow {
  id: string;
  rewardId: string;
  kidId: string;
  pointsCost: number;
  status: RedemptionStatus;
  redeemedAt: Date;
  decidedAt: Date | null;
}

const redemptionColumns = {
  id: rewardRedemptions.id,
  rewardId: rewardRedemptions.rewardId,
  kidId: rewardRedemptions.kidId,
  pointsCost: rewardRedemptions.pointsCost,
  status: rewardRedemptions.status,
  redeemedAt: rewardRedemptions.redeemedAt,
  decidedAt: rewardRedemptions.decidedAt,
};

export async function insertRedemption(
  tx: DbOrTx,
  values: { rewardId: string; kidId: string; pointsCost: number },
): Promise<RedemptionRow> {
  const [row] = await tx
    .insert(rewardRedemptions)
    .values({ ...values, status: 'pending' })
    .returning(redemptionColumns);
  return row!;
}

/**
 * The caller's redemption (its kid is a live kid of the caller). With `lock`, the redemption row
 * is locked, so two decisions on it are serialised and the second sees the first's status.
 */
export async function findOwnedRedemption(
  tx: DbOrTx,
  userId: string,
  redemptionId: string,
  options: { lock?: boolean } = {},
): Promise<RedemptionRow | undefined> {
  const query = tx
    .select(redemptionColumns)
    .from(rewardRedemptions)
    .innerJoin(kids, eq(kids.id, rewardRedemptions.kidId))
    .where(and(eq(rewardRedemptions.id, redemptionId), eq(kids.parentId, userId), eq(kids.isDeleted, false)));
  const [row] = options.lock ? await query.for('update', { of: rewardRedemptions }) : await query;
  return row;
}

/** Moves a redemption to its decided or fulfilled state (the service checked the transition). */
export async function setRedemptionStatus(
  tx: DbOrTx,
  redemptionId: string,
  change: { status: 'approved' | 'rejected' | 'completed'; decidedBy: string },
): Promise<RedemptionRow> {
  const stamp =
    change.status === 'completed'
      ? { completedAt: sql`now()` }
      : { decidedAt: sql`now()`, decidedBy: change.decidedBy };
  const [row] = await tx
    .update(rewardRedemptions)
    .set({ status: change.status, ...stamp })
    .where(eq(rewardRedemptions.id, redemptionId))
    .returning(redemptionColumns);
  return row!;
}

export interface RedemptionListRow extends RedemptionRow {
  /** `redeemed_at` with microseconds, the keyset key. */
  sortKey: string;
}

/** REWARD-09: the kid's redemptions, `redeemedAt` desc, keyset on (redeemed_at, id); `limit + 1` rows. */
export async function listKidRedemptions(
  tx: DbOrTx,
  kidId: string,
  options: { limit: number; after?: { sortKey: string; id: string } | undefined },
): Promise<RedemptionListRow[]> {
  const conditions = [eq(rewardRedemptions.kidId, kidId)];
  if (options.after) {
    conditions.push(
      sql`(${rewardRedemptions.redeemedAt}, ${rewardRedemptions.id}) < (${options.after.sortKey}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  return tx
    .select({
      ...redemptionColumns,
      sortKey: sql<string>`to_char(${rewardRedemptions.redeemedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(rewardRedemptions)
    .where(and(...conditions))
    .orderBy(desc(rewardRedemptions.redeemedAt), desc(rewardRedemptions.id))
    .limit(options.limit + 1);
}
