import type { DbOrTx } from '@storytime/db';
import { insertUserNotificationPreferences } from '@storytime/db/repositories/accounts';

/** rules.md §14: the categories every new account starts with, each on both channels. */
export const DEFAULT_PREFERENCE_CATEGORIES = [
  'SUBSCRIPTION_REMINDER',
  'SUBSCRIPTION_ALERT',
  'NEW_STORY',
  'STORY_FINISHED',
  'INCOMPLETE_STORY_REMINDER',
  'DAILY_LISTENING_REMINDER',
] as const;

export const DEFAULT_PREFERENCE_CHANNELS = ['in_app', 'push'] as const;

/**
 * The 12 enabled default notification preferences of a new user (6 categories × in_app, push), in
 * the caller's transaction. Existing rows are left alone, so calling it twice is harmless.
 */
export async function createDefaultNotificationPreferences(tx: DbOrTx, userId: string): Promise<void> {
  const rows = DEFAULT_PREFERENCE_CATEGORIES.flatMap((category) =>
    DEFAULT_PREFERENCE_CHANNELS.map((type) => ({ category, type })),
  );
  await insertUserNotificationPreferences(tx, userId, rows);
}
