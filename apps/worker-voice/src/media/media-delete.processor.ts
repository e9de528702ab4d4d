import { completeJob } from '@storytime/db/repositories/job-requests';
import { deleteMediaAsset, findMediaAssetState } from '@storytime/db/repositories/media-transfers';
import { AppError } from '@storytime/errors';
import { mediaDeleteParamsSchema, type ResourceType } from '@storytime/media';
import type { VoiceWorkerDeps } from '../deps';
import { type QueueJob, runJobRecord } from '../jobs/job-run';

const cloudinaryMissing = () =>
  new AppError('PROVIDER_UNAVAILABLE', 'Cloudinary is not configured in worker-voice', { retryable: false });

/**
 * `media` / `media-delete` (the contract in @storytime/media media-jobs.ts): removes an object no
 * row shows any more; "not found" is success. With `mediaId` set and its asset row still there, the
 * copies the asset has by then are removed (a transfer may have moved it since the job was
 * recorded), and then the asset row itself, so no row describes a file that is gone.
 */
export function createMediaDeleteHandler(deps: VoiceWorkerDeps) {
  const { local, cloudinary } = deps.stores;

  async function remove(store: 'local' | 'cloudinary', publicId: string, resourceType: ResourceType) {
    if (store === 'local') return local.delete(publicId, resourceType);
    if (!cloudinary) throw cloudinaryMissing();
    return cloudinary.delete(publicId, resourceType);
  }

  return (job: QueueJob) =>
    runJobRecord(deps, job, mediaDeleteParamsSchema, async (run) => {
      const { params, log } = run;
      const asset = params.mediaId ? await findMediaAssetState(deps.db, params.mediaId) : undefined;
      const removed: string[] = [];
      if (asset) {
        if (asset.store === 'cloudinary' && asset.publicId) {
          await remove('cloudinary', asset.publicId, params.resourceType);
          removed.push(`cloudinary:${asset.publicId}`);
        }
        if (asset.localPath) {
          const publicId = local.publicIdOf(asset.localPath);
          await remove('local', publicId, params.resourceType);
          removed.push(`local:${publicId}`);
        }
      } else {
        await remove(params.store, params.publicId, params.resourceType);
        removed.push(`${params.store}:${params.publicId}`);
      }
      await deps.db.transaction(async (tx) => {
        if (asset) await deleteMediaAsset(tx, asset.id);
        await completeJob(tx, run.row.id, { resultRef: params.mediaId });
      });
      log.info({ mediaId: params.mediaId, removed }, 'media deleted');
      return { resultRef: params.mediaId, result: { removed } };
    });
}
