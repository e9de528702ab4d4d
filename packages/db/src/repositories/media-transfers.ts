import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { mediaAssets } from '../schema';

/** The `media` queue's writes (platform.md §9): asset transitions and the rows that show its URL. */

export interface MediaAssetState {
  id: string;
  kind: string;
  mimeType: string;
  store: 'local' | 'cloudinary';
  status: 'pending' | 'stored' | 'failed';
  localPath: string | null;
  remoteUrl: string | null;
  publicId: string | null;
  folder: string;
}

export async function findMediaAssetState(tx: DbOrTx, id: string): Promise<MediaAssetState | undefined> {
  const [row] = await tx
    .select({
      id: mediaAssets.id,
      kind: mediaAssets.kind,
      mimeType: mediaAssets.mimeType,
      store: mediaAssets.store,
      status: mediaAssets.status,
      localPath: mediaAssets.localPath,
      remoteUrl: mediaAssets.remoteUrl,
      publicId: mediaAssets.publicId,
      folder: mediaAssets.folder,
    })
    .from(mediaAssets)
    .where(eq(mediaAssets.id, id));
  return row;
}

/**
 * The local asset now lives remotely. False when it is no longer a local one waiting to move (moved
 * by another run, or deleted): the caller then owns the object it just uploaded.
 */
export async function markMediaTransferred(
  tx: DbOrTx,
  id: string,
  remote: { remoteUrl: string; publicId: string },
): Promise<boolean> {
  const rows = await tx
    .update(mediaAssets)
    .set({ store: 'cloudinary', status: 'stored', ...remote, error: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(mediaAssets.id, id),
        eq(mediaAssets.store, 'local'),
        inArray(mediaAssets.status, ['pending', 'failed']),
      ),
    )
    .returning({ id: mediaAssets.id });
  return rows.length > 0;
}

/** The transfer gave up: the asset stays local (and served) until the daily clean-up retries it. */
export async function markMediaFailed(tx: DbOrTx, id: string, error: string): Promise<void> {
  await tx
    .update(mediaAssets)
    .set({ status: 'failed', error: error.slice(0, 2000), updatedAt: sql`now()` })
    .where(and(eq(mediaAssets.id, id), eq(mediaAssets.store, 'local')));
}

export async function deleteMediaAsset(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(mediaAssets).where(eq(mediaAssets.id, id));
}

/**
 * `UPDATE {table} SET {column} = remoteUrl[, {publicIdColumn} = publicId] WHERE id = {id} AND
 * {column} = localUrl`: a row changed since keeps its newer value. Table and column names must come
 * from the allow-list of the transfer contract (`MEDIA_REFERENCE_COLUMNS` of @storytime/media);
 * they are quoted as identifiers all the same. Returns the number of rows changed (0 or 1).
 */
export async function rewriteMediaReference(
  tx: DbOrTx,
  reference: { table: string; column: string; id: string; publicIdColumn?: string | undefined },
  urls: { localUrl: string; remoteUrl: string; publicId: string },
): Promise<number> {
  const column = sql.identifier(reference.column);
  const setPublicId = reference.publicIdColumn
    ? sql`, ${sql.identifier(reference.publicIdColumn)} = ${urls.publicId}`
    : sql``;
  const result = await tx.execute(
    sql`update ${sql.identifier(reference.table)} set ${column} = ${urls.remoteUrl}${setPublicId}
        where id = ${reference.id}::uuid and ${column} = ${urls.localUrl}`,
  );
  return result.rowCount ?? 0;
}
