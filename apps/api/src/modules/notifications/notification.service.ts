import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
} from '@storytime/db/repositories/notifications';
import { ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { decodeCursor, toCursorPage } from '../../lib/pagination';

/** The cursor's sort: a cursor from any other list is refused (platform.md §7). */
const SORT = 'notifications:created_at:desc';
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function afterCursor(cursor: string): { sortKey: string; id: string } {
  const { keys, id } = decodeCursor(SORT, cursor);
  const [sortKey] = keys;
  if (keys.length === 1 && typeof sortKey === 'string' && SORT_KEY.test(sortKey) && UUID.test(id)) {
    return { sortKey, id };
  }
  throw new ValidationError('Invalid cursor', [
    { path: 'query.cursor', message: 'malformed or for another list' },
  ]);
}

/** NOTIF-01..03 (api.md §12): the caller's in-app inbox. */
export function createNotificationService(core: CoreServices) {
  const { db } = core;
  return {
    async list(userId: string, query: { cursor?: string; limit: number; unreadOnly: boolean }) {
      const after = query.cursor ? afterCursor(query.cursor) : undefined;
      const [rows, unreadCount] = await Promise.all([
        listNotifications(db, userId, { limit: query.limit, unreadOnly: query.unreadOnly, after }),
        countUnread(db, userId),
      ]);
      return { ...toCursorPage(rows, query.limit, SORT, (row) => [row.sortKey]), unreadCount };
    },

    async markRead(userId: string, ids: string[]) {
      return { success: true as const, updated: await markRead(db, userId, [...new Set(ids)]) };
    },

    async markAllRead(userId: string) {
      return { success: true as const, updated: await markAllRead(db, userId) };
    },
  };
}
