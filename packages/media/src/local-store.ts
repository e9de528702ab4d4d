import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, posix, resolve } from 'node:path';
import {
  assertSafeKey,
  type MediaStore,
  type PutOptions,
  type PutResult,
  type StoredFile,
} from './media-store';

/**
 * The local media store (providers.md §5.3): files under `MEDIA_LOCAL_DIR` as
 * `{folder}/{publicId}.{ext}`, served by the API's `/media/` route. It is the offline default and
 * holds uploads while they wait for their transfer to Cloudinary (platform.md §9).
 *
 * Transformations are not applied here: the API ships no image library, so images are stored as
 * received (the size and type limits still hold).
 */
export interface LocalStore extends MediaStore {
  readonly name: 'local';
  /** `{folder}/{publicId}.{ext}` relative to the store's root (the `localPath` of a media asset). */
  relativePath(folder: string, publicId: string, extension: string): string;
  /** The public URL of a relative path. */
  urlOf(relativePath: string): string;
  /** The file on disk of a relative path (`localPath`), checked to stay under the root. */
  pathOf(relativePath: string): string;
  /** `{folder}/{publicId}` of a relative path, the id `delete` takes. */
  publicIdOf(relativePath: string): string;
}

export function createLocalStore(options: { dir: string; baseUrl: string }): LocalStore {
  const root = resolve(options.dir);
  const base = options.baseUrl.replace(/\/+$/, '');

  const relativePath = (folder: string, publicId: string, extension: string) => {
    assertSafeKey(folder, publicId);
    return posix.join(folder, `${publicId}.${extension}`);
  };
  const urlOf = (path: string) =>
    `${base}/media/${path
      .split('/')
      .map((segment) => encodeURIComponent(segment))
      .join('/')}`;

  const publicIdOf = (path: string) => {
    const folder = posix.dirname(path);
    const id = posix.basename(path).replace(/\.[^.]*$/, '');
    assertSafeKey(folder, id);
    return posix.join(folder, id);
  };

  return {
    name: 'local',
    relativePath,
    urlOf,
    publicIdOf,
    pathOf(path) {
      const extension = posix.extname(path);
      if (extension !== '' && !/^\.[A-Za-z0-9]{1,10}$/.test(extension))
        throw new Error(`unsafe media extension: ${extension}`);
      return join(root, `${publicIdOf(path)}${extension}`);
    },

    async put(file: StoredFile, put: PutOptions): Promise<PutResult> {
      const path = relativePath(put.folder, put.publicId, file.extension);
      const target = join(root, path);
      await mkdir(dirname(target), { recursive: true });
      // A copy, not a move: the caller owns the staged file. FICLONE makes it free where the
      // file system supports it.
      await copyFile(file.path, target, constants.COPYFILE_FICLONE);
      return { url: urlOf(path), publicId: posix.join(put.folder, put.publicId) };
    },

    /** `publicId` is `{folder}/{id}`; every extension of that id is removed. */
    async delete(publicId: string): Promise<void> {
      const folder = posix.dirname(publicId);
      const id = posix.basename(publicId);
      assertSafeKey(folder, id);
      const dir = join(root, folder);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      await Promise.all(
        names.filter((name) => name.startsWith(`${id}.`)).map((name) => rm(join(dir, name), { force: true })),
      );
    },
  };
}
