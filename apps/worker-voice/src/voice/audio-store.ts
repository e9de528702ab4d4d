import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DbOrTx, newId } from '@storytime/db';
import { insertMediaAsset } from '@storytime/db/repositories/media-assets';
import { findMediaAssetState } from '@storytime/db/repositories/media-transfers';
import { MEDIA_FOLDERS, type MediaReference, type MediaStores, mediaTransferIntent } from '@storytime/media';
import type { Logger } from '@storytime/observability';
import type { SynthesisResult } from '@storytime/providers/speech-types';
import type { OutboxScope } from '@storytime/queue';

/**
 * Narration audio into the media store (providers.md §5, rules.md §7.4): folder `storytime/audio`,
 * resource type `video`, and an object id derived from the cache key, so a retried or concurrent
 * run of the same work overwrites one object instead of leaving a second file. With Cloudinary
 * configured the audio goes there; when that fails it is kept in the local store as `pending` and a
 * `media-transfer` job moves it later (platform.md §9). Without Cloudinary the local store is final.
 */

export interface StoredAudio {
  mediaId: string;
  url: string;
  store: 'local' | 'cloudinary';
  /** The store's id, folder included. */
  publicId: string;
  objectId: string;
  pending: boolean;
  durationMs: number | null;
  asset: Parameters<typeof insertMediaAsset>[1];
}

/** A deterministic object id: `{prefix}_{provider}_{digest of the cache key}`. */
export function audioObjectId(prefix: string, provider: string, cacheKey: readonly string[]): string {
  const digest = createHash('sha256').update(cacheKey.join('\n')).digest('hex').slice(0, 24);
  return `${prefix}_${provider}_${digest}`;
}

export async function storeAudio(
  deps: { stores: MediaStores; tmpDir: string; logger: Logger },
  audio: SynthesisResult,
  objectId: string,
  ownerUserId: string | null,
): Promise<StoredAudio> {
  const extension = audio.mimeType === 'audio/wav' ? 'wav' : 'mp3';
  const folder = MEDIA_FOLDERS.audio;
  await mkdir(deps.tmpDir, { recursive: true });
  const staged = join(deps.tmpDir, `${objectId}-${randomUUID()}.${extension}`);
  await writeFile(staged, audio.audio);
  const file = { path: staged, mimeType: audio.mimeType, extension };
  const mediaId = newId();
  const base = {
    id: mediaId,
    ownerUserId,
    kind: 'audio',
    mimeType: audio.mimeType,
    bytes: audio.audio.length,
    sha256: createHash('sha256').update(audio.audio).digest('hex'),
    folder,
  };
  const durationMs = audio.durationMs ?? null;
  try {
    const { cloudinary, local } = deps.stores;
    if (cloudinary) {
      try {
        const put = await cloudinary.put(file, {
          folder,
          publicId: objectId,
          kind: 'audio',
          resourceType: 'video',
        });
        return {
          mediaId,
          url: put.url,
          store: 'cloudinary',
          publicId: put.publicId,
          objectId,
          pending: false,
          durationMs,
          asset: {
            ...base,
            store: 'cloudinary',
            status: 'stored',
            localPath: null,
            remoteUrl: put.url,
            publicId: put.publicId,
          },
        };
      } catch (error) {
        deps.logger.warn({ err: error, objectId }, 'audio upload failed; keeping it locally for a transfer');
      }
    }
    const put = await local.put(file, { folder, publicId: objectId, kind: 'audio' });
    const pending = cloudinary !== null;
    return {
      mediaId,
      url: put.url,
      store: 'local',
      publicId: put.publicId,
      objectId,
      pending,
      durationMs,
      asset: {
        ...base,
        store: 'local',
        status: pending ? 'pending' : 'stored',
        localPath: local.relativePath(folder, objectId, extension),
        remoteUrl: null,
        publicId: put.publicId,
      },
    };
  } finally {
    await rm(staged, { force: true });
  }
}

/** Records the asset row, in the caller's write transaction (before the cache row that points at it). */
export async function recordAudioAsset(tx: DbOrTx, stored: StoredAudio): Promise<void> {
  await insertMediaAsset(tx, stored.asset);
}

/** A pending asset gets its `media-transfer` job, recorded with the rows that show its URL. */
export async function scheduleAudioTransfer(
  outbox: OutboxScope,
  stored: StoredAudio,
  references: MediaReference[],
  userId: string | null,
): Promise<void> {
  if (!stored.pending) return;
  await outbox.add(
    mediaTransferIntent(
      {
        mediaId: stored.mediaId,
        folder: MEDIA_FOLDERS.audio,
        objectId: stored.objectId,
        resourceType: 'video',
        localUrl: stored.url,
        references,
      },
      userId,
    ),
  );
}

/**
 * Our write lost to a row another run wrote first. The object is the same one (same id, same
 * store) unless that run used the other store: only then is ours an orphan to remove.
 */
export async function discardLostAudio(
  deps: { db: DbOrTx; stores: MediaStores; logger: Logger },
  stored: StoredAudio,
  winnerMediaId: string | null,
): Promise<void> {
  try {
    const winner = winnerMediaId ? await findMediaAssetState(deps.db, winnerMediaId) : undefined;
    if (!winner || (winner.store === stored.store && winner.publicId === stored.publicId)) return;
    if (
      winner.localPath &&
      stored.store === 'local' &&
      deps.stores.local.publicIdOf(winner.localPath) === stored.publicId
    )
      return;
    if (stored.store === 'local') await deps.stores.local.delete(stored.publicId, 'video');
    else await deps.stores.cloudinary?.delete(stored.publicId, 'video');
  } catch (error) {
    deps.logger.warn({ err: error, publicId: stored.publicId }, 'could not remove a duplicate audio object');
  }
}
