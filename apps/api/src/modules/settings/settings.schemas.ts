import { z } from 'zod';
import { country, isoDate, str, uuid } from '../../lib/schemas';

/** Request and response schemas of SET-01..06 (api.md §11). */

export const userIdParams = z.object({ userId: uuid });
export const kidIdParams = z.object({ kidId: uuid });
export const parentIdParams = z.object({ parentId: uuid });

const limitMins = z.number().int().min(0).max(1440);

export const settingsSchema = z.object({
  userId: z.string(),
  explicitContent: z.boolean(),
  maxScreenTimeMins: z.number().int().nullable(),
  language: z.string().nullable(),
  languageCode: z.string().nullable(),
  country: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const updateSettingsBody = z
  .object({
    explicitContent: z.boolean().optional(),
    maxScreenTimeMins: limitMins.nullable().optional(),
    language: str(1, 50)
      .transform((value) => value.toLowerCase())
      .optional(),
    country: country.optional(),
  })
  .strict();

export const setKidLimitBody = z.object({ limitMins: limitMins.nullable() }).strict();

export const setKidLimitResponse = z.object({
  success: z.literal(true),
  kidId: z.string(),
  limitMins: z.number().int().nullable(),
});

export const limitSource = z.enum(['kid', 'parent', 'none']);

export const kidLimitResponse = z.object({
  kidId: z.string(),
  limitMins: z.number().int().nullable(),
  source: limitSource,
});

export const kidsLimitsResponse = z.array(
  z.object({
    kidId: z.string(),
    kidName: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    customLimit: z.number().int().nullable(),
    effectiveLimit: z.number().int().nullable(),
    isCustom: z.boolean(),
  }),
);

export const applyDefaultResponse = z.object({
  success: z.literal(true),
  appliedLimit: z.number().int(),
  kidsUpdated: z.number().int(),
});
