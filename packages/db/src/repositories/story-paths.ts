import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { kids, storyPaths } from '../schema';
import { microsecondKey, type PageOptions } from './library';

/** Choices taken through interactive stories (api.md §4.9). */

export interface StoryPathRow {
  id: string;
  kidId: string;
  storyId: string;
  path: string;
  startedAt: Date;
  completedAt: Date | null;
}

const pathColumns = {
  id: storyPaths.id,
  kidId: storyPaths.kidId,
  storyId: storyPaths.storyId,
  path: storyPaths.path,
  startedAt: storyPaths.startedAt,
  completedAt: storyPaths.completedAt,
};

/** The path's kid belongs to the parent and is not deleted (api.md §0.1: others answer 404). */
const ownedBy = (parentId: string): SQL =>
  sql`exists (select 1 from ${kids} where ${kids.id} = ${storyPaths.kidId} and ${kids.parentId} = ${parentId} and ${kids.isDeleted} = false)`;

export async function insertStoryPath(tx: DbOrTx, kidId: string, storyId: string): Promise<StoryPathRow> {
  const [row] = await tx.insert(storyPaths).values({ kidId, storyId }).returning(pathColumns);
  return row!;
}

/** Ownership and write in one statement; undefined when the path is missing or someone else's. */
export async function updateOwnedStoryPath(
  tx: DbOrTx,
  parentId: string,
  pathId: string,
  patch: { path: string; completedAt?: Date | undefined },
): Promise<StoryPathRow | undefined> {
  const [row] = await tx
    .update(storyPaths)
    .set({ path: patch.path, ...(patch.completedAt ? { completedAt: patch.completedAt } : {}) })
    .where(and(eq(storyPaths.id, pathId), ownedBy(parentId)))
    .returning(pathColumns);
  return row;
}

export async function findOwnedStoryPath(
  tx: DbOrTx,
  parentId: string,
  pathId: string,
): Promise<StoryPathRow | undefined> {
  const [row] = await tx
    .select(pathColumns)
    .from(storyPaths)
    .where(and(eq(storyPaths.id, pathId), ownedBy(parentId)));
  return row;
}

export type StoryPathListRow = StoryPathRow & { startedAtKey: string };

/** STORY-37: the kid's paths, `startedAt` desc then id desc; fetches `limit + 1` rows. */
export async function listKidStoryPaths(
  tx: DbOrTx,
  kidId: string,
  page: PageOptions,
): Promise<StoryPathListRow[]> {
  const conditions: SQL[] = [eq(storyPaths.kidId, kidId)];
  if (page.after) {
    conditions.push(
      sql`(${storyPaths.startedAt}, ${storyPaths.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  return tx
    .select({ ...pathColumns, startedAtKey: microsecondKey(storyPaths.startedAt) })
    .from(storyPaths)
    .where(and(...conditions))
    .orderBy(desc(storyPaths.startedAt), desc(storyPaths.id))
    .limit(page.limit + 1);
}
