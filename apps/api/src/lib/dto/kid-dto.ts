import { z } from 'zod';
import { isoDate, isoDateNullable } from '../schemas';
import { avatarSchema } from './user-dto';

/** `KidDto` (api.md §0.3): every kid column but `isDeleted`, with avatar, categories, voice and parent. */
export const kidDtoSchema = z.object({
  id: z.string(),
  parentId: z.string(),
  name: z.string().nullable(),
  ageRange: z.string().nullable(),
  avatarId: z.string().nullable(),
  currentReadingLevel: z.number().int(),
  dailyScreenTimeLimitMins: z.number().int().nullable(),
  preferredVoiceId: z.string().nullable(),
  excludedTags: z.array(z.string()),
  isBedtimeEnabled: z.boolean(),
  bedtimeStart: z.string().nullable(),
  bedtimeEnd: z.string().nullable(),
  bedtimeDays: z.array(z.number().int()),
  bedtimeLockApp: z.boolean(),
  bedtimeDimScreen: z.boolean(),
  bedtimeReminder: z.boolean(),
  bedtimeStoriesOnly: z.boolean(),
  storyBuddyId: z.string().nullable(),
  buddySelectedAt: isoDateNullable,
  pointsBalance: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
  deletedAt: isoDateNullable,
  avatar: avatarSchema.nullable(),
  preferredCategories: z.array(z.object({ id: z.string(), name: z.string() })),
  preferredVoice: z
    .object({ id: z.string(), name: z.string(), type: z.string(), elevenLabsVoiceId: z.string().nullable() })
    .nullable(),
  parent: z.object({ id: z.string(), name: z.string().nullable(), email: z.string() }),
});
