import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { mediaAssets } from '../schema';

/** Stored files (data-model.md `media_assets`, D19/D20). */

export type MediaAssetInsert = typeof mediaAssets.$inferInsert;

export interface MediaAssetRecord {
  id: string;
  ownerUserId: string | null;
  kind: string;
  mimeType: string;
  bytes: number;
  store: 'local' | 'cloudinary';
  status: 'pending' | 'stored' | 'failed';
  localPath: string | null;
  remoteUrl: string | null;
  publicId: string | null;
  folder: string;
}

const recordColumns = {
  id: mediaAssets.id,
  ownerUserId: mediaAssets.ownerUserId,
  kind: mediaAssets.kind,
  mimeType: mediaAssets.mimeType,
  bytes: mediaAssets.bytes,
  store: mediaAssets.store,
  status: mediaAssets.status,
  localPath: mediaAssets.localPath,
  remoteUrl: mediaAssets.remoteUrl,
  publicId: mediaAssets.publicId,
  folder: mediaAssets.folder,
};

/** Inserts the asset with the id the service chose (the store's public id is derived from it). */
export async function insertMediaAsset(tx: DbOrTx, values: MediaAssetInsert): Promise<{ id: string }> {
  const [row] = await tx.insert(mediaAssets).values(values).returning({ id: mediaAssets.id });
  return row!;
}

export async function findMediaAsset(tx: DbOrTx, id: string): Promise<MediaAssetRecord | undefined> {
  const [row] = await tx.select(recordColumns).from(mediaAssets).where(eq(mediaAssets.id, id));
  return row;
}
