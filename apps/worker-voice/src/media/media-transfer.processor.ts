import { posix } from 'node:path';
import { completeJob } from '@storytime/db/repositories/job-requests';
import {
  findMediaAssetState,
  markMediaFailed,
  markMediaTransferred,
  rewriteMediaReference,
} from '@storytime/db/repositories/media-transfers';
import { AppError } from '@storytime/errors';
import { type MediaKind, mediaTransferParamsSchema } from '@storytime/media';
import type { VoiceWorkerDeps } from '../deps';
import { errorMessage, permanent, type QueueJob, runJobRecord } from '../jobs/job-run';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `media` / `media-transfer` (platform.md §9, the contract in @storytime/media media-jobs.ts): a
 * local `pending` asset goes up to Cloudinary under its fixed object id (a retry overwrites it),
 * then one transaction marks the asset stored remotely and rewrites every referencing row that
 * still shows the local URL. The local copy stays for the daily clean-up (clients may hold its URL).
 * After the last attempt the asset is marked `failed`, stays local, and the clean-up retries it.
 */
export function createMediaTransferHandler(deps: VoiceWorkerDeps) {
  return (job: QueueJob) =>
    runJobRecord(
      deps,
      job,
      mediaTransferParamsSchema,
      async (run) => {
        const { params, log } = run;
        const asset = await findMediaAssetState(deps.db, params.mediaId);
        const nothingToDo = async (reason: string) => {
          await completeJob(deps.db, run.row.id, { resultRef: params.mediaId });
          log.info({ mediaId: params.mediaId, reason }, 'media transfer: nothing to do');
          return { resultRef: params.mediaId, result: { skipped: reason } };
        };
        if (!asset) return nothingToDo('asset deleted');
        if (asset.store !== 'local' || asset.status === 'stored')
          return nothingToDo(`asset ${asset.store}/${asset.status}`);
        const { cloudinary, local } = deps.stores;
        if (!cloudinary)
          throw new AppError('PROVIDER_UNAVAILABLE', 'Cloudinary is not configured in worker-voice', {
            retryable: false,
          });
        if (!asset.localPath) throw permanent('VALIDATION_ERROR', 'The asset has no local copy');

        const extension = posix.extname(asset.localPath).slice(1);
        const put = await cloudinary.put(
          { path: local.pathOf(asset.localPath), mimeType: asset.mimeType, extension },
          {
            folder: params.folder,
            publicId: params.objectId,
            kind: (asset.kind === 'image' ? 'image' : 'audio') satisfies MediaKind,
            resourceType: params.resourceType,
            ...(params.transformation ? { transformation: params.transformation } : {}),
          },
        );
        const urls = { localUrl: params.localUrl, remoteUrl: put.url, publicId: put.publicId };
        const moved = await deps.db.transaction(async (tx) => {
          if (
            !(await markMediaTransferred(tx, params.mediaId, { remoteUrl: put.url, publicId: put.publicId }))
          )
            return null;
          let rewritten = 0;
          for (const reference of params.references) {
            if (!UUID.test(reference.id)) {
              log.warn({ reference }, 'media reference id is not a uuid; skipped');
              continue;
            }
            rewritten += await rewriteMediaReference(tx, reference, urls);
          }
          await completeJob(tx, run.row.id, { resultRef: params.mediaId });
          return rewritten;
        });
        if (moved === null) {
          // Deleted or moved by another run while we uploaded: the object we just made is nobody's.
          const now = await findMediaAssetState(deps.db, params.mediaId);
          if (!now) await cloudinary.delete(put.publicId, params.resourceType).catch(() => {});
          return nothingToDo(now ? `asset ${now.store}/${now.status}` : 'asset deleted');
        }
        log.info({ mediaId: params.mediaId, remoteUrl: put.url, rewritten: moved }, 'media transferred');
        return { resultRef: params.mediaId, result: { remoteUrl: put.url, rewritten: moved } };
      },
      {
        onFinalFailure: (params, error) => markMediaFailed(deps.db, params.mediaId, errorMessage(error)),
      },
    );
}
