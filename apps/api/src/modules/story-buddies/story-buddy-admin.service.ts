import { cacheTags } from '@storytime/cache';
import type { Tx } from '@storytime/db';
import {
  type BuddyRecord,
  type BuddyValues,
  buddyStats,
  deleteBuddy,
  findBuddyState,
  findImageAssets,
  insertBuddy,
  isBuddyInUse,
  isBuddyNameTaken,
  listBuddies,
  restoreBuddy,
  softDeleteBuddy,
  updateBuddy,
} from '@storytime/db/repositories/story-buddies';
import {
  AlreadyExistsError,
  ConflictError,
  fromDatabaseError,
  NotFoundError,
  ValidationError,
} from '@storytime/errors';
import { MEDIA_FOLDERS, type MediaReference, TRANSFORMATIONS } from '@storytime/media';
import type { OutboxScope } from '@storytime/queue';
import type { CoreServices } from '../../composition';
import { mediaServiceFor, type StagedMedia } from '../../media/media.service';
import { discardUpload, type UploadedFile } from '../../media/multipart';
import type { Principal } from '../../plugins/principal';
import type { CreateBuddyInput, UpdateBuddyInput } from './story-buddy.schemas';

/** BUDDY-08..13 (api.md §5): the admin catalogue, its images (platform.md §9) and stats. */

const RESOURCE = 'Story buddy';

/** The media-transfer job rewrites `image_url` once a pending upload reaches Cloudinary. */
const imageReference = (id: string): MediaReference => ({ table: 'story_buddies', column: 'image_url', id });

function requireAgeOrder(range: { min: number; max: number }): void {
  if (range.min > range.max)
    throw new ValidationError('ageGroupMin must not exceed ageGroupMax', [
      { path: 'body.ageGroupMin', message: 'must not exceed ageGroupMax' },
      { path: 'body.ageGroupMax', message: 'must not be below ageGroupMin' },
    ]);
}

/** Input fields as column values; `undefined` leaves a column as it is (or to its default). */
function valuesOf(input: UpdateBuddyInput): BuddyValues {
  return {
    displayName: input.displayName,
    type: input.type,
    description: input.description,
    profileAvatarUrl: input.profileAvatarUrl,
    isActive: input.isActive,
    themeColor: input.themeColor,
    ageGroupMin: input.ageGroupMin,
    ageGroupMax: input.ageGroupMax,
  };
}

export function createStoryBuddyAdminService(core: CoreServices) {
  const { db, cache } = core;
  const media = mediaServiceFor(core);

  /** Every buddy write drops `story-buddies:all` (platform.md §6) once committed. */
  async function afterWrite<T>(result: T): Promise<T> {
    await cache.invalidateTags([cacheTags.buddies]);
    return result;
  }

  /** Records the `media-delete` job of a stored image no buddy shows any more (URL-only images have none). */
  async function deleteImage(
    tx: Tx,
    outbox: OutboxScope,
    publicId: string | null,
    userId: string,
  ): Promise<void> {
    if (!publicId) return;
    const asset = (await findImageAssets(tx, [publicId])).get(publicId);
    // Images without an asset row were imported from Cloudinary.
    await media.scheduleDelete(
      outbox,
      { mediaId: asset?.mediaId ?? null, publicId, kind: 'image', store: asset?.store ?? 'cloudinary' },
      userId,
    );
  }

  /** Stages the image (500×500 WebP on Cloudinary, providers.md §5), then runs `work` in one transaction. */
  async function withImage<T>(
    caller: Principal,
    file: UploadedFile,
    work: (tx: Tx, outbox: OutboxScope, staged: StagedMedia) => Promise<T>,
  ): Promise<T> {
    const staged = await media.stage(file, {
      ownerUserId: caller.userId,
      folder: MEDIA_FOLDERS.storyBuddies,
      transformation: TRANSFORMATIONS.avatar,
    });
    try {
      return await core.outbox.transaction(async (tx, outbox) => {
        await media.record(tx, staged);
        return work(tx, outbox, staged);
      });
    } catch (error) {
      await media.discard(staged);
      throw fromDatabaseError(error, RESOURCE);
    }
  }

  /** Without a file, the work runs in a transaction of its own. */
  async function withoutImage<T>(work: (tx: Tx, outbox: OutboxScope) => Promise<T>): Promise<T> {
    try {
      return await core.outbox.transaction(work);
    } catch (error) {
      throw fromDatabaseError(error, RESOURCE);
    }
  }

  return {
    /** BUDDY-08: inactive ones too, never deleted ones. */
    list: () => listBuddies(db, { activeOnly: false }),

    /** BUDDY-09: a file or an `imageUrl` is required; a taken name is a 409 before anything is uploaded. */
    async create(
      caller: Principal,
      input: CreateBuddyInput,
      file: UploadedFile | null,
    ): Promise<BuddyRecord> {
      // Checks before anything is stored; the staged upload is removed on refusal.
      try {
        if (!file && !input.imageUrl)
          throw new ValidationError('An image file or an imageUrl is required', [
            { path: 'body.image', message: 'required when imageUrl is not given' },
          ]);
        requireAgeOrder({ min: input.ageGroupMin ?? 3, max: input.ageGroupMax ?? 12 });
        if (file && (await isBuddyNameTaken(db, input.name)))
          throw new AlreadyExistsError(RESOURCE, ['name']);
      } catch (error) {
        if (file) await discardUpload(file);
        throw error;
      }
      const base = { ...valuesOf(input), name: input.name, displayName: input.displayName, type: input.type };
      const buddy = file
        ? await withImage(caller, file, async (tx, outbox, staged) => {
            const created = await insertBuddy(tx, {
              ...base,
              imageUrl: staged.url,
              imagePublicId: staged.publicId,
            });
            await media.scheduleTransfer(outbox, staged, [imageReference(created.id)]);
            return created;
          })
        : await withoutImage((tx) =>
            insertBuddy(tx, { ...base, imageUrl: input.imageUrl!, imagePublicId: null }),
          );
      return afterWrite(buddy);
    },

    /** BUDDY-10: a new file or `imageUrl` replaces the image; the old stored image is deleted by a job. */
    async update(
      caller: Principal,
      id: string,
      input: UpdateBuddyInput,
      file: UploadedFile | null,
    ): Promise<BuddyRecord> {
      const replace = async (tx: Tx, outbox: OutboxScope, staged: StagedMedia | null) => {
        const current = await findBuddyState(tx, id, { lock: 'update' });
        if (!current || current.isDeleted) throw new NotFoundError(RESOURCE);
        requireAgeOrder({
          min: input.ageGroupMin ?? current.ageGroupMin,
          max: input.ageGroupMax ?? current.ageGroupMax,
        });
        const image = staged
          ? { imageUrl: staged.url, imagePublicId: staged.publicId }
          : input.imageUrl !== undefined
            ? { imageUrl: input.imageUrl, imagePublicId: null }
            : {};
        const updated = await updateBuddy(tx, id, { ...valuesOf(input), ...image });
        if (!updated) throw new NotFoundError(RESOURCE);
        if (staged) await media.scheduleTransfer(outbox, staged, [imageReference(id)]);
        if ('imageUrl' in image && current.imagePublicId !== image.imagePublicId)
          await deleteImage(tx, outbox, current.imagePublicId, caller.userId);
        return updated;
      };
      if (file) {
        // Refuse before uploading anything when the buddy does not exist.
        const current = await findBuddyState(db, id);
        if (!current || current.isDeleted) {
          await discardUpload(file);
          throw new NotFoundError(RESOURCE);
        }
        return afterWrite(await withImage(caller, file, replace));
      }
      return afterWrite(await withoutImage((tx, outbox) => replace(tx, outbox, null)));
    },

    /**
     * BUDDY-11: refused while a live kid uses the buddy. A soft delete needs a live buddy; a
     * permanent one also takes a soft-deleted buddy, its interactions and its stored image.
     */
    async remove(caller: Principal, id: string, permanent: boolean) {
      const result = await withoutImage(async (tx, outbox) => {
        const current = await findBuddyState(tx, id, { lock: 'update' });
        if (!current || (current.isDeleted && !permanent)) throw new NotFoundError(RESOURCE);
        if (await isBuddyInUse(tx, id))
          throw new ConflictError('INVALID_STATE', 'The story buddy is still chosen by a kid');
        if (permanent) {
          await deleteBuddy(tx, id);
          await deleteImage(tx, outbox, current.imagePublicId, caller.userId);
        } else await softDeleteBuddy(tx, id);
        return { id, permanent };
      });
      return afterWrite(result);
    },

    /** BUDDY-12. */
    async restore(id: string): Promise<BuddyRecord> {
      const restored = await withoutImage(async (tx) => {
        const current = await findBuddyState(tx, id, { lock: 'update' });
        if (!current) throw new NotFoundError(RESOURCE);
        if (!current.isDeleted) throw new ConflictError('INVALID_STATE', 'The story buddy is not deleted');
        const row = await restoreBuddy(tx, id);
        if (!row) throw new NotFoundError(RESOURCE);
        return row;
      });
      return afterWrite(restored);
    },

    /** BUDDY-13: one grouped statement; the totals are sums over its rows (each kid has one buddy). */
    async stats() {
      const rows = await buddyStats(db);
      let activeBuddies = 0;
      let totalInteractions = 0;
      let kidsWithBuddies = 0;
      for (const row of rows) {
        if (row.isActive) activeBuddies += 1;
        totalInteractions += row.interactionCount;
        kidsWithBuddies += row.kidCount;
      }
      return {
        totalBuddies: rows.length,
        activeBuddies,
        totalInteractions,
        kidsWithBuddies,
        buddies: rows.map(({ isActive: _active, ...row }) => row),
      };
    },
  };
}
