import { tmpdir } from 'node:os';
import { type DbOrTx, newId } from '@storytime/db';
import { insertMediaAsset } from '@storytime/db/repositories/media-assets';
import {
  type CloudinaryStore,
  createMediaStores,
  type LocalStore,
  type MediaKind,
  type MediaReference,
  mediaDeleteIntent,
  mediaTransferIntent,
  type ResourceType,
  resourceTypeOf,
} from '@storytime/media';
import type { OutboxScope } from '@storytime/queue';
import type { CoreServices } from '../composition';
import { discardUpload, type UploadedFile } from './multipart';

/**
 * Stores uploaded files (platform.md §9, D19). With Cloudinary configured, small images go up
 * inline under a deadline; when that fails or times out, and for audio and large files, the file
 * goes to the local store as `pending` and a `media-transfer` job moves it later. Without
 * Cloudinary the local store is final.
 *
 * Storing is split in two so the database side joins the caller's transaction: `stage` puts the
 * bytes in a store (no transaction held open during uploads), `record` writes the asset row and
 * `scheduleTransfer` the job once the rows that reference the URL are known.
 */

export interface StageOptions {
  ownerUserId: string | null;
  folder: string;
  transformation?: string;
  /** Defaults to the kind's type; generic uploads use `auto`. */
  resourceType?: ResourceType;
  /** Id inside the folder; defaults to the asset id (narration audio names its own, rules.md §8). */
  objectId?: string;
}

export interface StagedMedia {
  id: string;
  ownerUserId: string | null;
  kind: MediaKind;
  mimeType: string;
  bytes: number;
  sha256: string;
  folder: string;
  store: 'local' | 'cloudinary';
  status: 'stored' | 'pending';
  url: string;
  /** The store's id, folder included. */
  publicId: string;
  localPath: string | null;
  remoteUrl: string | null;
  resourceType: ResourceType;
  transformation: string | undefined;
  /** Id inside the folder (the asset id unless the caller chose one). */
  objectId: string;
}

export interface MediaService {
  /** True when Cloudinary is configured. */
  readonly remote: boolean;
  readonly tmpDir: string;
  stage(file: UploadedFile, options: StageOptions): Promise<StagedMedia>;
  /** Inserts the `media_assets` row, in the caller's transaction. */
  record(tx: DbOrTx, staged: StagedMedia): Promise<void>;
  /** Records the `media-transfer` job of a pending asset; nothing for stored ones. */
  scheduleTransfer(outbox: OutboxScope, staged: StagedMedia, references: MediaReference[]): Promise<void>;
  /** Records a `media-delete` job for an object no row uses any more. */
  scheduleDelete(
    outbox: OutboxScope,
    object: { mediaId: string | null; publicId: string; kind: MediaKind; store: 'local' | 'cloudinary' },
    userId: string | null,
  ): Promise<void>;
  /** Undoes `stage` after the business transaction failed (best effort). */
  discard(staged: StagedMedia): Promise<void>;
  /** `stage` + `record` + `scheduleTransfer` in one transaction of their own (generic uploads). */
  save(file: UploadedFile, options: StageOptions): Promise<StagedMedia>;
}

const services = new WeakMap<CoreServices, MediaService>();

/** One media service per app, shared by the modules (one breaker per process and provider). */
export function mediaServiceFor(core: CoreServices): MediaService {
  let service = services.get(core);
  if (!service) {
    service = createMediaService(core);
    services.set(core, service);
  }
  return service;
}

export function createMediaService(
  core: CoreServices,
  stores: { local?: LocalStore; cloudinary?: CloudinaryStore | null } = {},
): MediaService {
  const { env } = core.config;
  const configured = createMediaStores(
    { ...env, publicMediaBaseUrl: core.config.publicMediaBaseUrl },
    { logger: core.logger },
  );
  const local = stores.local ?? configured.local;
  const cloudinary = stores.cloudinary === undefined ? configured.cloudinary : stores.cloudinary;

  async function tryInline(
    file: UploadedFile,
    options: StageOptions,
    objectId: string,
    resourceType: ResourceType,
  ) {
    if (!cloudinary || file.kind !== 'image' || file.bytes > env.UPLOAD_INLINE_MAX_BYTES) return null;
    try {
      return await cloudinary.put(file, {
        folder: options.folder,
        publicId: objectId,
        kind: file.kind,
        resourceType,
        ...(options.transformation ? { transformation: options.transformation } : {}),
        signal: AbortSignal.timeout(env.UPLOAD_REMOTE_TIMEOUT_MS),
      });
    } catch (error) {
      core.logger.warn(
        { err: error, folder: options.folder, objectId },
        'inline upload failed; the file waits in the local store',
      );
      return null;
    }
  }

  const service: MediaService = {
    remote: cloudinary !== null,
    tmpDir: env.MEDIA_TMP_DIR ?? tmpdir(),

    async stage(file, options) {
      const id = newId();
      const objectId = options.objectId ?? id;
      const resourceType = options.resourceType ?? resourceTypeOf(file.kind);
      const base = {
        id,
        ownerUserId: options.ownerUserId,
        kind: file.kind,
        mimeType: file.mimeType,
        bytes: file.bytes,
        sha256: file.sha256,
        folder: options.folder,
        resourceType,
        transformation: options.transformation,
        objectId,
      };
      try {
        const inline = await tryInline(file, options, objectId, resourceType);
        if (inline) {
          return {
            ...base,
            store: 'cloudinary',
            status: 'stored',
            url: inline.url,
            publicId: inline.publicId,
            localPath: null,
            remoteUrl: inline.url,
          };
        }
        const stored = await local.put(file, { folder: options.folder, publicId: objectId, kind: file.kind });
        return {
          ...base,
          store: 'local',
          status: cloudinary ? 'pending' : 'stored',
          url: stored.url,
          publicId: stored.publicId,
          localPath: local.relativePath(options.folder, objectId, file.extension),
          remoteUrl: null,
        };
      } finally {
        await discardUpload(file);
      }
    },

    async record(tx, staged) {
      await insertMediaAsset(tx, {
        id: staged.id,
        ownerUserId: staged.ownerUserId,
        kind: staged.kind,
        mimeType: staged.mimeType,
        bytes: staged.bytes,
        sha256: staged.sha256,
        store: staged.store,
        status: staged.status,
        localPath: staged.localPath,
        remoteUrl: staged.remoteUrl,
        publicId: staged.publicId,
        folder: staged.folder,
      });
    },

    async scheduleTransfer(outbox, staged, references) {
      if (staged.status !== 'pending') return;
      await outbox.add(
        mediaTransferIntent(
          {
            mediaId: staged.id,
            folder: staged.folder,
            objectId: staged.objectId,
            resourceType: staged.resourceType,
            ...(staged.transformation ? { transformation: staged.transformation } : {}),
            localUrl: staged.url,
            references,
          },
          staged.ownerUserId,
        ),
      );
    },

    async scheduleDelete(outbox, object, userId) {
      await outbox.add(
        mediaDeleteIntent(
          {
            mediaId: object.mediaId,
            publicId: object.publicId,
            resourceType: resourceTypeOf(object.kind),
            store: object.store,
          },
          userId,
        ),
      );
    },

    async discard(staged) {
      try {
        if (staged.store === 'local') {
          await local.delete(staged.publicId, staged.resourceType);
          return;
        }
        await core.outbox.transaction(async (_tx, outbox) =>
          service.scheduleDelete(
            outbox,
            { mediaId: null, publicId: staged.publicId, kind: staged.kind, store: 'cloudinary' },
            staged.ownerUserId,
          ),
        );
      } catch (error) {
        core.logger.warn({ err: error, mediaId: staged.id }, 'could not discard a staged media object');
      }
    },

    async save(file, options) {
      const staged = await service.stage(file, options);
      try {
        await core.outbox.transaction(async (tx, outbox) => {
          await service.record(tx, staged);
          await service.scheduleTransfer(outbox, staged, []);
        });
      } catch (error) {
        await service.discard(staged);
        throw error;
      }
      return staged;
    },
  };
  return service;
}
