import { cacheKeys } from '@storytime/cache';
import {
  deletePreference,
  findOwnedLiveKidIds,
  findPreference,
  listKidPreferences,
  listUserPreferences,
  type PreferenceRecord,
  type PreferenceUpsert,
  type PreferenceWithOwner,
  restorePreference,
  setPreferenceEnabled,
  softDeletePreference,
  upsertPreferences,
} from '@storytime/db/repositories/notification-preferences';
import type { NotificationCategory } from '@storytime/db/repositories/notifications';
import { isLiveUser } from '@storytime/db/repositories/users';
import { ConflictError, NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid, requireSelfOrAdmin } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { type GroupedPreferences, getUserPreferences } from './user-preferences';

const RESOURCE = 'Notification preference';

/** What USER-21 writes for each category: both the in-app and the push channel. */
const USER_LEVEL_CHANNELS = ['in_app', 'push'] as const;

interface PreferenceInput {
  type: PreferenceRecord['type'];
  category: NotificationCategory;
  enabled: boolean;
  userId?: string | undefined;
  kidId?: string | undefined;
}

const keyOf = (row: { userId?: string | null; kidId?: string | null; category: string; type: string }) =>
  `${row.userId ?? ''}|${row.kidId ?? ''}|${row.category}|${row.type}`;

/** A row belongs to the caller through its user, or through its kid's parent while the kid is live. */
function ownedBy(caller: Principal, row: PreferenceWithOwner): boolean {
  if (row.userId) return row.userId === caller.userId;
  return row.kidParentId === caller.userId && row.kidIsDeleted === false;
}

/** NPREF-01..07 and USER-20/21 (api.md §3, §12; access holes of fix 19). */
export function createNotificationPreferenceService(core: CoreServices) {
  const { db, cache } = core;

  async function requireUser(caller: Principal, userId: string): Promise<void> {
    requireSelfOrAdmin(caller, userId);
    if (caller.userId !== userId && !(await isLiveUser(db, userId))) throw new NotFoundError('User');
  }

  async function requireOwnedRow(caller: Principal, id: string, options: { includeDeleted?: boolean } = {}) {
    const row = await findPreference(db, id, options);
    if (!row || !ownedBy(caller, row)) throw new NotFoundError(RESOURCE);
    return row;
  }

  /** The user's preferences entry holds the grouped view; a kid's cached profile may list its rows. */
  async function dropCaches(userIds: string[], kidIds: string[] = []): Promise<void> {
    await cache.del([
      ...new Set(userIds.map((id) => cacheKeys.userPreferences(id))),
      ...new Set(kidIds.map((id) => cacheKeys.kidProfile(id))),
    ]);
  }

  function dropCachesOf(row: PreferenceWithOwner): Promise<void> {
    if (row.userId) return dropCaches([row.userId]);
    return dropCaches(row.kidParentId ? [row.kidParentId] : [], row.kidId ? [row.kidId] : []);
  }

  function toRecord(row: PreferenceWithOwner): PreferenceRecord {
    const { isDeleted: _d, kidParentId: _p, kidIsDeleted: _k, ...record } = row;
    return record;
  }

  return {
    /** NPREF-01: every named user must be the caller and every kid the caller's; one transaction. */
    async upsert(caller: Principal, items: PreferenceInput[]): Promise<PreferenceRecord[]> {
      const seen = new Map<string, number>();
      items.forEach((item, index) => {
        const key = keyOf(item);
        if (seen.has(key)) {
          throw new ValidationError('The same preference is listed twice', [
            { path: `body.${index}`, message: `duplicates item ${seen.get(key)}` },
          ]);
        }
        seen.set(key, index);
      });
      if (items.some((item) => item.userId !== undefined && item.userId !== caller.userId)) {
        throw new NotFoundError('User');
      }
      const kidIds = [...new Set(items.flatMap((item) => (item.kidId ? [item.kidId] : [])))];

      const saved = await db.transaction(async (tx) => {
        const owned = await findOwnedLiveKidIds(tx, caller.userId, kidIds);
        if (kidIds.some((id) => !owned.has(id))) throw new NotFoundError('Kid');
        const rows: PreferenceUpsert[] = items.map((item) => ({
          type: item.type,
          category: item.category,
          enabled: item.enabled,
          userId: item.userId ?? null,
          kidId: item.kidId ?? null,
        }));
        return upsertPreferences(tx, rows);
      });
      await dropCaches([caller.userId], kidIds);

      const byKey = new Map(saved.map((row) => [keyOf(row), row]));
      return items.flatMap((item) => byKey.get(keyOf(item)) ?? []);
    },

    /** NPREF-02. */
    async setEnabled(caller: Principal, id: string, enabled: boolean): Promise<PreferenceRecord> {
      const row = await requireOwnedRow(caller, id);
      const updated = await setPreferenceEnabled(db, id, enabled);
      if (!updated) throw new NotFoundError(RESOURCE);
      await dropCachesOf(row);
      return updated;
    },

    /** NPREF-03: a soft delete puts the channel back to its default (enabled); permanent removes the row. */
    async remove(caller: Principal, id: string, permanent: boolean) {
      const row = await requireOwnedRow(caller, id, { includeDeleted: permanent });
      if (permanent) await deletePreference(db, id);
      else await softDeletePreference(db, id);
      await dropCachesOf(row);
      return {
        message: permanent
          ? 'Notification preference deleted permanently'
          : 'Notification preference reset to default',
      };
    },

    /** NPREF-04. */
    async restore(caller: Principal, id: string): Promise<PreferenceRecord> {
      const row = await requireOwnedRow(caller, id, { includeDeleted: true });
      if (!row.isDeleted) throw new ConflictError('INVALID_STATE', 'Notification preference is not deleted');
      const restored = await restorePreference(db, id);
      if (!restored) throw new NotFoundError(RESOURCE);
      await dropCachesOf(row);
      return restored;
    },

    /** NPREF-05. */
    async listForUser(caller: Principal, userId: string): Promise<PreferenceRecord[]> {
      await requireUser(caller, userId);
      return listUserPreferences(db, userId);
    },

    /** NPREF-06. */
    async listForKid(caller: Principal, kidId: string): Promise<PreferenceRecord[]> {
      await requireOwnedKid(db, caller, kidId);
      return listKidPreferences(db, kidId);
    },

    /** NPREF-07. */
    async get(caller: Principal, id: string): Promise<PreferenceRecord> {
      return toRecord(await requireOwnedRow(caller, id));
    },

    /** USER-20: served from `user:{id}:preferences`. */
    async grouped(caller: Principal, userId: string): Promise<GroupedPreferences> {
      await requireUser(caller, userId);
      return (await getUserPreferences(core, userId)).notificationPreferences;
    },

    /** USER-21: both user-level channels per category, restoring soft-deleted rows, one transaction. */
    async setCategories(
      caller: Principal,
      userId: string,
      body: Partial<Record<NotificationCategory, boolean>>,
    ): Promise<GroupedPreferences> {
      await requireUser(caller, userId);
      const rows = (Object.entries(body) as Array<[NotificationCategory, boolean | undefined]>).flatMap(
        ([category, enabled]) =>
          enabled === undefined
            ? []
            : USER_LEVEL_CHANNELS.map((type) => ({ type, category, enabled, userId, kidId: null })),
      );
      await db.transaction((tx) => upsertPreferences(tx, rows));
      await dropCaches([userId]);
      return (await getUserPreferences(core, userId)).notificationPreferences;
    },
  };
}
