import type { MediaKind } from './file-types';

/**
 * Where files live (providers.md §5): Cloudinary when configured, else the local media store
 * served under `/media/`. Both take the same fixed public id, so storing the same asset twice
 * overwrites it instead of creating a second copy.
 */

/** Cloudinary's resource types: audio is stored as `video`, as Cloudinary requires. */
export type ResourceType = 'image' | 'video' | 'raw' | 'auto';

export interface StoredFile {
  /** Staged file on disk. */
  path: string;
  mimeType: string;
  /** Extension without the dot (`png`, `mp3`). */
  extension: string;
}

export interface PutOptions {
  /** e.g. `storytime/avatars`. */
  folder: string;
  /** Id inside the folder; the media asset id, so a retry overwrites the same object. */
  publicId: string;
  kind: MediaKind;
  /** Cloudinary transformation string, e.g. `c_limit,h_500,w_500/q_auto/f_webp`. */
  transformation?: string;
  /** Defaults to the kind's type (`image`, or `video` for audio). */
  resourceType?: ResourceType;
  /** Aborts the whole call, retries included (the inline upload deadline). */
  signal?: AbortSignal;
}

export interface PutResult {
  url: string;
  /** The store's id of the object, folder included (`storytime/avatars/0190…`). */
  publicId: string;
}

export interface MediaStore {
  readonly name: 'local' | 'cloudinary';
  put(file: StoredFile, options: PutOptions): Promise<PutResult>;
  /** Deleting an object that does not exist succeeds. */
  delete(publicId: string, resourceType: ResourceType, options?: { signal?: AbortSignal }): Promise<void>;
}

/** Folders and transformations of providers.md §5.1. */
export const MEDIA_FOLDERS = {
  avatars: 'storytime/avatars',
  storyBuddies: 'storytime/story-buddies',
  audio: 'storytime/audio',
  voices: 'storytime/voices',
  uploads: (userId: string) => `storytime/uploads/${userId}`,
} as const;

export const TRANSFORMATIONS = {
  /** 500×500 limit, quality auto, WebP: avatars and buddy images. */
  avatar: 'c_limit,h_500,w_500/q_auto/f_webp',
  /** Generic image uploads. */
  qualityAuto: 'q_auto',
} as const;

export function resourceTypeOf(kind: MediaKind): 'image' | 'video' {
  return kind === 'image' ? 'image' : 'video';
}

const SAFE_FOLDER = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Folders and ids become file paths in the local store: no `..`, no absolute paths, no odd bytes. */
export function assertSafeKey(folder: string, publicId: string): void {
  if (!SAFE_FOLDER.test(folder)) throw new Error(`unsafe media folder: ${folder}`);
  if (!SAFE_ID.test(publicId)) throw new Error(`unsafe media public id: ${publicId}`);
}
