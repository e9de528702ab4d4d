import { and, asc, desc, eq, exists, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { avatars, kids, mediaAssets, users } from '../schema';

/** System and custom avatars (data-model.md `avatars`, api.md §7). */

const avatarColumns = {
  id: avatars.id,
  name: avatars.name,
  displayName: avatars.displayName,
  url: avatars.url,
  isSystemAvatar: avatars.isSystemAvatar,
  publicId: avatars.publicId,
  createdAt: avatars.createdAt,
};

export interface AvatarRecord {
  id: string;
  name: string | null;
  displayName: string | null;
  url: string;
  isSystemAvatar: boolean;
  publicId: string | null;
  createdAt: Date;
}

/** An avatar's stored image: where its bytes live, for clean-up jobs. */
export interface AvatarImage {
  avatarId: string;
  isSystemAvatar: boolean;
  ownerUserId: string | null;
  publicId: string | null;
  mediaId: string | null;
  /** The asset's store; null for images that have no asset row (imported or external URLs). */
  store: 'local' | 'cloudinary' | null;
}

const imageColumns = {
  avatarId: avatars.id,
  isSystemAvatar: avatars.isSystemAvatar,
  ownerUserId: avatars.ownerUserId,
  publicId: avatars.publicId,
  mediaId: avatars.mediaId,
  store: mediaAssets.store,
};

/** AVATAR-01: live system avatars by name. */
export async function listSystemAvatars(tx: DbOrTx): Promise<AvatarRecord[]> {
  return tx
    .select(avatarColumns)
    .from(avatars)
    .where(and(eq(avatars.isSystemAvatar, true), eq(avatars.isDeleted, false)))
    .orderBy(asc(avatars.name), asc(avatars.id));
}

/** AVATAR-06: every live avatar, newest first. */
export async function listAvatars(tx: DbOrTx): Promise<AvatarRecord[]> {
  return tx
    .select(avatarColumns)
    .from(avatars)
    .where(eq(avatars.isDeleted, false))
    .orderBy(desc(avatars.createdAt), desc(avatars.id));
}

/** AVATAR-08: every system avatar, deleted ones included. */
export async function listSystemAvatarsWithDeleted(
  tx: DbOrTx,
): Promise<Array<AvatarRecord & { isDeleted: boolean }>> {
  return tx
    .select({ ...avatarColumns, isDeleted: avatars.isDeleted })
    .from(avatars)
    .where(eq(avatars.isSystemAvatar, true))
    .orderBy(asc(avatars.name), asc(avatars.id));
}

export async function findAvatar(tx: DbOrTx, id: string): Promise<AvatarRecord | undefined> {
  const [row] = await tx
    .select(avatarColumns)
    .from(avatars)
    .where(and(eq(avatars.id, id), eq(avatars.isDeleted, false)));
  return row;
}

/** A live avatar the user may assign: a system avatar or one the user owns (fix 28). */
export async function findAssignableAvatar(
  tx: DbOrTx,
  avatarId: string,
  userId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .select({ id: avatars.id })
    .from(avatars)
    .where(
      and(
        eq(avatars.id, avatarId),
        eq(avatars.isDeleted, false),
        or(eq(avatars.isSystemAvatar, true), eq(avatars.ownerUserId, userId)),
      ),
    );
  return row;
}

/** The image of a live avatar, locked for the update that replaces it. */
export async function lockAvatarImage(tx: DbOrTx, id: string): Promise<AvatarImage | undefined> {
  const [row] = await tx
    .select(imageColumns)
    .from(avatars)
    .leftJoin(mediaAssets, eq(mediaAssets.id, avatars.mediaId))
    .where(and(eq(avatars.id, id), eq(avatars.isDeleted, false)))
    .for('update', { of: avatars });
  return row;
}

/** The image of the avatar named `name` (custom avatars `user-avatar-{id}`, `kid-avatar-{id}`), locked. */
export async function lockAvatarImageByName(tx: DbOrTx, name: string): Promise<AvatarImage | undefined> {
  const [row] = await tx
    .select(imageColumns)
    .from(avatars)
    .leftJoin(mediaAssets, eq(mediaAssets.id, avatars.mediaId))
    .where(eq(avatars.name, name))
    .for('update', { of: avatars });
  return row;
}

/** The image of the avatar a user or a kid has now. */
export async function findAssignedAvatarImage(
  tx: DbOrTx,
  target: { userId: string } | { kidId: string },
): Promise<AvatarImage | undefined> {
  const owner =
    'userId' in target
      ? tx.select({ avatarId: users.avatarId }).from(users).where(eq(users.id, target.userId))
      : tx.select({ avatarId: kids.avatarId }).from(kids).where(eq(kids.id, target.kidId));
  const [row] = await tx
    .select(imageColumns)
    .from(avatars)
    .leftJoin(mediaAssets, eq(mediaAssets.id, avatars.mediaId))
    .where(inArray(avatars.id, owner));
  return row;
}

export interface AvatarImageValues {
  url: string;
  publicId: string | null;
  mediaId: string | null;
}

/**
 * Creates or refreshes the named custom avatar with a new image and owner; a soft-deleted one comes
 * back. Returns its id.
 */
export async function upsertNamedCustomAvatar(
  tx: DbOrTx,
  values: AvatarImageValues & { name: string; ownerUserId: string },
): Promise<{ id: string }> {
  const image = { url: values.url, publicId: values.publicId, mediaId: values.mediaId };
  const [row] = await tx
    .insert(avatars)
    .values({ ...image, name: values.name, ownerUserId: values.ownerUserId })
    .onConflictDoUpdate({
      target: avatars.name,
      set: {
        ...image,
        ownerUserId: values.ownerUserId,
        isSystemAvatar: false,
        isDeleted: false,
        deletedAt: null,
      },
    })
    .returning({ id: avatars.id });
  return row!;
}

export async function insertAvatar(
  tx: DbOrTx,
  values: AvatarImageValues & {
    name: string | null;
    displayName: string | null;
    isSystemAvatar: boolean;
    ownerUserId: string | null;
  },
): Promise<AvatarRecord> {
  const [row] = await tx.insert(avatars).values(values).returning(avatarColumns);
  return row!;
}

export async function updateAvatar(
  tx: DbOrTx,
  id: string,
  patch: Partial<AvatarImageValues & { name: string; displayName: string }>,
): Promise<AvatarRecord | undefined> {
  if (Object.keys(patch).length === 0) return findAvatar(tx, id);
  const [row] = await tx
    .update(avatars)
    .set(patch)
    .where(and(eq(avatars.id, id), eq(avatars.isDeleted, false)))
    .returning(avatarColumns);
  return row;
}

export async function softDeleteAvatar(tx: DbOrTx, id: string): Promise<boolean> {
  const rows = await tx
    .update(avatars)
    .set({ isDeleted: true, deletedAt: sql`now()` })
    .where(and(eq(avatars.id, id), eq(avatars.isDeleted, false)))
    .returning({ id: avatars.id });
  return rows.length > 0;
}

export async function assignUserAvatar(tx: DbOrTx, userId: string, avatarId: string): Promise<void> {
  await tx.update(users).set({ avatarId, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function assignKidAvatar(tx: DbOrTx, kidId: string, avatarId: string): Promise<void> {
  await tx.update(kids).set({ avatarId, updatedAt: sql`now()` }).where(eq(kids.id, kidId));
}

/** Whether any live user or kid has the avatar (AVATAR-10 refuses to delete a used system avatar). */
export async function isAvatarInUse(tx: DbOrTx, avatarId: string): Promise<boolean> {
  const [row] = await tx
    .execute<{ used: boolean }>(sql`
    select exists (select 1 from ${users} where ${users.avatarId} = ${avatarId} and ${users.isDeleted} = false)
        or exists (select 1 from ${kids} where ${kids.avatarId} = ${avatarId} and ${kids.isDeleted} = false)
        as used`)
    .then((result) => result.rows);
  return row?.used === true;
}

/**
 * The public ids, among `publicIds`, that an avatar still shows to some user or kid (deactivated
 * ones included: they may come back). `exceptAvatarIds` are avatars about to lose the image.
 */
export async function imagesInUse(
  tx: DbOrTx,
  publicIds: string[],
  exceptAvatarIds: string[] = [],
): Promise<Set<string>> {
  if (publicIds.length === 0) return new Set();
  const conditions: SQL[] = [
    inArray(avatars.publicId, publicIds),
    or(
      exists(tx.select({ one: sql`1` }).from(users).where(eq(users.avatarId, avatars.id))),
      exists(tx.select({ one: sql`1` }).from(kids).where(eq(kids.avatarId, avatars.id))),
    )!,
  ];
  for (const id of exceptAvatarIds) conditions.push(ne(avatars.id, id));
  const rows = await tx
    .selectDistinct({ publicId: avatars.publicId })
    .from(avatars)
    .where(and(...conditions));
  return new Set(rows.map((row) => row.publicId).filter((id): id is string => id !== null));
}
