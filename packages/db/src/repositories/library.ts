import { and, desc, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { downloadedStories, favorites, stories, storyProgress, userStoryProgress } from '../schema';
import { removeParentFavorite } from './parent-favorites';
import { type StoryListRow, storyListSelection } from './story-list';

/**
 * Reading libraries (api.md §4.6): the continue-reading and completed shelves of a kid or of the
 * parent account, the stories a kid created, and removal of a story from a library. Each page is ONE
 * query: `storyListSelection` joined to the progress rows.
 */

export type Shelf = 'continue-reading' | 'completed';

/** A keyset position: a timestamptz as text with microseconds, and the row id that breaks ties. */
export interface KeysetAfter {
  key: string;
  id: string;
}

export interface PageOptions {
  limit: number;
  after?: KeysetAfter | undefined;
}

export type LibraryRow = StoryListRow & {
  progress: number;
  totalTimeSpent: number;
  lastAccessed: Date;
  /** `last_accessed` with microseconds: the cursor key. */
  lastAccessedKey: string;
  /** The progress row id: the cursor tie-breaker (story ids are not in the index). */
  progressId: string;
};

/** ISO 8601 UTC with microseconds: a JS Date would drop them and a cursor could skip rows. */
export const microsecondKey = (column: SQLWrapper) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Written exactly as the partial indexes' predicates (`completed = false and progress > 0`,
 * `completed = true`) and with literals rather than parameters, so the planner can prove them and
 * walk `(owner, last_accessed desc, id desc)` in order.
 */
function shelfPredicate(table: typeof storyProgress | typeof userStoryProgress, shelf: Shelf): SQL {
  return shelf === 'completed'
    ? sql`${table.completed} = true`
    : sql`${table.completed} = false and ${table.progress} > 0`;
}

function libraryPage(
  tx: DbOrTx,
  table: typeof storyProgress | typeof userStoryProgress,
  owner: SQL,
  shelf: Shelf,
  page: PageOptions,
): Promise<LibraryRow[]> {
  const conditions: SQL[] = [owner, shelfPredicate(table, shelf), eq(stories.isDeleted, false)];
  if (page.after) {
    conditions.push(
      sql`(${table.lastAccessed}, ${table.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  return tx
    .select({
      ...storyListSelection,
      progress: table.progress,
      totalTimeSpent: table.totalTimeSpent,
      lastAccessed: table.lastAccessed,
      lastAccessedKey: microsecondKey(table.lastAccessed),
      progressId: table.id,
    })
    .from(table)
    .innerJoin(stories, eq(stories.id, table.storyId))
    .where(and(...conditions))
    .orderBy(desc(table.lastAccessed), desc(table.id))
    .limit(page.limit + 1) as Promise<LibraryRow[]>;
}

/** STORY-40/41: a kid's shelf, `lastAccessed` desc; fetches `limit + 1` rows. */
export function listKidShelf(tx: DbOrTx, kidId: string, shelf: Shelf, page: PageOptions) {
  return libraryPage(tx, storyProgress, eq(storyProgress.kidId, kidId), shelf, page);
}

/** STORY-22/23: the parent account's own shelf. */
export function listUserShelf(tx: DbOrTx, userId: string, shelf: Shelf, page: PageOptions) {
  return libraryPage(tx, userStoryProgress, eq(userStoryProgress.userId, userId), shelf, page);
}

/** STORY-42: stories the kid created, not deleted, newest first (keyset on created_at, id). */
export async function listKidCreatedStories(
  tx: DbOrTx,
  kidId: string,
  page: PageOptions,
): Promise<StoryListRow[]> {
  const conditions: SQL[] = [eq(stories.creatorKidId, kidId), eq(stories.isDeleted, false)];
  if (page.after) {
    conditions.push(
      sql`(${stories.createdAt}, ${stories.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  return (await tx
    .select(storyListSelection)
    .from(stories)
    .where(and(...conditions))
    .orderBy(desc(stories.createdAt), desc(stories.id))
    .limit(page.limit + 1)) as StoryListRow[];
}

/**
 * STORY-24: the parent's favorite (with `favoriteCount`, which counts parent favorites) and progress
 * for the story. The quota access row stays (decision). Call inside a transaction.
 */
export async function removeFromUserLibrary(
  tx: DbOrTx,
  userId: string,
  storyId: string,
): Promise<{ favorite: boolean; progress: boolean }> {
  // The counter is maintained by the parent-favorites repository, the one place that owns it.
  const favorite = await removeParentFavorite(tx, userId, storyId);
  const progress = await tx
    .delete(userStoryProgress)
    .where(and(eq(userStoryProgress.userId, userId), eq(userStoryProgress.storyId, storyId)))
    .returning({ id: userStoryProgress.id });
  return { favorite, progress: progress.length > 0 };
}

/** STORY-46: the kid's favorite, download and progress for the story. Call inside a transaction. */
export async function removeFromKidLibrary(
  tx: DbOrTx,
  kidId: string,
  storyId: string,
): Promise<{ favorite: boolean; download: boolean; progress: boolean }> {
  const favorite = await tx
    .delete(favorites)
    .where(and(eq(favorites.kidId, kidId), eq(favorites.storyId, storyId)))
    .returning({ id: favorites.id });
  const download = await tx
    .delete(downloadedStories)
    .where(and(eq(downloadedStories.kidId, kidId), eq(downloadedStories.storyId, storyId)))
    .returning({ id: downloadedStories.id });
  const progress = await tx
    .delete(storyProgress)
    .where(and(eq(storyProgress.kidId, kidId), eq(storyProgress.storyId, storyId)))
    .returning({ id: storyProgress.id });
  return { favorite: favorite.length > 0, download: download.length > 0, progress: progress.length > 0 };
}
