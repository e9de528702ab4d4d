import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { kids, parentRecommendations, stories, users } from '../schema';
import { type StoryListRow, storyListSelection, visibleStoryTo } from './story-list';

/** Parent recommendations (api.md §4.13, STORY-51..54; rules.md §21). Soft-deletable. */

/**
 * Inserts the recommendation, or revives the soft-deleted one of the same (parent, kid, story) with
 * the new message and a fresh `recommendedAt`, in one statement. Undefined when an active
 * recommendation already exists (the conflict's `WHERE` leaves it untouched).
 */
export async function recommendOrRevive(
  tx: DbOrTx,
  values: { userId: string; kidId: string; storyId: string; message: string | null },
): Promise<string | undefined> {
  const [row] = await tx
    .insert(parentRecommendations)
    .values(values)
    .onConflictDoUpdate({
      target: [parentRecommendations.userId, parentRecommendations.kidId, parentRecommendations.storyId],
      set: { message: sql`excluded.message`, isDeleted: false, deletedAt: null, recommendedAt: sql`now()` },
      setWhere: eq(parentRecommendations.isDeleted, true),
    })
    .returning({ id: parentRecommendations.id });
  return row?.id;
}

export interface RecommendationView {
  id: string;
  userId: string;
  kidId: string;
  storyId: string;
  message: string | null;
  recommendedAt: Date;
  /** `recommended_at` with microseconds: the keyset key (platform.md §7). */
  sortKey: string;
  story: StoryListRow;
  user: { id: string; name: string | null; email: string };
  kid: { id: string; name: string | null };
}

/** The STORY-51 shape: the row with its story list item, recommending parent and kid, one query. */
function viewQuery(tx: DbOrTx) {
  return tx
    .select({
      id: parentRecommendations.id,
      userId: parentRecommendations.userId,
      kidId: parentRecommendations.kidId,
      storyId: parentRecommendations.storyId,
      message: parentRecommendations.message,
      recommendedAt: parentRecommendations.recommendedAt,
      sortKey: sql<string>`to_char(${parentRecommendations.recommendedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      story: storyListSelection,
      user: { id: users.id, name: users.name, email: users.email },
      kid: { id: kids.id, name: kids.name },
    })
    .from(parentRecommendations)
    .innerJoin(stories, eq(stories.id, parentRecommendations.storyId))
    .innerJoin(users, eq(users.id, parentRecommendations.userId))
    .innerJoin(kids, eq(kids.id, parentRecommendations.kidId));
}

export async function findRecommendationView(
  tx: DbOrTx,
  id: string,
): Promise<RecommendationView | undefined> {
  const [row] = await viewQuery(tx).where(eq(parentRecommendations.id, id));
  return row as RecommendationView | undefined;
}

/**
 * One page of the kid's active recommendations, `recommendedAt` desc, keyset on (recommended_at,
 * id); fetches `limit + 1`. Stories that are deleted or no longer visible to the family are left out.
 */
export async function listKidRecommendations(
  tx: DbOrTx,
  kidId: string,
  userId: string,
  options: { limit: number; after?: { sortKey: string; id: string } | undefined },
): Promise<RecommendationView[]> {
  const conditions: SQL[] = [
    eq(parentRecommendations.kidId, kidId),
    eq(parentRecommendations.isDeleted, false),
    visibleStoryTo(userId),
  ];
  if (options.after) {
    conditions.push(
      sql`(${parentRecommendations.recommendedAt}, ${parentRecommendations.id}) < (${options.after.sortKey}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  const rows = await viewQuery(tx)
    .where(and(...conditions))
    .orderBy(desc(parentRecommendations.recommendedAt), desc(parentRecommendations.id))
    .limit(options.limit + 1);
  return rows as RecommendationView[];
}

/** The recommendation if the user made it; soft-deleted ones only when asked. */
export async function findOwnRecommendation(
  tx: DbOrTx,
  id: string,
  userId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<{ id: string; kidId: string; isDeleted: boolean } | undefined> {
  const conditions: SQL[] = [eq(parentRecommendations.id, id), eq(parentRecommendations.userId, userId)];
  if (!options.includeDeleted) conditions.push(eq(parentRecommendations.isDeleted, false));
  const [row] = await tx
    .select({
      id: parentRecommendations.id,
      kidId: parentRecommendations.kidId,
      isDeleted: parentRecommendations.isDeleted,
    })
    .from(parentRecommendations)
    .where(and(...conditions));
  return row;
}

/** False when the row was already deleted (or is gone). */
export async function softDeleteRecommendation(tx: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(parentRecommendations)
    .set({ isDeleted: true, deletedAt: at })
    .where(and(eq(parentRecommendations.id, id), eq(parentRecommendations.isDeleted, false)))
    .returning({ id: parentRecommendations.id });
  return rows.length > 0;
}

export async function deleteRecommendation(tx: DbOrTx, id: string): Promise<boolean> {
  const rows = await tx
    .delete(parentRecommendations)
    .where(eq(parentRecommendations.id, id))
    .returning({ id: parentRecommendations.id });
  return rows.length > 0;
}
