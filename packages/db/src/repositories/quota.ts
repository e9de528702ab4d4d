import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { storyAccess, userUsages } from '../schema';

/** Free-tier story quota state (rules.md §2). Every function runs inside the caller's transaction. */

export interface UsageRow {
  uniqueStoriesRead: number;
  bonusStories: number;
  lastBonusGrantedAt: Date | null;
}

/**
 * The user's usage row, created with zeros when missing, locked FOR UPDATE so two parallel first
 * reads cannot both spend the last unit.
 */
export async function lockUsage(tx: DbOrTx, userId: string, month: string): Promise<UsageRow> {
  await tx
    .insert(userUsages)
    .values({ userId, currentMonth: month })
    .onConflictDoNothing({ target: userUsages.userId });
  const [row] = await tx
    .select({
      uniqueStoriesRead: userUsages.uniqueStoriesRead,
      bonusStories: userUsages.bonusStories,
      lastBonusGrantedAt: userUsages.lastBonusGrantedAt,
    })
    .from(userUsages)
    .where(eq(userUsages.userId, userId))
    .for('update');
  return row!;
}

export async function saveBonus(
  tx: DbOrTx,
  userId: string,
  values: { bonusStories: number; lastBonusGrantedAt: Date },
): Promise<void> {
  await tx
    .update(userUsages)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(userUsages.userId, userId));
}

export async function hasStoryAccess(tx: DbOrTx, userId: string, storyId: string): Promise<boolean> {
  const [row] = await tx
    .select({ storyId: storyAccess.storyId })
    .from(storyAccess)
    .where(and(eq(storyAccess.userId, userId), eq(storyAccess.storyId, storyId)));
  return Boolean(row);
}

/** Records a first read; returns false when another transaction recorded it first. */
export async function recordStoryAccess(tx: DbOrTx, userId: string, storyId: string): Promise<boolean> {
  const inserted = await tx
    .insert(storyAccess)
    .values({ userId, storyId })
    .onConflictDoNothing()
    .returning({ storyId: storyAccess.storyId });
  if (inserted.length === 0) return false;
  await tx
    .update(userUsages)
    .set({ uniqueStoriesRead: sql`${userUsages.uniqueStoriesRead} + 1`, updatedAt: sql`now()` })
    .where(eq(userUsages.userId, userId));
  return true;
}
