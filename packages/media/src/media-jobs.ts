import { JOB, type JobIntent, PRIORITY, QUEUE } from '@storytime/queue';
import { z } from 'zod';

/**
 * The contracts of the `media` queue's jobs (platform.md §9, §10.1). The BullMQ payload is
 * `{ jobRequestId }`; everything below lives in `job_requests.params`, validated by the worker
 * with these schemas before it acts.
 *
 * media-transfer (worker side):
 *  1. load the `media_assets` row; nothing to do unless it is `store = 'local'`, `status = 'pending'`;
 *  2. upload `MEDIA_LOCAL_DIR/{localPath}` to Cloudinary in `folder` with `public_id = objectId`,
 *     `resourceType` and `transformation` (idempotent: a retry overwrites the same object);
 *  3. in one transaction: set the asset `store = 'cloudinary'`, `status = 'stored'`, `remoteUrl`,
 *     `publicId` (Cloudinary's, folder included); for every reference run
 *     `UPDATE {table} SET {column} = remoteUrl[, {publicIdColumn} = publicId] WHERE id = {id} AND
 *     {column} = localUrl` (a row changed since keeps its newer value);
 *  4. the local copy is deleted by the daily clean-up 24 h later (clients may still hold its URL).
 *  After the last attempt the asset becomes `status = 'failed'` with `error`; it stays local and is
 *  retried by the daily clean-up.
 *
 * media-delete: remove `publicId` from `store` (Cloudinary destroy with `resourceType`, or unlink in
 * the local store); "not found" is success. When `mediaId` is set and its asset row still exists,
 * the copies the asset has by then are removed instead (a pending transfer may have moved it to
 * Cloudinary since the job was recorded: its `publicId` and `localPath` are authoritative).
 * Producers record it in the transaction that stops the last row from showing the object.
 */

/** Columns that may hold a media URL, by table (database names); the worker refuses any other. */
export const MEDIA_REFERENCE_COLUMNS: Record<string, { url: readonly string[]; publicId?: string }> = {
  avatars: { url: ['url'], publicId: 'public_id' },
  story_buddies: { url: ['image_url', 'profile_avatar_url'] },
  stories: { url: ['cover_image_url', 'audio_url'] },
  story_images: { url: ['url'] },
  voices: { url: ['url', 'voice_avatar'] },
  story_audio_cache: { url: ['audio_url'] },
  paragraph_audio_cache: { url: ['audio_url'] },
  rewards: { url: ['image_url'] },
};

export const mediaReferenceSchema = z
  .object({
    table: z.string(),
    column: z.string(),
    id: z.string().min(1).max(64),
    /** Column that receives the store's public id along with the URL (avatars). */
    publicIdColumn: z.string().optional(),
  })
  .strict()
  .refine((ref) => MEDIA_REFERENCE_COLUMNS[ref.table]?.url.includes(ref.column) === true, {
    message: 'not a media reference column',
  })
  .refine(
    (ref) =>
      ref.publicIdColumn === undefined || MEDIA_REFERENCE_COLUMNS[ref.table]?.publicId === ref.publicIdColumn,
    { message: 'not a public id column' },
  );

export type MediaReference = z.infer<typeof mediaReferenceSchema>;

const resourceType = z.enum(['image', 'video', 'raw', 'auto']);

export const mediaTransferParamsSchema = z
  .object({
    mediaId: z.uuid(),
    folder: z.string().min(1),
    /** Cloudinary `public_id` inside the folder: the asset id unless the producer chose one. */
    objectId: z.string().min(1).max(255),
    resourceType,
    transformation: z.string().optional(),
    /** The URL the references hold now; only that exact value is replaced. */
    localUrl: z.string().min(1),
    references: z.array(mediaReferenceSchema).max(100),
  })
  .strict();

export type MediaTransferParams = z.infer<typeof mediaTransferParamsSchema>;

export const mediaDeleteParamsSchema = z
  .object({
    mediaId: z.uuid().nullable(),
    publicId: z.string().min(1),
    resourceType,
    store: z.enum(['local', 'cloudinary']),
  })
  .strict();

export type MediaDeleteParams = z.infer<typeof mediaDeleteParamsSchema>;

export function mediaTransferIntent(params: MediaTransferParams, userId: string | null): JobIntent {
  return {
    kind: 'media_transfer',
    queue: QUEUE.media,
    jobName: JOB.mediaTransfer,
    params: mediaTransferParamsSchema.parse(params),
    userId,
    priority: PRIORITY.low,
  };
}

export function mediaDeleteIntent(params: MediaDeleteParams, userId: string | null): JobIntent {
  return {
    kind: 'media_delete',
    queue: QUEUE.media,
    jobName: JOB.mediaDelete,
    params: mediaDeleteParamsSchema.parse(params),
    userId,
    priority: PRIORITY.low,
  };
}
