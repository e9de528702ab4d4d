import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, isoDateNullable, str, uuid } from '../../lib/schemas';

/** Schemas of STORY-26..34 (api.md §4.8). */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day `YYYY-MM-DD` (api.md §0.2 `date`): `2026-02-30` is refused. */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const calendarDay = z.string().refine(isCalendarDay, { message: 'must be a date (YYYY-MM-DD)' });

/**
 * STORY-26 `challengeDate`: a date, or an ISO datetime the service truncates to its day in
 * `APP_TIMEZONE` (it needs the configured zone, so the schema only tags which one it is).
 */
const challengeDateInput = z.union([
  calendarDay.transform((day) => ({ day })),
  z.iso.datetime({ offset: true, local: true }).transform((datetime) => ({ datetime })),
]);
export type ChallengeDateInput = z.infer<typeof challengeDateInput>;

export const createChallengeBody = z
  .object({
    storyId: uuid,
    challengeDate: challengeDateInput,
    wordOfTheDay: str(1, 100),
    meaning: str(1, 1000),
  })
  .strict();
export type CreateChallengeBody = z.infer<typeof createChallengeBody>;

export const challengesByDateQuery = z.object({ date: calendarDay });

export const assignBody = z.object({ kidId: uuid, challengeId: uuid }).strict();
export const completeBody = z.object({ assignmentId: uuid }).strict();
/** The body is optional: an empty POST runs for today. */
export const assignAllBody = z.object({ date: calendarDay.optional() }).strict().nullish();

export const kidIdParams = z.object({ kidId: uuid });
export const assignmentIdParams = z.object({ id: uuid });
export const todayQuery = z.object({ kidId: uuid });
export const weekQuery = z.object({ weekStart: calendarDay });
export const assignmentListQuery = cursorQuery();
export type AssignmentListQuery = z.infer<typeof assignmentListQuery>;

export const challengeSchema = z.object({
  id: z.string(),
  storyId: z.string(),
  challengeDate: z.string(),
  wordOfTheDay: z.string(),
  meaning: z.string(),
  createdAt: isoDate,
});

export const challengeWithStorySchema = challengeSchema.extend({ story: storyListItemSchema });

export const assignmentSchema = z.object({
  id: z.string(),
  kidId: z.string(),
  challengeId: z.string(),
  challengeDate: z.string(),
  completed: z.boolean(),
  completedAt: isoDateNullable,
  assignedAt: isoDate,
});

export const assignmentWithChallengeSchema = assignmentSchema.extend({ challenge: challengeWithStorySchema });

export const assignmentPage = cursorPage(assignmentSchema);

export const jobAccepted = z.object({ jobId: z.string() });
