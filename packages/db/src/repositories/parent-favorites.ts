import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { parentFavorites, stories } from '../schema';
import { type StoryListRow, storyListSelection, visibleStoryTo } from './story-list';

/**
 * Parent favorites (api.md §15, PFAV-01..03). Every insert and delete adjusts
 * `stories.favorite_count` in the same transaction (platform.md §13), so "most liked" can be a
 * keyset order on the column instead of a count per request. `updated_at` is not touched: the
 * counter is not story content.
 */

/**
 * Idempotent add. Returns whether a row was created; only then is the counter incremented. The
 * `favorite_count + 1` update takes the story's row lock, so concurrent favorites of one story by
 * different parents serialise there and none is lost; a duplicate of the same pair waits on the
 * unique index and then inserts nothing.
 */
export async function addParentFavorite(
  tx: DbOrTx,
  userId: string,
  storyId: string,
): Promise<{ id: string; created: boolean }> {
  return tx.transaction(async (inner) => {
    const [inserted] = await inner
      .insert(parentFavorites)
      .values({ userId, storyId })
      .onConflictDoNothing({ target: [parentFavorites.userId, parentFavorites.storyId] })
      .returning({ id: parentFavorites.id });
    if (inserted) {
      await inner
        .update(stories)
        .set({ favoriteCount: sql`${stories.favoriteCount} + 1` })
        .where(eq(stories.id, storyId));
      return { id: inserted.id, created: true };
    }
    const [existing] = await inner
      .select({ id: parentFavorites.id })
      .from(parentFavorites)
      .where(and(eq(parentFavorites.userId, userId), eq(parentFavorites.storyId, storyId)));
    return { id: existing!.id, created: false };
  });
}

/**
 * Deletes the user's favorite of the story and decrements the counter, atomically (a savepoint
 * when `tx` is already a transaction, e.g. STORY-24's library removal). False when there was none.
 */
export async function removeParentFavorite(tx: DbOrTx, userId: string, storyId: string): Promise<boolean> {
  return tx.transaction(async (inner) => {
    const removed = await inner
      .delete(parentFavorites)
      .where(and(eq(parentFavorites.userId, userId), eq(parentFavorites.storyId, storyId)))
      .returning({ id: parentFavorites.id });
    if (removed.length === 0) return false;
    await inner
      .update(stories)
      .set({ favoriteCount: sql`greatest(${stories.favoriteCount} - 1, 0)` })
      .where(eq(stories.id, storyId));
    return true;
  });
}

export interface ParentFavoriteView {
  id: string;
  storyId: string;
  createdAt: Date;
  /** `created_at` with microseconds: the keyset key (platform.md §7). */
  sortKey: string;
  story: StoryListRow;
}

function viewQuery(tx: DbOrTx) {
  return tx
    .select({
      id: parentFavorites.id,
      storyId: parentFavorites.storyId,
      createdAt: parentFavorites.createdAt,
      sortKey: sql<string>`to_char(${parentFavorites.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      story: storyListSelection,
    })
    .from(parentFavorites)
    .innerJoin(stories, eq(stories.id, parentFavorites.storyId));
}

export async function findParentFavoriteView(
  tx: DbOrTx,
  id: string,
  userId: string,
): Promise<ParentFavoriteView | undefined> {
  const [row] = await viewQuery(tx).where(
    and(eq(parentFavorites.id, id), eq(parentFavorites.userId, userId), visibleStoryTo(userId)),
  );
  return row as ParentFavoriteView | undefined;
}

/**
 * One page of the user's favorites, newest first, keyset on (created_at, id); fetches `limit + 1`.
 * Stories deleted or no longer visible are left out. One query per page.
 */
export async function listParentFavorites(
  tx: DbOrTx,
  userId: string,
  options: { limit: number; after?: { sortKey: string; id: string } | undefined },
): Promise<ParentFavoriteView[]> {
  const conditions: SQL[] = [eq(parentFavorites.userId, userId), visibleStoryTo(userId)];
  if (options.after) {
    conditions.push(
      sql`(${parentFavorites.createdAt}, ${parentFavorites.id}) < (${options.after.sortKey}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  const rows = await viewQuery(tx)
    .where(and(...conditions))
    .orderBy(desc(parentFavorites.createdAt), desc(parentFavorites.id))
    .limit(options.limit + 1);
  return rows as ParentFavoriteView[];
}
