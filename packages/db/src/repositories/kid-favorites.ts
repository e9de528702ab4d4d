import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { favorites, stories } from '../schema';
import { type StoryListRow, storyListSelection, visibleStoryTo } from './story-list';

/** Kid favorites (api.md §4.3, STORY-12..14); unique `(kid_id, story_id)` (fix 16). */

export interface KidFavoriteRow {
  id: string;
  kidId: string;
  storyId: string;
  createdAt: Date;
}

const favoriteColumns = {
  id: favorites.id,
  kidId: favorites.kidId,
  storyId: favorites.storyId,
  createdAt: favorites.createdAt,
};

/**
 * Idempotent add: an existing favorite comes back unchanged. Two statements at most; a concurrent
 * insert of the same pair waits on the unique index and then finds the winner's row.
 */
export async function addKidFavorite(tx: DbOrTx, kidId: string, storyId: string): Promise<KidFavoriteRow> {
  const [inserted] = await tx
    .insert(favorites)
    .values({ kidId, storyId })
    .onConflictDoNothing({ target: [favorites.kidId, favorites.storyId] })
    .returning(favoriteColumns);
  if (inserted) return inserted;
  const [existing] = await tx
    .select(favoriteColumns)
    .from(favorites)
    .where(and(eq(favorites.kidId, kidId), eq(favorites.storyId, storyId)));
  return existing!;
}

export async function removeKidFavorite(tx: DbOrTx, kidId: string, storyId: string): Promise<boolean> {
  const rows = await tx
    .delete(favorites)
    .where(and(eq(favorites.kidId, kidId), eq(favorites.storyId, storyId)))
    .returning({ id: favorites.id });
  return rows.length > 0;
}

export interface KidFavoriteListRow {
  id: string;
  createdAt: Date;
  /** `created_at` with microseconds: the keyset key (platform.md §7). */
  sortKey: string;
  story: StoryListRow;
}

/**
 * One page of the kid's favorites, newest first, keyset on (created_at, id); fetches `limit + 1`.
 * Stories that are deleted or no longer visible to the family are left out. One query per page.
 */
export async function listKidFavorites(
  tx: DbOrTx,
  kidId: string,
  userId: string,
  options: { limit: number; after?: { sortKey: string; id: string } | undefined },
): Promise<KidFavoriteListRow[]> {
  const conditions: SQL[] = [eq(favorites.kidId, kidId), visibleStoryTo(userId)];
  if (options.after) {
    conditions.push(
      sql`(${favorites.createdAt}, ${favorites.id}) < (${options.after.sortKey}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  const rows = await tx
    .select({
      id: favorites.id,
      createdAt: favorites.createdAt,
      sortKey: sql<string>`to_char(${favorites.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      story: storyListSelection,
    })
    .from(favorites)
    .innerJoin(stories, eq(stories.id, favorites.storyId))
    .where(and(...conditions))
    .orderBy(desc(favorites.createdAt), desc(favorites.id))
    .limit(options.limit + 1);
  return rows as KidFavoriteListRow[];
}
