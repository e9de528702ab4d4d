import { decodeTimeCursor, toTimePage } from '../../lib/pagination';

/**
 * Keyset cursors over (timestamp, id) for the curation lists (kid favorites, restrictions,
 * recommendations) and parent favorites (platform.md §7), on the shared time-cursor helpers.
 */
export interface TimeCursor {
  sortKey: string;
  id: string;
}

export function timeKeyset(sort: string) {
  return {
    /** The keyset position after which the page starts; undefined for the first page. */
    after(cursor: string | undefined): TimeCursor | undefined {
      const position = decodeTimeCursor(sort, cursor);
      return position ? { sortKey: position.key, id: position.id } : undefined;
    },

    /** Shapes the `limit + 1` rows into `{ items, nextCursor, hasMore }`. */
    page<Row extends { id: string; sortKey: string }>(rows: Row[], limit: number) {
      return toTimePage(rows, limit, sort, (row) => ({ key: row.sortKey, id: row.id }));
    },
  };
}
