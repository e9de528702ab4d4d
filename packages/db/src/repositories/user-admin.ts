import { and, count, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { avatars, users, voices } from '../schema';

/** Account state changes and admin reads of users (api.md §3 USER-09..19, rules.md §16). */

type Role = (typeof users.role.enumValues)[number];

export interface AccountState {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  isDeleted: boolean;
  deletedAt: Date | null;
}

/** Deleted accounts included: restore and permanent delete act on them. */
export async function findAccountState(tx: DbOrTx, userId: string): Promise<AccountState | undefined> {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      isDeleted: users.isDeleted,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Password hash for the deletion-request check (USER-10); nothing else is selected with it. */
export async function findPasswordHash(tx: DbOrTx, userId: string): Promise<string | undefined> {
  const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash;
}

/** Soft delete; false when the account was already deactivated (or does not exist). */
export async function deactivateUser(tx: DbOrTx, userId: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ isDeleted: true, deletedAt: at, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), eq(users.isDeleted, false)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Clears the flags; false when the account was not deactivated. */
export async function reactivateUser(tx: DbOrTx, userId: string): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ isDeleted: false, deletedAt: null, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), eq(users.isDeleted, true)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Deletes the row; kids and every owned row go with it by the foreign keys' cascades. */
export async function deleteUserRow(tx: DbOrTx, userId: string): Promise<boolean> {
  const rows = await tx.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length > 0;
}

export interface RemoteMedia {
  publicId: string;
  resourceType: 'image' | 'video';
}

/**
 * Remote files that die with the account: custom avatars and voice samples with a public id.
 * Read before the delete, because the cascade removes the rows that name them.
 */
export async function findRemoteMediaOfUser(tx: DbOrTx, userId: string): Promise<RemoteMedia[]> {
  const avatarRows = await tx
    .select({ publicId: avatars.publicId })
    .from(avatars)
    .where(
      and(eq(avatars.ownerUserId, userId), eq(avatars.isSystemAvatar, false), isNotNull(avatars.publicId)),
    );
  const voiceRows = await tx
    .select({ publicId: voices.samplePublicId })
    .from(voices)
    .where(and(eq(voices.userId, userId), ne(voices.type, 'system'), isNotNull(voices.samplePublicId)));
  const media: RemoteMedia[] = [];
  for (const row of avatarRows)
    if (row.publicId) media.push({ publicId: row.publicId, resourceType: 'image' });
  // Cloudinary files audio under the `video` resource type (providers.md §5.1).
  for (const row of voiceRows)
    if (row.publicId) media.push({ publicId: row.publicId, resourceType: 'video' });
  return media;
}

/** One page of user ids, newest first (`id` breaks ties), for the admin lists USER-12/13. */
export async function pageUserIds(
  tx: DbOrTx,
  options: { includeDeleted: boolean; limit: number; offset: number },
): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(options.includeDeleted ? undefined : eq(users.isDeleted, false))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(options.limit)
    .offset(options.offset);
  return rows.map((row) => row.id);
}

export async function countUsers(tx: DbOrTx, options: { includeDeleted: boolean }): Promise<number> {
  const [row] = await tx
    .select({ total: count() })
    .from(users)
    .where(options.includeDeleted ? undefined : eq(users.isDeleted, false));
  return Number(row?.total ?? 0);
}

export async function findUserRole(
  tx: DbOrTx,
  userId: string,
): Promise<{ id: string; role: Role } | undefined> {
  const [row] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId));
  return row;
}

export async function setUserRole(tx: DbOrTx, userId: string, role: Role): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ role, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}
