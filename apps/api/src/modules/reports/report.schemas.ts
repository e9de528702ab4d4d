import { z } from 'zod';
import { isoDateNullable, uuid } from '../../lib/schemas';
import { isMonday } from './week';

/** Request and response schemas of REPORT-01..06 (api.md §10). Bodies are strict (fix 4). */

export const parentIdParams = z.object({ parentId: uuid });
export const kidIdParams = z.object({ kidId: uuid });

const day = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

export const weeklyQuery = z.object({
  weekStart: day.refine(isMonday, 'must be a Monday').optional(),
});

const count = z.number().int();

export const weeklyKidSchema = z.object({
  kidId: z.string(),
  kidName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  rank: count,
  storiesCompleted: count,
  screenTimeMins: count,
  starsEarned: count,
  badgesEarned: count,
  rewardsRedeemed: count,
});

export const weeklyReportSchema = z.object({
  weekStartDate: z.string(),
  weekEndDate: z.string(),
  kids: z.array(weeklyKidSchema),
  totalStoriesCompleted: count,
  totalScreenTimeMins: count,
});

export const kidReportSchema = z.object({
  kidId: z.string(),
  kidName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  screenTimeMins: count,
  screenTimeLimitMins: count.nullable(),
  screenTimeRemainingMins: count.nullable(),
  storiesCompleted: count,
  storiesInProgress: count,
  rightAnswers: count,
  totalAnswers: count,
  accuracyPercentage: count,
  starsEarned: count,
  badgesEarned: count,
  rewardsRedeemed: count,
  favoritesCount: count,
  lastActiveAt: isoDateNullable,
});

export const screenTimeStartBody = z.object({ kidId: uuid }).strict();
export const screenTimeStartResponse = z.object({ sessionId: z.string() });

export const screenTimeEndBody = z.object({ sessionId: uuid }).strict();
export const screenTimeEndResponse = z.object({
  sessionId: z.string(),
  /** Seconds. */
  duration: count,
});

export const dailyLimitResponse = z.object({
  kidId: z.string(),
  dailyLimitMins: count.nullable(),
  todayScreenTimeMins: count,
  remainingMins: count.nullable(),
  limitReached: z.boolean(),
});

export const answerBody = z
  .object({
    kidId: uuid,
    questionId: uuid,
    storyId: uuid,
    selectedOption: z.number().int().min(0),
  })
  .strict();
export type AnswerBody = z.infer<typeof answerBody>;

export const answerResponse = z.object({ answerId: z.string(), isCorrect: z.boolean() });
