import type { KeysetAfter } from '@storytime/db/repositories/library';
import { decodeTimeCursor, toTimePage } from '../../lib/pagination';

/**
 * Cursors of the reading lists (platform.md §7) keyed on (a timestamp, a row id) desc. The row id
 * may be the progress, download or path row rather than the story an item shows.
 */
export function keysetAfter(sort: string, cursor: string | undefined): KeysetAfter | undefined {
  return decodeTimeCursor(sort, cursor);
}

export function keysetPage<Row>(
  rows: Row[],
  limit: number,
  sort: string,
  positionOf: (row: Row) => KeysetAfter,
) {
  return toTimePage(rows, limit, sort, positionOf);
}
