import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { kids, notificationPreferences, notificationTypeEnum } from '../schema';
import type { NotificationCategory } from './notifications';

/**
 * Notification preferences (api.md §12, rules.md §14). Opt-out model: a channel is enabled unless a
 * live row says `enabled = false`; a missing or soft-deleted row means "default" (enabled).
 */

export type NotificationChannel = (typeof notificationTypeEnum.enumValues)[number];
export const NOTIFICATION_CHANNELS = notificationTypeEnum.enumValues;

const preferenceColumns = {
  id: notificationPreferences.id,
  type: notificationPreferences.type,
  category: notificationPreferences.category,
  enabled: notificationPreferences.enabled,
  userId: notificationPreferences.userId,
  kidId: notificationPreferences.kidId,
  createdAt: notificationPreferences.createdAt,
  updatedAt: notificationPreferences.updatedAt,
};

export interface PreferenceRecord {
  id: string;
  type: NotificationChannel;
  category: NotificationCategory;
  enabled: boolean;
  userId: string | null;
  kidId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A row with what ownership needs: its user, or its kid's parent and whether that kid is live. */
export interface PreferenceWithOwner extends PreferenceRecord {
  isDeleted: boolean;
  kidParentId: string | null;
  kidIsDeleted: boolean | null;
}

export async function findPreference(
  tx: DbOrTx,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<PreferenceWithOwner | undefined> {
  const conditions: SQL[] = [eq(notificationPreferences.id, id)];
  if (!options.includeDeleted) conditions.push(eq(notificationPreferences.isDeleted, false));
  const [row] = await tx
    .select({
      ...preferenceColumns,
      isDeleted: notificationPreferences.isDeleted,
      kidParentId: kids.parentId,
      kidIsDeleted: kids.isDeleted,
    })
    .from(notificationPreferences)
    .leftJoin(kids, eq(kids.id, notificationPreferences.kidId))
    .where(and(...conditions));
  return row;
}

export async function listUserPreferences(tx: DbOrTx, userId: string): Promise<PreferenceRecord[]> {
  return tx
    .select(preferenceColumns)
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.isDeleted, false)))
    .orderBy(asc(notificationPreferences.category), asc(notificationPreferences.type));
}

export async function listKidPreferences(tx: DbOrTx, kidId: string): Promise<PreferenceRecord[]> {
  return tx
    .select(preferenceColumns)
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kidId, kidId), eq(notificationPreferences.isDeleted, false)))
    .orderBy(asc(notificationPreferences.category), asc(notificationPreferences.type));
}

export interface PreferenceUpsert {
  type: NotificationChannel;
  category: NotificationCategory;
  enabled: boolean;
  userId?: string | null;
  kidId?: string | null;
}

/** On a unique-key hit: take the new value and bring a soft-deleted row back. */
const upsertSet = {
  enabled: sql`excluded.enabled`,
  isDeleted: false,
  deletedAt: null,
  updatedAt: sql`now()`,
};

/**
 * Upserts on the unique keys `(user_id, category, type)` and `(kid_id, category, type)`: two
 * statements at most, whatever the number of rows. Callers pass each key once (PostgreSQL refuses
 * to update one row twice in a statement).
 */
export async function upsertPreferences(tx: DbOrTx, rows: PreferenceUpsert[]): Promise<PreferenceRecord[]> {
  const userRows = rows.filter((row) => row.userId);
  const kidRows = rows.filter((row) => !row.userId && row.kidId);
  const saved: PreferenceRecord[] = [];
  if (userRows.length > 0) {
    saved.push(
      ...(await tx
        .insert(notificationPreferences)
        .values(userRows.map((row) => ({ ...row, kidId: null })))
        .onConflictDoUpdate({
          target: [
            notificationPreferences.userId,
            notificationPreferences.category,
            notificationPreferences.type,
          ],
          set: upsertSet,
        })
        .returning(preferenceColumns)),
    );
  }
  if (kidRows.length > 0) {
    saved.push(
      ...(await tx
        .insert(notificationPreferences)
        .values(kidRows.map((row) => ({ ...row, userId: null })))
        .onConflictDoUpdate({
          target: [
            notificationPreferences.kidId,
            notificationPreferences.category,
            notificationPreferences.type,
          ],
          set: upsertSet,
        })
        .returning(preferenceColumns)),
    );
  }
  return saved;
}

export async function setPreferenceEnabled(
  tx: DbOrTx,
  id: string,
  enabled: boolean,
): Promise<PreferenceRecord | undefined> {
  const [row] = await tx
    .update(notificationPreferences)
    .set({ enabled, updatedAt: sql`now()` })
    .where(and(eq(notificationPreferences.id, id), eq(notificationPreferences.isDeleted, false)))
    .returning(preferenceColumns);
  return row;
}

export async function softDeletePreference(tx: DbOrTx, id: string): Promise<void> {
  await tx
    .update(notificationPreferences)
    .set({ isDeleted: true, deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(notificationPreferences.id, id));
}

export async function deletePreference(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(notificationPreferences).where(eq(notificationPreferences.id, id));
}

export async function restorePreference(tx: DbOrTx, id: string): Promise<PreferenceRecord | undefined> {
  const [row] = await tx
    .update(notificationPreferences)
    .set({ isDeleted: false, deletedAt: null, updatedAt: sql`now()` })
    .where(eq(notificationPreferences.id, id))
    .returning(preferenceColumns);
  return row;
}

/** The `push` and `in_app` rows of a user, for the grouped view of USER-20. */
export async function findUserChannelRows(
  tx: DbOrTx,
  userId: string,
): Promise<Array<{ category: NotificationCategory; type: NotificationChannel; enabled: boolean }>> {
  return tx
    .select({
      category: notificationPreferences.category,
      type: notificationPreferences.type,
      enabled: notificationPreferences.enabled,
    })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.userId, userId),
        eq(notificationPreferences.isDeleted, false),
        inArray(notificationPreferences.type, ['push', 'in_app']),
      ),
    );
}

/** Opt-out check of one channel for a user: false only when a live row disables it. */
export async function isChannelEnabled(
  tx: DbOrTx,
  userId: string,
  category: NotificationCategory,
  type: NotificationChannel,
): Promise<boolean> {
  const [row] = await tx
    .select({ enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.userId, userId),
        eq(notificationPreferences.category, category),
        eq(notificationPreferences.type, type),
        eq(notificationPreferences.isDeleted, false),
      ),
    );
  return row?.enabled ?? true;
}

/** The subset of `kidIds` that are live kids of the parent (one query for a whole batch). */
export async function findOwnedLiveKidIds(
  tx: DbOrTx,
  parentId: string,
  kidIds: string[],
): Promise<Set<string>> {
  if (kidIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: kids.id })
    .from(kids)
    .where(and(eq(kids.parentId, parentId), inArray(kids.id, kidIds), eq(kids.isDeleted, false)));
  return new Set(rows.map((row) => row.id));
}
