import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { notificationCategoryEnum, notifications } from '../schema';

/** The in-app inbox (api.md §12, data-model.md §7). */

export type NotificationCategory = (typeof notificationCategoryEnum.enumValues)[number];
export const NOTIFICATION_CATEGORIES = notificationCategoryEnum.enumValues;

export interface NotificationRow {
  id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  data: Record<string, unknown> | null;
  isRead: boolean;
  createdAt: Date;
  /**
   * `created_at` with its microseconds, as ISO 8601 UTC: the keyset key. A JS Date keeps only
   * milliseconds, and a truncated key would skip rows created within the same millisecond.
   */
  sortKey: string;
}

/** Newest first, keyset on (created_at, id) (platform.md §7); fetches `limit + 1` rows. */
export async function listNotifications(
  tx: DbOrTx,
  userId: string,
  options: { limit: number; unreadOnly: boolean; after?: { sortKey: string; id: string } },
): Promise<NotificationRow[]> {
  const conditions: SQL[] = [eq(notifications.userId, userId)];
  if (options.unreadOnly) conditions.push(eq(notifications.isRead, false));
  if (options.after) {
    conditions.push(
      sql`(${notifications.createdAt}, ${notifications.id}) < (${options.after.sortKey}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  return tx
    .select({
      id: notifications.id,
      category: notifications.category,
      title: notifications.title,
      body: notifications.body,
      data: notifications.data,
      isRead: notifications.isRead,
      createdAt: notifications.createdAt,
      sortKey: sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
}

export async function countUnread(tx: DbOrTx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ count: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.isRead, false)));
  return row?.count ?? 0;
}

/** Marks the caller's unread rows among `ids`; others' ids are ignored. Returns the rows changed. */
export async function markRead(tx: DbOrTx, userId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await tx
    .update(notifications)
    .set({ isRead: true })
    .where(
      and(eq(notifications.userId, userId), inArray(notifications.id, ids), eq(notifications.isRead, false)),
    );
  return result.rowCount ?? 0;
}

export async function markAllRead(tx: DbOrTx, userId: string): Promise<number> {
  const result = await tx
    .update(notifications)
    .set({ isRead: true })
    .where(and(eq(notifications.userId, userId), eq(notifications.isRead, false)));
  return result.rowCount ?? 0;
}

export async function insertNotification(
  tx: DbOrTx,
  values: {
    userId: string;
    category: NotificationCategory;
    title: string;
    body: string;
    data?: Record<string, unknown> | null;
  },
): Promise<string> {
  const [row] = await tx
    .insert(notifications)
    .values({ ...values, data: values.data ?? null })
    .returning({ id: notifications.id });
  return row!.id;
}
