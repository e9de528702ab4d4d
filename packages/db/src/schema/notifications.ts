import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, softDelete, timestamps, tstzNow } from './columns';
import { devicePlatformEnum, notificationCategoryEnum, notificationTypeEnum } from './enums';
import { kids } from './kids';
import { users } from './users';

/** Notification settings, the in-app inbox and push devices (data-model.md §7–8). */

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    id: id(),
    type: notificationTypeEnum().notNull(),
    category: notificationCategoryEnum().notNull(),
    enabled: boolean().notNull().default(true),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    kidId: uuid().references(() => kids.id, { onDelete: 'cascade' }),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    check('notification_preferences_owner_check', sql`num_nonnulls(user_id, kid_id) = 1`),
    // NULLS DISTINCT on purpose: one side is always null, so each unique only binds its own owner.
    unique('notification_preferences_user_id_category_type_unique').on(t.userId, t.category, t.type),
    unique('notification_preferences_kid_id_category_type_unique').on(t.kidId, t.category, t.type),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: notificationCategoryEnum().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    isRead: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_id_created_at_id_idx').on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('notifications_unread_idx')
      .on(t.userId, t.createdAt.desc().nullsFirst())
      .where(sql`is_read = false`),
  ],
);

/** Phase 2: FCM registration tokens. */
export const deviceTokens = pgTable(
  'device_tokens',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    token: text().notNull().unique('device_tokens_token_unique'),
    platform: devicePlatformEnum().notNull(),
    deviceName: text(),
    isActive: boolean().notNull().default(true),
    lastUsed: tstzNow(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [index('device_tokens_user_id_is_active_idx').on(t.userId, t.isActive)],
);
