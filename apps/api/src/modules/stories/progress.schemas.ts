import { z } from 'zod';
import { isoDate, isoDateNullable, uuid } from '../../lib/schemas';

/** Request and response schemas of STORY-18..21 (api.md §4.5). */

const progressFields = {
  storyId: uuid,
  progress: z.number().min(0).max(100),
  completed: z.boolean().default(false),
  /** Seconds read in this session (new, fix 12): added to `totalTimeSpent`. */
  sessionTime: z.number().int().min(0).max(86_400).default(0),
};

export const kidProgressBody = z.object({ kidId: uuid, ...progressFields }).strict();
export type KidProgressBody = z.infer<typeof kidProgressBody>;

export const userProgressBody = z.object(progressFields).strict();
export type UserProgressBody = z.infer<typeof userProgressBody>;

export const storyIdParams = z.object({ storyId: uuid });

const progressState = {
  id: z.string(),
  storyId: z.string(),
  progress: z.number(),
  completed: z.boolean(),
  lastAccessed: isoDate,
  totalTimeSpent: z.number().int(),
};

/** STORY-18 answer. */
export const kidProgressSaved = z.object({ kidId: z.string(), ...progressState });
/** STORY-19: the whole row, or null. */
export const kidProgressRow = z.object({ kidId: z.string(), ...progressState, completedAt: isoDateNullable });
/** STORY-20 answer. */
export const userProgressSaved = z.object(progressState);
/** STORY-21: the whole row, or null. */
export const userProgressRow = z.object({
  userId: z.string(),
  ...progressState,
  completedAt: isoDateNullable,
});
