import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { stories } from '../schema';

/**
 * `StoryListItem` (api.md §0.3) as one selection: the list columns plus categories, themes and
 * seasons aggregated per row by correlated subqueries, so any page of any list costs ONE query
 * whatever its size (no N+1), and never reads `text_content`.
 */

// The outer id is written qualified by hand: in a select from `stories` alone drizzle prints its
// columns unqualified, and an unqualified "id" inside the subquery would bind to the joined table.
const linked = (join: string, table: string, column: string) =>
  sql<Array<{ id: string; name: string }>>`coalesce((
    select json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name)
    from ${sql.raw(join)} j join ${sql.raw(table)} l on l.id = j.${sql.raw(column)}
    where j.story_id = "stories"."id" and l.is_deleted = false
  ), '[]'::json)`;

export const storyListSelection = {
  id: stories.id,
  title: stories.title,
  description: stories.description,
  language: stories.language,
  coverImageUrl: stories.coverImageUrl,
  audioUrl: stories.audioUrl,
  isInteractive: stories.isInteractive,
  ageMin: stories.ageMin,
  ageMax: stories.ageMax,
  backgroundColor: stories.backgroundColor,
  recommended: stories.recommended,
  aiGenerated: stories.aiGenerated,
  difficultyLevel: stories.difficultyLevel,
  wordCount: stories.wordCount,
  durationSeconds: stories.durationSeconds,
  creatorKidId: stories.creatorKidId,
  favoriteCount: stories.favoriteCount,
  createdAt: stories.createdAt,
  updatedAt: stories.updatedAt,
  /** `created_at` with its microseconds, for keyset cursors (a JS Date would drop them). */
  createdAtKey: sql<string>`to_char(${stories.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  categories: linked('story_categories', 'categories', 'category_id'),
  themes: linked('story_themes', 'themes', 'theme_id'),
  seasons: linked('story_seasons', 'seasons', 'season_id'),
};

export type StoryListRow = {
  id: string;
  title: string;
  description: string;
  language: string;
  coverImageUrl: string;
  audioUrl: string;
  isInteractive: boolean;
  ageMin: number;
  ageMax: number;
  backgroundColor: string;
  recommended: boolean;
  aiGenerated: boolean;
  difficultyLevel: number;
  wordCount: number;
  durationSeconds: number | null;
  creatorKidId: string | null;
  favoriteCount: number;
  createdAt: Date;
  updatedAt: Date;
  createdAtKey: string;
  categories: Array<{ id: string; name: string }>;
  themes: Array<{ id: string; name: string }>;
  seasons: Array<{ id: string; name: string }>;
};

/**
 * Public stories (rules.md §5): not deleted, published, not private to a family. Written exactly as
 * the feed indexes' predicate, so the planner can use those partial indexes.
 */
export const publicStory: SQL = and(
  eq(stories.isDeleted, false),
  eq(stories.isPublished, true),
  isNull(stories.ownerUserId),
) as SQL;

/** What a user may open: public stories and the ones generated for their own family. */
export function visibleStoryTo(userId: string | undefined): SQL {
  if (!userId) return publicStory;
  return and(
    eq(stories.isDeleted, false),
    eq(stories.isPublished, true),
    or(isNull(stories.ownerUserId), eq(stories.ownerUserId, userId)),
  ) as SQL;
}

/** List items for known ids, in the order given (ids not found or filtered out are skipped). */
export async function findStoryListItems(
  tx: DbOrTx,
  ids: readonly string[],
  extra?: SQL,
): Promise<StoryListRow[]> {
  if (ids.length === 0) return [];
  const rows = (await tx
    .select(storyListSelection)
    .from(stories)
    .where(and(inArray(stories.id, [...ids]), extra))) as StoryListRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

/** The visibility probe used before writes that name a story (favorites, downloads, progress…). */
export async function findVisibleStory(
  tx: DbOrTx,
  storyId: string,
  userId: string | undefined,
): Promise<
  { id: string; ownerUserId: string | null; wordCount: number; difficultyLevel: number } | undefined
> {
  const [row] = await tx
    .select({
      id: stories.id,
      ownerUserId: stories.ownerUserId,
      wordCount: stories.wordCount,
      difficultyLevel: stories.difficultyLevel,
    })
    .from(stories)
    .where(and(eq(stories.id, storyId), visibleStoryTo(userId)));
  return row;
}
