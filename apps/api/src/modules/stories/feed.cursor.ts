import type { FeedAfter, FeedSort } from '@storytime/db/repositories/story-feed';
import type { StoryListRow } from '@storytime/db/repositories/story-list';
import { ValidationError } from '@storytime/errors';
import { decodeCursor, toCursorPage } from '../../lib/pagination';

/**
 * Feed cursors (platform.md §7): the sort's keys of the last row plus its id. Timestamps travel as
 * the database's microsecond text (`createdAtKey`): a JS Date keeps milliseconds only and would skip
 * stories created in the same millisecond. The sort name is inside the cursor, so a "most liked"
 * cursor replayed on the "recent" feed (or any other list) is a 400, and so are keys of the wrong
 * type: nothing malformed reaches SQL.
 */

const SORT_NAMES: Record<FeedSort, string> = {
  recent: 'stories:created_at:desc',
  'most-liked': 'stories:favorite_count:desc',
};

const TIME_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT_MAX = 2_147_483_647;

function invalid(): never {
  throw new ValidationError('Invalid cursor', [
    { path: 'query.cursor', message: 'malformed or for another list' },
  ]);
}

const isTimeKey = (value: unknown): value is string => typeof value === 'string' && TIME_KEY.test(value);

/** The keyset position a cursor points after; undefined for the first page. */
export function feedCursorAfter(sort: FeedSort, cursor: string | undefined): FeedAfter | undefined {
  if (cursor === undefined) return undefined;
  const { keys, id } = decodeCursor(SORT_NAMES[sort], cursor);
  if (!UUID.test(id)) invalid();
  if (sort === 'recent') {
    const [createdAt] = keys;
    if (keys.length !== 1 || !isTimeKey(createdAt)) invalid();
    return { createdAt, id };
  }
  const [favoriteCount, createdAt] = keys;
  if (
    keys.length !== 2 ||
    typeof favoriteCount !== 'number' ||
    !Number.isInteger(favoriteCount) ||
    favoriteCount < 0 ||
    favoriteCount > INT_MAX ||
    !isTimeKey(createdAt)
  ) {
    invalid();
  }
  return { favoriteCount, createdAt, id };
}

/** `limit + 1` rows → `{ items, nextCursor, hasMore }`. */
export function toFeedPage(rows: StoryListRow[], limit: number, sort: FeedSort) {
  return toCursorPage(rows, limit, SORT_NAMES[sort], (row) =>
    sort === 'recent' ? [row.createdAtKey] : [row.favoriteCount, row.createdAtKey],
  );
}
