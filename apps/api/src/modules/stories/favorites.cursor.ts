import { ValidationError } from '@storytime/errors';
import { decodeCursor, toCursorPage } from '../../lib/pagination';

/**
 * Keyset cursors over (timestamp, id) for the curation lists (kid favorites, restrictions,
 * recommendations) and parent favorites (platform.md §7). The timestamp travels as the database's
 * microsecond text (`sortKey`): a JS Date keeps only milliseconds and would skip rows written in
 * the same millisecond. A cursor of another list, or with keys that are not a timestamp and a
 * UUID, is a 400 before it reaches SQL.
 */

const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TimeCursor {
  sortKey: string;
  id: string;
}

export function timeKeyset(sort: string) {
  return {
    /** The keyset position after which the page starts; undefined for the first page. */
    after(cursor: string | undefined): TimeCursor | undefined {
      if (cursor === undefined) return undefined;
      const { keys, id } = decodeCursor(sort, cursor);
      const [sortKey] = keys;
      if (keys.length === 1 && typeof sortKey === 'string' && SORT_KEY.test(sortKey) && UUID.test(id)) {
        return { sortKey, id };
      }
      throw new ValidationError('Invalid cursor', [
        { path: 'query.cursor', message: 'malformed or for another list' },
      ]);
    },

    /** Shapes the `limit + 1` rows into `{ items, nextCursor, hasMore }`. */
    page<Row extends { id: string; sortKey: string }>(rows: Row[], limit: number) {
      return toCursorPage(rows, limit, sort, (row) => [row.sortKey]);
    },
  };
}
