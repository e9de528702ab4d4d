import { z } from 'zod';
import { kidDtoSchema } from '../../lib/dto/kid-dto';
import { avatarId, isoDate, str, uuid } from '../../lib/schemas';

/** Request and response schemas of api.md §2 (KID-01..07). Bodies are strict (api.md §0.2). */

export const kidIdParams = z.object({ kidId: uuid });

const categoryIds = z.array(uuid).max(20);

const newKid = z
  .object({
    name: str(1, 100),
    ageRange: str(1, 20),
    avatarId: avatarId.optional(),
    preferredCategoryIds: categoryIds.optional(),
  })
  .strict();

/** KID-02 takes an array of 1–10 kids. */
export const createKidsBody = z.array(newKid).min(1).max(10);

/** `H:mm` or `HH:mm`, stored zero-padded as `HH:mm` (data-model.md `kids`). */
const clockTime = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm')
  .transform((value) => value.padStart(5, '0'));

export const updateKidBody = z
  .object({
    name: str(1, 100).optional(),
    ageRange: str(1, 20).optional(),
    avatarId: avatarId.optional(),
    preferredCategoryIds: categoryIds.optional(),
    excludedTags: z.array(str(1, 50)).max(50).optional(),
    isBedtimeEnabled: z.boolean().optional(),
    bedtimeStart: clockTime.optional(),
    bedtimeEnd: clockTime.optional(),
    bedtimeDays: z
      .array(z.number().int().min(0).max(6))
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'days must be unique')
      .optional(),
    bedtimeLockApp: z.boolean().optional(),
    bedtimeDimScreen: z.boolean().optional(),
    bedtimeReminder: z.boolean().optional(),
    bedtimeStoriesOnly: z.boolean().optional(),
    dailyScreenTimeLimitMins: z.number().int().min(0).max(1440).nullable().optional(),
    preferredVoiceId: str(1, 64).optional(),
  })
  .strict();

export type UpdateKidBody = z.output<typeof updateKidBody>;

const notificationPreferenceSchema = z.object({
  id: z.string(),
  category: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const activityLogSchema = z.object({
  id: z.string(),
  action: z.string(),
  status: z.string(),
  deviceName: z.string().nullable(),
  deviceModel: z.string().nullable(),
  os: z.string().nullable(),
  ipAddress: z.string().nullable(),
  details: z.string().nullable(),
  createdAt: isoDate,
});

const recommendationStats = z.object({ total: z.number().int() });

/** KID-03: `KidDto` plus the kid's notification settings, recent activity and recommendation count. */
export const kidDetailSchema = kidDtoSchema.extend({
  notificationPreferences: z.array(notificationPreferenceSchema),
  activityLogs: z.array(activityLogSchema),
  recommendationStats,
});

export const kidDeletionResult = z.object({ id: z.string(), permanent: z.boolean() });

export const kidStatsSchema = z.object({
  kidId: z.string(),
  kidName: z.string().nullable(),
  recommendationStats,
});
