import { cacheKeys } from '@storytime/cache';
import type { Tx } from '@storytime/db';
import {
  type AvatarImage,
  type AvatarRecord,
  assignKidAvatar,
  assignUserAvatar,
  findAssignableAvatar,
  findAssignedAvatarImage,
  findAvatar,
  imagesInUse,
  insertAvatar,
  isAvatarInUse,
  lockAvatarImage,
  lockAvatarImageByName,
  softDeleteAvatar,
  updateAvatar,
  upsertNamedCustomAvatar,
} from '@storytime/db/repositories/avatars';
import { findKidDto } from '@storytime/db/repositories/kids';
import { findUserDto } from '@storytime/db/repositories/users';
import { ConflictError, fromDatabaseError, NotFoundError, ValidationError } from '@storytime/errors';
import { MEDIA_FOLDERS, type MediaReference, TRANSFORMATIONS } from '@storytime/media';
import type { OutboxScope } from '@storytime/queue';
import type { CoreServices } from '../../composition';
import { requireOwnedKid, requireSelf } from '../../lib/ownership';
import { mediaServiceFor, type StagedMedia } from '../../media/media.service';
import { discardUpload, type UploadedFile } from '../../media/multipart';
import type { Principal } from '../../plugins/principal';

/** AVATAR-02..05, 07, 09, 10 (api.md §7): assignment, custom uploads and the admin catalogue. */

type Target = { kind: 'user'; userId: string } | { kind: 'kid'; kidId: string; parentId: string };

export interface AvatarInput {
  name?: string | undefined;
  url?: string | undefined;
}

const avatarReference = (id: string): MediaReference => ({
  table: 'avatars',
  column: 'url',
  id,
  publicIdColumn: 'public_id',
});

export function createAvatarService(core: CoreServices) {
  const { db } = core;
  const media = mediaServiceFor(core);

  /** Drops what shows the avatar of this user or kid (platform.md §6). */
  async function invalidate(target: Target): Promise<void> {
    await core.cache.del(
      target.kind === 'user'
        ? [cacheKeys.userKids(target.userId)]
        : [cacheKeys.userKids(target.parentId), cacheKeys.kidProfile(target.kidId)],
    );
  }

  async function assign(tx: Tx, target: Target, avatarId: string): Promise<void> {
    if (target.kind === 'user') await assignUserAvatar(tx, target.userId, avatarId);
    else await assignKidAvatar(tx, target.kidId, avatarId);
  }

  /**
   * Records `media-delete` jobs for the images no user or kid shows any more; a custom avatar
   * left without its image is soft-deleted with it so nobody can assign a broken avatar.
   */
  async function deleteUnusedImages(
    tx: Tx,
    outbox: OutboxScope,
    candidates: Array<AvatarImage & { dropAvatar?: boolean }>,
    userId: string | null,
  ): Promise<void> {
    const withImage = candidates.filter((candidate) => candidate.publicId);
    if (withImage.length === 0) return;
    const used = await imagesInUse(
      tx,
      withImage.map((candidate) => candidate.publicId!),
    );
    const scheduled = new Set<string>();
    for (const candidate of withImage) {
      const publicId = candidate.publicId!;
      if (used.has(publicId)) continue;
      if (candidate.dropAvatar) await softDeleteAvatar(tx, candidate.avatarId);
      if (scheduled.has(publicId)) continue;
      scheduled.add(publicId);
      // Images without an asset row were imported from Cloudinary.
      await media.scheduleDelete(
        outbox,
        { mediaId: candidate.mediaId, publicId, kind: 'image', store: candidate.store ?? 'cloudinary' },
        userId,
      );
    }
  }

  /** Stages an avatar image (500×500 WebP on Cloudinary), then runs `work` in one transaction. */
  async function withAvatarImage<T>(
    file: UploadedFile,
    ownerUserId: string | null,
    work: (tx: Tx, outbox: OutboxScope, staged: StagedMedia) => Promise<T>,
  ): Promise<T> {
    const staged = await media.stage(file, {
      ownerUserId,
      folder: MEDIA_FOLDERS.avatars,
      transformation: TRANSFORMATIONS.avatar,
    });
    try {
      return await core.outbox.transaction(async (tx, outbox) => {
        await media.record(tx, staged);
        return work(tx, outbox, staged);
      });
    } catch (error) {
      await media.discard(staged);
      throw fromDatabaseError(error, 'Avatar');
    }
  }

  /** AVATAR-04/05: upserts `user-avatar-{id}` / `kid-avatar-{id}` with the new image and assigns it. */
  async function uploadCustom(caller: Principal, target: Target, file: UploadedFile): Promise<void> {
    const name = target.kind === 'user' ? `user-avatar-${target.userId}` : `kid-avatar-${target.kidId}`;
    await withAvatarImage(file, caller.userId, async (tx, outbox, staged) => {
      const previous = await findAssignedAvatarImage(
        tx,
        target.kind === 'user' ? { userId: target.userId } : { kidId: target.kidId },
      );
      const existing = await lockAvatarImageByName(tx, name);
      const { id } = await upsertNamedCustomAvatar(tx, {
        name,
        ownerUserId: caller.userId,
        url: staged.url,
        publicId: staged.publicId,
        mediaId: staged.id,
      });
      await assign(tx, target, id);
      await media.scheduleTransfer(outbox, staged, [avatarReference(id)]);
      const candidates: Array<AvatarImage & { dropAvatar?: boolean }> = [];
      // The named avatar's own former image…
      if (existing) candidates.push(existing);
      // …and the caller's other custom avatar this user or kid had until now.
      if (
        previous &&
        previous.avatarId !== id &&
        !previous.isSystemAvatar &&
        previous.ownerUserId === caller.userId
      )
        candidates.push({ ...previous, dropAvatar: true });
      await deleteUnusedImages(tx, outbox, candidates, caller.userId);
    });
    await invalidate(target);
  }

  async function kidTarget(caller: Principal, kidId: string): Promise<Target> {
    const kid = await requireOwnedKid(db, caller, kidId);
    return { kind: 'kid', kidId: kid.id, parentId: kid.parentId };
  }

  async function userDto(userId: string) {
    const user = await findUserDto(db, userId);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  async function kidDto(kidId: string) {
    const kid = await findKidDto(db, kidId);
    if (!kid) throw new NotFoundError('Kid');
    return kid;
  }

  async function requireAssignable(avatarId: string, userId: string) {
    const avatar = await findAssignableAvatar(db, avatarId, userId);
    if (!avatar) throw new NotFoundError('Avatar');
    return avatar;
  }

  return {
    async assignToUser(caller: Principal, input: { avatarId: string; userId: string }) {
      requireSelf(caller, input.userId);
      const avatar = await requireAssignable(input.avatarId, caller.userId);
      const target: Target = { kind: 'user', userId: caller.userId };
      await db.transaction((tx) => assign(tx, target, avatar.id));
      await invalidate(target);
      return userDto(caller.userId);
    },

    async assignToKid(caller: Principal, input: { avatarId: string; kidId: string }) {
      const target = await kidTarget(caller, input.kidId);
      const avatar = await requireAssignable(input.avatarId, caller.userId);
      await db.transaction((tx) => assign(tx, target, avatar.id));
      await invalidate(target);
      return kidDto(input.kidId);
    },

    async uploadForUser(caller: Principal, userId: string, file: UploadedFile) {
      try {
        requireSelf(caller, userId);
      } catch (error) {
        await discardUpload(file);
        throw error;
      }
      await uploadCustom(caller, { kind: 'user', userId: caller.userId }, file);
      return userDto(caller.userId);
    },

    async uploadForKid(caller: Principal, kidId: string, file: UploadedFile) {
      const target = await kidTarget(caller, kidId).catch(async (error: unknown) => {
        await discardUpload(file);
        throw error;
      });
      await uploadCustom(caller, target, file);
      return kidDto(kidId);
    },

    /** AVATAR-07: admins add system avatars (file or URL); others add a custom avatar of their own (file). */
    async create(caller: Principal, input: AvatarInput, file: UploadedFile | null): Promise<AvatarRecord> {
      const system = caller.role === 'admin';
      if (!file && !(system && input.url))
        throw new ValidationError(
          system ? 'An image file or a url is required' : 'An image file is required',
          [{ path: 'body.image', message: 'required' }],
        );
      const base = {
        name: input.name ?? null,
        displayName: input.name ?? null,
        isSystemAvatar: system,
        ownerUserId: system ? null : caller.userId,
      };
      if (!file) {
        return db
          .transaction((tx) => insertAvatar(tx, { ...base, url: input.url!, publicId: null, mediaId: null }))
          .catch((error: unknown) => {
            throw fromDatabaseError(error, 'Avatar');
          });
      }
      return withAvatarImage(file, caller.userId, async (tx, outbox, staged) => {
        const avatar = await insertAvatar(tx, {
          ...base,
          url: staged.url,
          publicId: staged.publicId,
          mediaId: staged.id,
        });
        await media.scheduleTransfer(outbox, staged, [avatarReference(avatar.id)]);
        return avatar;
      });
    },

    /** AVATAR-09: a new image or URL replaces the old image, whose stored copy is deleted. */
    async update(caller: Principal, id: string, input: AvatarInput, file: UploadedFile | null) {
      const rename = input.name !== undefined ? { name: input.name, displayName: input.name } : {};
      const replace = async (tx: Tx, outbox: OutboxScope, image: StagedMedia | null) => {
        const old = await lockAvatarImage(tx, id);
        if (!old) throw new NotFoundError('Avatar');
        const values = image
          ? { url: image.url, publicId: image.publicId, mediaId: image.id }
          : input.url !== undefined
            ? { url: input.url, publicId: null, mediaId: null }
            : {};
        const avatar = await updateAvatar(tx, id, { ...rename, ...values });
        if (image) await media.scheduleTransfer(outbox, image, [avatarReference(id)]);
        if ('url' in values && old.publicId !== values.publicId)
          await deleteUnusedImages(tx, outbox, [{ ...old }], caller.userId);
        return avatar!;
      };
      if (file) {
        // Refuse before uploading anything when the avatar does not exist.
        if (!(await findAvatar(db, id))) {
          await discardUpload(file);
          throw new NotFoundError('Avatar');
        }
        return withAvatarImage(file, caller.userId, replace);
      }
      return core.outbox
        .transaction((tx, outbox) => replace(tx, outbox, null))
        .catch((error: unknown) => {
          throw fromDatabaseError(error, 'Avatar');
        });
    },

    /** AVATAR-10: soft delete; a system avatar someone still shows cannot go. */
    async remove(id: string): Promise<{ id: string }> {
      return db.transaction(async (tx) => {
        const avatar = await lockAvatarImage(tx, id);
        if (!avatar) throw new NotFoundError('Avatar');
        if (avatar.isSystemAvatar && (await isAvatarInUse(tx, id)))
          throw new ConflictError('INVALID_STATE', 'The avatar is still used by a user or a kid');
        await softDeleteAvatar(tx, id);
        return { id };
      });
    },
  };
}

export type AvatarService = ReturnType<typeof createAvatarService>;
