import { and, between, desc, eq, gte, inArray, lte, not, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import {
  parentRecommendations,
  stories,
  storyCategories,
  storySeasons,
  storyThemes,
  userPreferredCategories,
} from '../schema';
import { publicStory, type StoryListRow, storyListSelection } from './story-list';

/**
 * The public story feed (api.md STORY-01, rules.md §5), the parent homepage rows (§6) and the top
 * picks (§21). Every query starts from `publicStory` written exactly as the feed partial indexes'
 * predicate and orders exactly like one of them, so a page is an index range scan that stops after
 * `limit` rows; cursor pages continue with a row comparison, never OFFSET, so page 100 costs what
 * page 1 costs. Each returns list items in ONE statement (storyListSelection).
 */

export interface FeedFilter {
  themeId?: string;
  categoryId?: string;
  seasonId?: string;
  /** `isSeasonal`: linked to any of these seasons. Must not be empty (the caller answers "none"). */
  anySeasonIds?: readonly string[];
  /** `stories.recommended` equals the value (only without a kid). */
  recommended?: boolean;
  age?: number;
  minAge?: number;
  maxAge?: number;
  /** Kid personalisation: difficulty window; the stories in `bypassIds` skip only the window. */
  levelWindow?: { min: number; max: number; bypassIds: readonly string[] };
  /** Only these stories (a kid's recommendations). Must not be empty. */
  onlyIds?: readonly string[];
  /** Never these stories (a kid's restrictions: restriction always wins). */
  excludeIds?: readonly string[];
}

export type FeedSort = 'recent' | 'most-liked';

/** The keys of the last row of the previous page; `createdAt` is the microsecond text key. */
export interface FeedAfter {
  createdAt: string;
  id: string;
  /** Required for `most-liked`. */
  favoriteCount?: number;
}

const linkedTo = (table: PgTable, storyId: PgColumn, condition: SQL) =>
  sql`exists (select 1 from ${table} where ${storyId} = ${stories.id} and ${condition})`;

/** rules.md §5: each explicit filter only when it is given (fix 35), all over public stories. */
export function feedWhere(filter: FeedFilter): SQL {
  const conditions: SQL[] = [publicStory];
  if (filter.themeId) {
    conditions.push(linkedTo(storyThemes, storyThemes.storyId, eq(storyThemes.themeId, filter.themeId)));
  }
  if (filter.categoryId) {
    conditions.push(
      linkedTo(storyCategories, storyCategories.storyId, eq(storyCategories.categoryId, filter.categoryId)),
    );
  }
  if (filter.seasonId) {
    conditions.push(linkedTo(storySeasons, storySeasons.storyId, eq(storySeasons.seasonId, filter.seasonId)));
  }
  if (filter.anySeasonIds) {
    conditions.push(
      linkedTo(storySeasons, storySeasons.storyId, inArray(storySeasons.seasonId, [...filter.anySeasonIds])),
    );
  }
  if (filter.recommended !== undefined) conditions.push(eq(stories.recommended, filter.recommended));
  if (filter.age !== undefined) {
    conditions.push(lte(stories.ageMin, filter.age), gte(stories.ageMax, filter.age));
  }
  if (filter.minAge !== undefined) conditions.push(gte(stories.ageMax, filter.minAge));
  if (filter.maxAge !== undefined) conditions.push(lte(stories.ageMin, filter.maxAge));
  if (filter.levelWindow) {
    const { min, max, bypassIds } = filter.levelWindow;
    const window = between(stories.difficultyLevel, min, max);
    conditions.push(bypassIds.length > 0 ? (or(window, inArray(stories.id, [...bypassIds])) as SQL) : window);
  }
  if (filter.onlyIds) conditions.push(inArray(stories.id, [...filter.onlyIds]));
  if (filter.excludeIds && filter.excludeIds.length > 0) {
    conditions.push(not(inArray(stories.id, [...filter.excludeIds])));
  }
  return and(...conditions) as SQL;
}

/** ORDER BY matching `stories_feed_created_idx` / `stories_feed_favorites_idx` column for column. */
function feedOrder(sort: FeedSort): SQL[] {
  return sort === 'most-liked'
    ? [desc(stories.favoriteCount), desc(stories.createdAt), desc(stories.id)]
    : [desc(stories.createdAt), desc(stories.id)];
}

/** The keyset predicate: a row comparison the btree can start its scan from. */
function after(sort: FeedSort, keys: FeedAfter): SQL {
  if (sort === 'most-liked') {
    return sql`(${stories.favoriteCount}, ${stories.createdAt}, ${stories.id}) < (${keys.favoriteCount ?? 0}::int, ${keys.createdAt}::timestamptz, ${keys.id}::uuid)`;
  }
  return sql`(${stories.createdAt}, ${stories.id}) < (${keys.createdAt}::timestamptz, ${keys.id}::uuid)`;
}

/** The cursor-page statement, unexecuted (tests EXPLAIN it to prove the partial indexes serve it). */
export function feedPageQuery(
  tx: DbOrTx,
  filter: FeedFilter,
  sort: FeedSort,
  page: { after?: FeedAfter | undefined; fetch: number },
) {
  const where = page.after ? and(feedWhere(filter), after(sort, page.after)) : feedWhere(filter);
  return tx
    .select(storyListSelection)
    .from(stories)
    .where(where)
    .orderBy(...feedOrder(sort))
    .limit(page.fetch);
}

/** A cursor page: `fetch` rows (the caller asks for limit + 1) after the given keys. */
export async function findFeedPage(
  tx: DbOrTx,
  filter: FeedFilter,
  sort: FeedSort,
  page: { after?: FeedAfter | undefined; fetch: number },
): Promise<StoryListRow[]> {
  return (await feedPageQuery(tx, filter, sort, page)) as StoryListRow[];
}

/** An offset page (`GET /stories?page=`), for clients that number pages. */
export async function findFeedOffsetPage(
  tx: DbOrTx,
  filter: FeedFilter,
  sort: FeedSort,
  page: { offset: number; limit: number },
): Promise<StoryListRow[]> {
  return (await tx
    .select(storyListSelection)
    .from(stories)
    .where(feedWhere(filter))
    .orderBy(...feedOrder(sort))
    .limit(page.limit)
    .offset(page.offset)) as StoryListRow[];
}

export async function countFeed(tx: DbOrTx, filter: FeedFilter): Promise<number> {
  const [row] = await tx.select({ total: sql<number>`count(*)::int` }).from(stories).where(feedWhere(filter));
  return row?.total ?? 0;
}

/**
 * Homepage "recommended" (rules.md §6): newest public stories in any of the parent's preferred
 * categories, or simply the newest when the parent has none, in one statement (the "has none" test
 * is an uncorrelated subquery the planner evaluates once).
 */
export async function findNewestForParent(
  tx: DbOrTx,
  userId: string,
  limit: number,
): Promise<StoryListRow[]> {
  const hasNone = sql`not exists (select 1 from ${userPreferredCategories} where ${userPreferredCategories.userId} = ${userId})`;
  const inPreferred = sql`exists (select 1 from ${storyCategories} join ${userPreferredCategories} on ${userPreferredCategories.categoryId} = ${storyCategories.categoryId} where ${storyCategories.storyId} = ${stories.id} and ${userPreferredCategories.userId} = ${userId})`;
  return (await tx
    .select(storyListSelection)
    .from(stories)
    .where(and(publicStory, or(hasNone, inPreferred)))
    .orderBy(...feedOrder('recent'))
    .limit(limit)) as StoryListRow[];
}

/**
 * Homepage "seasonal": stories of the active seasons newest first, topped up with stories of the
 * backfill seasons; a story in both counts once, as active. One statement.
 */
export async function findSeasonalStories(
  tx: DbOrTx,
  seasonIds: { active: readonly string[]; backfill: readonly string[] },
  limit: number,
): Promise<StoryListRow[]> {
  const all = [...seasonIds.active, ...seasonIds.backfill];
  if (all.length === 0) return [];
  // Active-season stories first; with no active season the order is simply newest first.
  const activeFirst =
    seasonIds.active.length > 0
      ? [
          desc(
            linkedTo(
              storySeasons,
              storySeasons.storyId,
              inArray(storySeasons.seasonId, [...seasonIds.active]),
            ),
          ),
        ]
      : [];
  return (await tx
    .select(storyListSelection)
    .from(stories)
    .where(feedWhere({ anySeasonIds: all }))
    .orderBy(...activeFirst, ...feedOrder('recent'))
    .limit(limit)) as StoryListRow[];
}

export type TopPickRow = StoryListRow & { recommendationCount: number };

/** STORY-55: public stories by number of live parent recommendations, ties newest first. */
export async function findTopPicksFromParents(tx: DbOrTx, limit: number): Promise<TopPickRow[]> {
  const counts = tx
    .select({
      storyId: parentRecommendations.storyId,
      total: sql<number>`count(*)::int`.as('total'),
    })
    .from(parentRecommendations)
    .where(eq(parentRecommendations.isDeleted, false))
    .groupBy(parentRecommendations.storyId)
    .as('recommendation_counts');
  return (await tx
    .select({ ...storyListSelection, recommendationCount: counts.total })
    .from(stories)
    .innerJoin(counts, eq(counts.storyId, stories.id))
    .where(publicStory)
    .orderBy(desc(counts.total), desc(stories.createdAt), desc(stories.id))
    .limit(limit)) as TopPickRow[];
}

/** Rows block-sampled before the random pick: enough spread, bounded work whatever the table size. */
const SAMPLE_TARGET_ROWS = 2000;

/**
 * STORY-56: a random sample of public stories without sorting the whole table. `TABLESAMPLE SYSTEM`
 * reads a share of the table's pages sized from the planner's row estimate (every row has the same
 * chance of being read), then `limit` of those are picked at random; the list columns are built for
 * the picked rows only. Fewer than `limit` rows (a stale estimate, few public stories) → the caller
 * falls back to `findRandomStories`.
 */
export async function findSampledStories(tx: DbOrTx, limit: number): Promise<StoryListRow[]> {
  const target = Math.max(SAMPLE_TARGET_ROWS, limit * 50);
  const percent = sql`least(100, 100.0 * ${target}::int / greatest((select reltuples from pg_class where oid = 'stories'::regclass), 1))`;
  return (await tx
    .select(storyListSelection)
    .from(stories)
    .where(
      sql`${stories.id} in (select ${stories.id} from ${stories} tablesample system (${percent}) where ${publicStory} order by random() limit ${limit})`,
    )
    .orderBy(sql`random()`)) as StoryListRow[];
}

/** The exact uniform sample: random order over the ids of the public partial index (no list columns). */
export async function findRandomStories(tx: DbOrTx, limit: number): Promise<StoryListRow[]> {
  return (await tx
    .select(storyListSelection)
    .from(stories)
    .where(
      sql`${stories.id} in (select ${stories.id} from ${stories} where ${publicStory} order by random() limit ${limit})`,
    )
    .orderBy(sql`random()`)) as StoryListRow[];
}
