import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  kidPreferredCategories,
  kids,
  notificationPreferences,
  parentRecommendations,
  restrictedStories,
} from '../schema';

/** Kid writes and the per-kid figures of KID-03/07 (api.md §2). Reads of `KidDto` live in kids.ts. */

export interface NewKid {
  parentId: string;
  name: string;
  ageRange: string;
  avatarId?: string | null;
}

/** One statement for the whole batch; ids come back in input order. */
export async function insertKids(tx: DbOrTx, rows: readonly NewKid[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(kids)
    .values(
      rows.map((row) => ({
        parentId: row.parentId,
        name: row.name,
        ageRange: row.ageRange,
        avatarId: row.avatarId ?? null,
      })),
    )
    .returning({ id: kids.id });
  return inserted.map((row) => row.id);
}

export async function insertKidCategories(
  tx: DbOrTx,
  links: ReadonlyArray<{ kidId: string; categoryId: string }>,
): Promise<void> {
  if (links.length === 0) return;
  await tx
    .insert(kidPreferredCategories)
    .values([...links])
    .onConflictDoNothing();
}

export async function replaceKidCategories(
  tx: DbOrTx,
  kidId: string,
  categoryIds: readonly string[],
): Promise<void> {
  await tx.delete(kidPreferredCategories).where(eq(kidPreferredCategories.kidId, kidId));
  await insertKidCategories(
    tx,
    categoryIds.map((categoryId) => ({ kidId, categoryId })),
  );
}

export interface KidPatch {
  name?: string;
  ageRange?: string;
  avatarId?: string;
  excludedTags?: string[];
  isBedtimeEnabled?: boolean;
  bedtimeStart?: string;
  bedtimeEnd?: string;
  bedtimeDays?: number[];
  bedtimeLockApp?: boolean;
  bedtimeDimScreen?: boolean;
  bedtimeReminder?: boolean;
  bedtimeStoriesOnly?: boolean;
  dailyScreenTimeLimitMins?: number | null;
  preferredVoiceId?: string;
}

export async function updateKid(tx: DbOrTx, kidId: string, patch: KidPatch): Promise<void> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  await tx
    .update(kids)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(kids.id, kidId));
}

export async function softDeleteKid(tx: DbOrTx, kidId: string, at: Date): Promise<void> {
  await tx
    .update(kids)
    .set({ isDeleted: true, deletedAt: at, updatedAt: sql`now()` })
    .where(eq(kids.id, kidId));
}

/** False when the kid was not deleted (a concurrent restore got there first). */
export async function restoreKid(tx: DbOrTx, kidId: string): Promise<boolean> {
  const rows = await tx
    .update(kids)
    .set({ isDeleted: false, deletedAt: null, updatedAt: sql`now()` })
    .where(and(eq(kids.id, kidId), eq(kids.isDeleted, true)))
    .returning({ id: kids.id });
  return rows.length > 0;
}

/** Deletes the row; owned rows cascade (data-model.md). */
export async function deleteKid(tx: DbOrTx, kidId: string): Promise<void> {
  await tx.delete(kids).where(eq(kids.id, kidId));
}

/** Non-deleted parent recommendations for the kid (KID-03, KID-07). */
export async function countKidRecommendations(tx: DbOrTx, kidId: string): Promise<number> {
  const [row] = await tx
    .select({ total: count() })
    .from(parentRecommendations)
    .where(and(eq(parentRecommendations.kidId, kidId), eq(parentRecommendations.isDeleted, false)));
  return Number(row?.total ?? 0);
}

/** Story ids recommended to the kid and restricted for it: the personalisation part of `kid:{id}:profile`. */
export async function findKidStoryLists(
  tx: DbOrTx,
  kidId: string,
): Promise<{ recommendedStoryIds: string[]; restrictedStoryIds: string[] }> {
  const recommended = await tx
    .select({ storyId: parentRecommendations.storyId })
    .from(parentRecommendations)
    .where(and(eq(parentRecommendations.kidId, kidId), eq(parentRecommendations.isDeleted, false)));
  const restricted = await tx
    .select({ storyId: restrictedStories.storyId })
    .from(restrictedStories)
    .where(eq(restrictedStories.kidId, kidId));
  return {
    recommendedStoryIds: [...new Set(recommended.map((row) => row.storyId))],
    restrictedStoryIds: restricted.map((row) => row.storyId),
  };
}

export interface KidNotificationPreference {
  id: string;
  category: string;
  type: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export async function findKidNotificationPreferences(
  tx: DbOrTx,
  kidId: string,
): Promise<KidNotificationPreference[]> {
  return tx
    .select({
      id: notificationPreferences.id,
      category: notificationPreferences.category,
      type: notificationPreferences.type,
      enabled: notificationPreferences.enabled,
      createdAt: notificationPreferences.createdAt,
      updatedAt: notificationPreferences.updatedAt,
    })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kidId, kidId), eq(notificationPreferences.isDeleted, false)))
    .orderBy(asc(notificationPreferences.category), asc(notificationPreferences.type));
}
