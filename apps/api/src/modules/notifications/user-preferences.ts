import { CACHE_TTL, type Cache, cacheKeys } from '@storytime/cache';
import type { DbOrTx } from '@storytime/db';
import {
  findUserChannelRows,
  type NotificationChannel,
} from '@storytime/db/repositories/notification-preferences';
import type { NotificationCategory } from '@storytime/db/repositories/notifications';
import { findPreferredCategories, findSettings } from '@storytime/db/repositories/settings';

/**
 * The `user:{userId}:preferences` cache entry (platform.md §6): profile, grouped notification
 * preferences and preferred categories, loaded together and dropped together by every write that
 * touches one of them (USER-02, USER-21, AUTH-04, AUTH-10, SET-02, NPREF writes).
 */

export type GroupedPreferences = Partial<Record<NotificationCategory, { push: boolean; in_app: boolean }>>;

export interface UserPreferences {
  /** Dates are ISO strings once the value has been through the cache. */
  profile: {
    userId: string;
    explicitContent: boolean;
    maxScreenTimeMins: number | null;
    language: string | null;
    languageCode: string | null;
    country: string;
    createdAt: Date | string;
    updatedAt: Date | string;
  } | null;
  notificationPreferences: GroupedPreferences;
  preferredCategories: Array<{ id: string; name: string }>;
}

/** Only categories with a `push` or `in_app` row appear; a missing channel reads as enabled (opt-out). */
export function groupPreferences(
  rows: Array<{ category: NotificationCategory; type: NotificationChannel; enabled: boolean }>,
): GroupedPreferences {
  const grouped: GroupedPreferences = {};
  for (const row of rows) {
    if (row.type !== 'push' && row.type !== 'in_app') continue;
    const entry = grouped[row.category] ?? { push: true, in_app: true };
    entry[row.type] = row.enabled;
    grouped[row.category] = entry;
  }
  return grouped;
}

async function loadUserPreferences(db: DbOrTx, userId: string): Promise<UserPreferences> {
  const [profile, channelRows, preferredCategories] = await Promise.all([
    findSettings(db, userId),
    findUserChannelRows(db, userId),
    findPreferredCategories(db, userId),
  ]);
  return {
    profile: profile ?? null,
    notificationPreferences: groupPreferences(channelRows),
    preferredCategories,
  };
}

export function getUserPreferences(deps: { db: DbOrTx; cache: Cache }, userId: string) {
  return deps.cache.getOrSet(cacheKeys.userPreferences(userId), CACHE_TTL.userPreferences, () =>
    loadUserPreferences(deps.db, userId),
  );
}
