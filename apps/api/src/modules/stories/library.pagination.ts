import type { KeysetAfter } from '@storytime/db/repositories/library';
import { ValidationError } from '@storytime/errors';
import { decodeCursor, encodeCursor } from '../../lib/pagination';

/**
 * Cursors of the reading lists (platform.md §7) keyed on (a timestamp, a row id) desc. The row id
 * may be the progress, download or path row rather than the story an item shows, so pages are shaped
 * here instead of with `toCursorPage` (which takes the item's own id).
 */

const KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes a cursor of `sort`; anything else (another list, a bad key) is 400 VALIDATION_ERROR. */
export function keysetAfter(sort: string, cursor: string | undefined): KeysetAfter | undefined {
  if (cursor === undefined) return undefined;
  const { keys, id } = decodeCursor(sort, cursor);
  const [key] = keys;
  if (keys.length === 1 && typeof key === 'string' && KEY.test(key) && UUID.test(id)) return { key, id };
  throw new ValidationError('Invalid cursor', [
    { path: 'query.cursor', message: 'malformed or for another list' },
  ]);
}

/** Shapes `limit + 1` fetched rows into `{ items, nextCursor, hasMore }`. */
export function keysetPage<Row>(
  rows: Row[],
  limit: number,
  sort: string,
  positionOf: (row: Row) => KeysetAfter,
) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  const position = hasMore && last !== undefined ? positionOf(last) : undefined;
  return {
    items,
    hasMore,
    nextCursor: position ? encodeCursor(sort, [position.key], position.id) : null,
  };
}
