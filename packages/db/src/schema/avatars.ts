import { type AnyPgColumn, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, notDeleted, softDelete, textId } from './columns';
import { mediaAssets } from './media';
import { users } from './users';

/** System and custom avatars (data-model.md §2). Text ids: imported cuids are kept (D24). */
export const avatars = pgTable(
  'avatars',
  {
    id: textId(),
    // Custom avatars are named `user-avatar-{id}` / `kid-avatar-{id}` / `oauth_{sub}`.
    name: text().unique('avatars_name_unique'),
    displayName: text(),
    url: text().notNull(),
    isSystemAvatar: boolean().notNull().default(false),
    // Null for system avatars; lets the API check ownership of custom ones.
    ownerUserId: uuid().references((): AnyPgColumn => users.id, { onDelete: 'cascade' }),
    publicId: text(),
    mediaId: uuid().references((): AnyPgColumn => mediaAssets.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    ...softDelete(),
  },
  (t) => [
    index('avatars_is_system_avatar_idx').on(t.isSystemAvatar).where(notDeleted),
    index('avatars_owner_user_id_idx').on(t.ownerUserId),
    index('avatars_url_idx').on(t.url),
    index('avatars_media_id_idx').on(t.mediaId),
  ],
);
