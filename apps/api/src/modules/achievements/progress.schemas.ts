import { z } from 'zod';
import { isoDateNullable, uuid } from '../../lib/schemas';

/** Request and response schemas of api.md §9 (PROG-01..05). */

/** Every PROG route takes an optional kid: with it, that kid's data; without, the parent aggregate. */
export const progressQuery = z.object({ kidId: uuid.optional() });

export const streakSchema = z.object({
  currentStreak: z.number().int(),
  weeklyActivity: z.array(
    z.object({ day: z.enum(['S', 'M', 'T', 'W', 'F']), date: z.string(), isActive: z.boolean() }),
  ),
  lastActiveDate: z.string().nullable(),
});

export const badgePreviewSchema = z.object({
  badgeId: z.string(),
  title: z.string(),
  iconUrl: z.string(),
  locked: z.boolean(),
  count: z.number().int(),
});

export const badgeListSchema = z.object({
  badges: z.array(
    z.object({
      badgeId: z.string(),
      title: z.string(),
      description: z.string().nullable(),
      iconUrl: z.string(),
      locked: z.boolean(),
      count: z.number().int(),
      requiredAmount: z.number().int(),
      unlockCondition: z.string(),
      unlockedAt: isoDateNullable,
    }),
  ),
});

export const homeSchema = z.object({
  streak: streakSchema,
  badgesPreview: z.array(badgePreviewSchema),
  progressStats: z.object({
    storiesCompleted: z.number().int(),
    challengesCompleted: z.number().int(),
    totalReadingTimeMins: z.number().int(),
  }),
});

export const overviewSchema = z.object({
  streak: streakSchema,
  badgesPreview: z.array(badgePreviewSchema),
  storiesCompleted: z.number().int(),
  challengesCompleted: z.number().int(),
});
