import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The image files that ship with the seed (avatars, buddies, badge icons). */
export const SEED_ASSETS_DIR = fileURLToPath(new URL('../../seed-assets/', import.meta.url));

export interface SeedMediaOptions {
  /** The local media store's folder (`MEDIA_LOCAL_DIR`), served by the API under `/media/`. */
  mediaDir: string;
  /** Base of public media URLs (`PUBLIC_MEDIA_BASE_URL`). */
  mediaBaseUrl: string;
}

/** Copies a seed asset into the local media store and returns its public URL. */
export async function publishSeedAsset(relativePath: string, options: SeedMediaOptions): Promise<string> {
  const target = join(options.mediaDir, relativePath);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(join(SEED_ASSETS_DIR, relativePath), target);
  return mediaUrl(relativePath, options.mediaBaseUrl);
}

export function mediaUrl(relativePath: string, baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/media/${relativePath}`;
}
