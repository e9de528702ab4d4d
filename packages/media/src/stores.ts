import type { ProviderLogger } from '@storytime/providers/resilience';
import { type CloudinaryStore, createCloudinaryStore } from './cloudinary-store';
import { createLocalStore, type LocalStore } from './local-store';

/** The media variables of platform.md §12.1 every app shares. */
export interface MediaEnv {
  MEDIA_LOCAL_DIR: string;
  /** `PUBLIC_MEDIA_BASE_URL`, else `BACKEND_BASE_URL`: the base of `/media/*` URLs. */
  publicMediaBaseUrl: string;
  CLOUDINARY_CLOUD_NAME?: string | undefined;
  CLOUDINARY_API_KEY?: string | undefined;
  CLOUDINARY_API_SECRET?: string | undefined;
  CLOUDINARY_BASE_URL: string;
}

export interface MediaStores {
  local: LocalStore;
  /** Null unless all three Cloudinary variables are set (providers.md §5: any unset → local store). */
  cloudinary: CloudinaryStore | null;
}

/** The local store, and Cloudinary when configured: the API and worker-voice build theirs here. */
export function createMediaStores(env: MediaEnv, options: { logger?: ProviderLogger } = {}): MediaStores {
  const local = createLocalStore({ dir: env.MEDIA_LOCAL_DIR, baseUrl: env.publicMediaBaseUrl });
  const {
    CLOUDINARY_CLOUD_NAME: cloudName,
    CLOUDINARY_API_KEY: apiKey,
    CLOUDINARY_API_SECRET: apiSecret,
  } = env;
  const cloudinary =
    cloudName && apiKey && apiSecret
      ? createCloudinaryStore({
          cloudName,
          apiKey,
          apiSecret,
          baseUrl: env.CLOUDINARY_BASE_URL,
          ...(options.logger ? { logger: options.logger } : {}),
        })
      : null;
  return { local, cloudinary };
}
