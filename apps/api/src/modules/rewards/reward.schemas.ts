import { z } from 'zod';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, isoDateNullable, str, url, uuid } from '../../lib/schemas';

/** Request and response schemas of api.md §8 (REWARD-01..10). Bodies are strict (api.md §0.2). */

export const rewardIdParams = z.object({ id: uuid });
export const kidIdParams = z.object({ kidId: uuid });

const name = str(1, 100);
/** An empty description is stored as none. */
const description = str(0, 1000).transform((value) => (value === '' ? null : value));
const points = z.number().int().min(1).max(100_000);

export const createRewardBody = z
  .object({
    kidId: uuid,
    name,
    description: description.optional(),
    points,
    imageUrl: url.optional(),
  })
  .strict();

export type CreateRewardBody = z.output<typeof createRewardBody>;

/** REWARD-05: any of the REWARD-01 fields but the kid; `null` clears the optional ones. */
export const updateRewardBody = z
  .object({
    name: name.optional(),
    description: description.nullable().optional(),
    points: points.optional(),
    imageUrl: url.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'at least one field is required',
  });

export type UpdateRewardBody = z.output<typeof updateRewardBody>;

export const rewardSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  points: z.number().int(),
  imageUrl: z.string().nullable(),
  kidId: z.string(),
  userId: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const deletedRewardSchema = z.object({ id: z.string() });

export const redeemBody = z.object({ rewardId: uuid, kidId: uuid }).strict();

export const redemptionStatusBody = z
  .object({ redemptionId: uuid, status: z.enum(['approved', 'rejected', 'completed']) })
  .strict();

export type RedemptionDecision = z.output<typeof redemptionStatusBody>['status'];

export const redemptionSchema = z.object({
  id: z.string(),
  rewardId: z.string(),
  kidId: z.string(),
  pointsCost: z.number().int(),
  status: z.enum(['pending', 'approved', 'rejected', 'completed']),
  redeemedAt: isoDate,
  decidedAt: isoDateNullable,
});

export const redemptionListQuery = cursorQuery();
export const redemptionPage = cursorPage(redemptionSchema);
