import { type AnyPgColumn, bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { mediaStatusEnum, mediaStoreEnum } from './enums';
import { users } from './users';

/**
 * Stored files (D19/D20). Public URL = `remoteUrl` when stored remotely, else
 * `${PUBLIC_MEDIA_BASE_URL}/media/{localPath}`.
 */
export const mediaAssets = pgTable(
  'media_assets',
  {
    id: id(),
    ownerUserId: uuid().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    /** `image` / `audio`. */
    kind: text().notNull(),
    mimeType: text().notNull(),
    // Files stay far below 2^53 bytes, so a JS number is exact.
    bytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    store: mediaStoreEnum().notNull(),
    status: mediaStatusEnum().notNull(),
    localPath: text(),
    remoteUrl: text(),
    publicId: text(),
    folder: text().notNull(),
    error: text(),
    ...timestamps(),
  },
  (t) => [
    index('media_assets_status_created_at_idx').on(t.status, t.createdAt),
    index('media_assets_owner_user_id_idx').on(t.ownerUserId),
    index('media_assets_sha256_idx').on(t.sha256),
  ],
);
