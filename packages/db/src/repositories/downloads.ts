import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { downloadedStories, stories } from '../schema';
import { microsecondKey, type PageOptions } from './library';
import { type StoryListRow, storyListSelection } from './story-list';

/** Kid downloads (api.md STORY-43..45, rules.md §17): bookkeeping only, the files are the client's. */

export interface DownloadRow {
  id: string;
  kidId: string;
  storyId: string;
  downloadedAt: Date;
}

export type DownloadedStoryRow = StoryListRow & {
  downloadedAt: Date;
  /** `downloaded_at` with microseconds: the cursor key. */
  downloadedAtKey: string;
  /** The download row id: the cursor tie-breaker. */
  downloadId: string;
};

const downloadColumns = {
  id: downloadedStories.id,
  kidId: downloadedStories.kidId,
  storyId: downloadedStories.storyId,
  downloadedAt: downloadedStories.downloadedAt,
};

/** Upsert on (kidId, storyId); a repeat refreshes `downloadedAt`. */
export async function upsertDownload(tx: DbOrTx, kidId: string, storyId: string): Promise<DownloadRow> {
  const [row] = await tx
    .insert(downloadedStories)
    .values({ kidId, storyId })
    .onConflictDoUpdate({
      target: [downloadedStories.kidId, downloadedStories.storyId],
      set: { downloadedAt: sql`now()` },
    })
    .returning(downloadColumns);
  return row!;
}

export async function deleteDownload(tx: DbOrTx, kidId: string, storyId: string): Promise<boolean> {
  const removed = await tx
    .delete(downloadedStories)
    .where(and(eq(downloadedStories.kidId, kidId), eq(downloadedStories.storyId, storyId)))
    .returning({ id: downloadedStories.id });
  return removed.length > 0;
}

/** STORY-43: one query per page, `downloadedAt` desc then id desc; fetches `limit + 1` rows. */
export async function listKidDownloads(
  tx: DbOrTx,
  kidId: string,
  page: PageOptions,
): Promise<DownloadedStoryRow[]> {
  const conditions: SQL[] = [eq(downloadedStories.kidId, kidId), eq(stories.isDeleted, false)];
  if (page.after) {
    conditions.push(
      sql`(${downloadedStories.downloadedAt}, ${downloadedStories.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  return (await tx
    .select({
      ...storyListSelection,
      downloadedAt: downloadedStories.downloadedAt,
      downloadedAtKey: microsecondKey(downloadedStories.downloadedAt),
      downloadId: downloadedStories.id,
    })
    .from(downloadedStories)
    .innerJoin(stories, eq(stories.id, downloadedStories.storyId))
    .where(and(...conditions))
    .orderBy(desc(downloadedStories.downloadedAt), desc(downloadedStories.id))
    .limit(page.limit + 1)) as DownloadedStoryRow[];
}
