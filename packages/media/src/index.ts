/**
 * Where files live (providers.md §5, platform.md §9): the local media store, Cloudinary, the file
 * types uploads accept, and the contracts of the `media` queue's jobs. Shared by the API (uploads,
 * avatars) and worker-voice (narration audio, media-transfer, media-delete).
 */
export {
  CloudinaryRateLimitError,
  type CloudinarySettings,
  type CloudinaryStore,
  cloudinarySignature,
  createCloudinaryStore,
} from './cloudinary-store';
export {
  acceptedTypes,
  declaredKind,
  FILE_TYPES,
  type FileType,
  type MediaKind,
  normaliseDeclaredType,
  SNIFF_BYTES,
  sniffFileType,
} from './file-types';
export { createLocalStore, type LocalStore } from './local-store';
export {
  MEDIA_REFERENCE_COLUMNS,
  type MediaDeleteParams,
  type MediaReference,
  type MediaTransferParams,
  mediaDeleteIntent,
  mediaDeleteParamsSchema,
  mediaReferenceSchema,
  mediaTransferIntent,
  mediaTransferParamsSchema,
} from './media-jobs';
export {
  assertSafeKey,
  MEDIA_FOLDERS,
  type MediaStore,
  type PutOptions,
  type PutResult,
  type ResourceType,
  resourceTypeOf,
  type StoredFile,
  TRANSFORMATIONS,
} from './media-store';
export { createMediaStores, type MediaEnv, type MediaStores } from './stores';
