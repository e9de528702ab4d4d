import { NOTIFICATION_CHANNELS } from '@storytime/db/repositories/notification-preferences';
import { NOTIFICATION_CATEGORIES } from '@storytime/db/repositories/notifications';
import { z } from 'zod';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, queryBool, uuid } from '../../lib/schemas';

/** Request and response schemas of NOTIF-01..03, NPREF-01..07 and USER-20/21 (api.md §3, §12). */

export const notificationCategory = z.enum(NOTIFICATION_CATEGORIES);
export const notificationChannel = z.enum(NOTIFICATION_CHANNELS);

// ---- inbox ---------------------------------------------------------------------------------------

export const listNotificationsQuery = cursorQuery().extend({ unreadOnly: queryBool.default(false) });

export const notificationSchema = z.object({
  id: z.string(),
  category: notificationCategory,
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  isRead: z.boolean(),
  createdAt: isoDate,
});

export const notificationPage = cursorPage(notificationSchema).extend({ unreadCount: z.number().int() });

export const markReadBody = z.object({ notificationIds: z.array(uuid).min(1).max(100) }).strict();

export const updatedResponse = z.object({ success: z.literal(true), updated: z.number().int() });

// ---- preferences ---------------------------------------------------------------------------------

export const preferenceSchema = z.object({
  id: z.string(),
  type: notificationChannel,
  category: notificationCategory,
  enabled: z.boolean(),
  userId: z.string().nullable(),
  kidId: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const preferenceInput = z
  .object({
    type: notificationChannel,
    category: notificationCategory,
    enabled: z.boolean(),
    userId: uuid.optional(),
    kidId: uuid.optional(),
  })
  .strict()
  .refine((item) => (item.userId === undefined) !== (item.kidId === undefined), {
    message: 'exactly one of userId and kidId is required',
    path: ['userId'],
  });

export const upsertPreferencesBody = z.array(preferenceInput).min(1).max(50);

export const setEnabledBody = z.object({ enabled: z.boolean() }).strict();

export const preferenceIdParams = z.object({ id: uuid });
export const userIdParams = z.object({ userId: uuid });
export const kidIdParams = z.object({ kidId: uuid });

/** USER-20/21: `{ [CATEGORY]: { push, in_app } }` for the categories that have rows. */
export const groupedPreferencesSchema = z.partialRecord(
  notificationCategory,
  z.object({ push: z.boolean(), in_app: z.boolean() }),
);

export const setCategoriesBody = z.partialRecord(notificationCategory, z.boolean()).refine((body) => {
  const keys = Object.keys(body).length;
  return keys >= 1 && keys <= 25;
}, 'must name between 1 and 25 categories');
