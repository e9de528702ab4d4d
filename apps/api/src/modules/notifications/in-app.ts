import type { DbOrTx } from '@storytime/db';
import { isChannelEnabled } from '@storytime/db/repositories/notification-preferences';
import { insertNotification, type NotificationCategory } from '@storytime/db/repositories/notifications';

export interface InAppNotification {
  userId: string;
  category: NotificationCategory;
  title: string;
  body: string;
  data?: Record<string, unknown> | null;
}

/**
 * Adds a row to the user's in-app inbox unless the user opted out of the `in_app` channel for that
 * category (rules.md §14: a missing or soft-deleted preference means enabled). Runs in the caller's
 * transaction, so the notification commits with the event that caused it (e.g. a badge unlock).
 * Returns whether a notification was created.
 */
export async function createInAppNotification(tx: DbOrTx, notification: InAppNotification): Promise<boolean> {
  if (!(await isChannelEnabled(tx, notification.userId, notification.category, 'in_app'))) return false;
  await insertNotification(tx, notification);
  return true;
}
