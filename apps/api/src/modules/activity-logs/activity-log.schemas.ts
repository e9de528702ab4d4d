import { z } from 'zod';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, str, uuid } from '../../lib/schemas';

/** Request and response schemas of LOG-01..05 (api.md §19). */

/** Actions written only by the server: they drive streaks and analytics (api.md LOG-01, decision). */
export const RESERVED_ACTIONS: ReadonlySet<string> = new Set(
  [
    'story_read',
    'challenge_completed',
    'quiz_answered',
    'AI_GENERATION',
    'ACCESS_KID_ACCOUNT',
    'SESSION_TERMINATION',
  ].map((action) => action.toLowerCase()),
);

const optionalText = (max: number) => z.string().trim().max(max).optional();

/**
 * The body is strict, so a `userId` (or any other unknown field) is a 400: the log's user is
 * always the caller (fix 29). Reserved actions are refused whatever their letter case.
 */
export const createLogBody = z
  .object({
    kidId: uuid.optional(),
    action: str(1, 100).refine((action) => !RESERVED_ACTIONS.has(action.toLowerCase()), {
      message: 'this action is reserved for the server',
    }),
    status: z.enum(['SUCCESS', 'FAILED']),
    deviceName: optionalText(100),
    deviceModel: optionalText(100),
    os: optionalText(100),
    details: optionalText(5000),
  })
  .strict();

export type CreateLogInput = z.infer<typeof createLogBody>;

export const activityLogSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  kidId: z.string().nullable(),
  action: z.string(),
  status: z.string(),
  deviceName: z.string().nullable(),
  deviceModel: z.string().nullable(),
  os: z.string().nullable(),
  ipAddress: z.string().nullable(),
  details: z.string().nullable(),
  createdAt: isoDate,
});

export const activityLogPage = cursorPage(activityLogSchema);
export const logListQuery = cursorQuery();

export const userIdParams = z.object({ userId: uuid });
export const kidIdParams = z.object({ kidId: uuid });
export const logIdParams = z.object({ id: uuid });

export const analyticsStatsSchema = z.object({
  userCount: z.number().int(),
  storyCount: z.number().int(),
  kidCount: z.number().int(),
  rewardCount: z.number().int(),
});
