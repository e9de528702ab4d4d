import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { restrictedStories, stories } from '../schema';
import { type StoryListRow, storyListSelection, visibleStoryTo } from './story-list';

/** Stories a parent blocks for a kid (api.md §4.4, STORY-15..17; rules.md §21). */

export interface RestrictionRow {
  id: string;
  kidId: string;
  storyId: string;
  userId: string;
  reason: string | null;
  createdAt: Date;
}

const restrictionColumns = {
  id: restrictedStories.id,
  kidId: restrictedStories.kidId,
  storyId: restrictedStories.storyId,
  userId: restrictedStories.userId,
  reason: restrictedStories.reason,
  createdAt: restrictedStories.createdAt,
};

/**
 * Upsert on `(kid_id, story_id)` in one statement: a repeated restriction replaces the reason and
 * keeps its id and `createdAt` (its place in the list).
 */
export async function upsertRestriction(
  tx: DbOrTx,
  values: { kidId: string; storyId: string; userId: string; reason: string | null },
): Promise<RestrictionRow> {
  const [row] = await tx
    .insert(restrictedStories)
    .values(values)
    .onConflictDoUpdate({
      target: [restrictedStories.kidId, restrictedStories.storyId],
      set: { reason: sql`excluded.reason`, userId: sql`excluded.user_id` },
    })
    .returning(restrictionColumns);
  return row!;
}

export async function removeRestriction(tx: DbOrTx, kidId: string, storyId: string): Promise<boolean> {
  const rows = await tx
    .delete(restrictedStories)
    .where(and(eq(restrictedStories.kidId, kidId), eq(restrictedStories.storyId, storyId)))
    .returning({ id: restrictedStories.id });
  return rows.length > 0;
}

export async function isStoryRestricted(tx: DbOrTx, kidId: string, storyId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: restrictedStories.id })
    .from(restrictedStories)
    .where(and(eq(restrictedStories.kidId, kidId), eq(restrictedStories.storyId, storyId)));
  return row !== undefined;
}

export type RestrictedStoryRow = StoryListRow & {
  restrictionReason: string | null;
  restrictedAt: Date;
  /** `restricted_stories.created_at` with microseconds: the keyset key. */
  sortKey: string;
};

/**
 * One page of the kid's restricted stories, newest restriction first. The keyset is
 * (restricted_stories.created_at, story_id): the story id is unique per kid, so it breaks ties and
 * is also the item's `id`. Fetches `limit + 1`; one query per page.
 */
export async function listRestrictedStories(
  tx: DbOrTx,
  kidId: string,
  userId: string,
  options: { limit: number; after?: { sortKey: string; id: string } | undefined },
): Promise<RestrictedStoryRow[]> {
  const conditions: SQL[] = [eq(restrictedStories.kidId, kidId), visibleStoryTo(userId)];
  if (options.after) {
    conditions.push(
      sql`(${restrictedStories.createdAt}, ${restrictedStories.storyId}) < (${options.after.sortKey}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  const rows = await tx
    .select({
      ...storyListSelection,
      restrictionReason: restrictedStories.reason,
      restrictedAt: restrictedStories.createdAt,
      sortKey: sql<string>`to_char(${restrictedStories.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(restrictedStories)
    .innerJoin(stories, eq(stories.id, restrictedStories.storyId))
    .where(and(...conditions))
    .orderBy(desc(restrictedStories.createdAt), desc(restrictedStories.storyId))
    .limit(options.limit + 1);
  return rows as RestrictedStoryRow[];
}
