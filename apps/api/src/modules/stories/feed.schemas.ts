import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage, offsetPage } from '../../lib/pagination';
import { queryBool, uuid } from '../../lib/schemas';

/** Request and response schemas of STORY-01 (api.md §4.1). */

/**
 * An integer query parameter written as digits only: plain coercion would read `?age=` as 0 and
 * `?limit=1e2` as 100.
 */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const age = queryInt(0, 18).optional();

/** STORY-01: filters, then cursor paging, or offset paging when `page` is present. */
export const feedQuery = z.object({
  theme: uuid.optional(),
  category: uuid.optional(),
  season: uuid.optional(),
  recommended: queryBool.optional(),
  isMostLiked: queryBool.optional(),
  isSeasonal: queryBool.optional(),
  topPicksFromUs: queryBool.optional(),
  kidId: uuid.optional(),
  age,
  minAge: age,
  maxAge: age,
  cursor: z.string().max(512).optional(),
  page: queryInt(1, 1_000_000).optional(),
  limit: queryInt(1, 100).default(12),
});

export type FeedQuery = z.infer<typeof feedQuery>;

export const feedResponse = z.union([cursorPage(storyListItemSchema), offsetPage(storyListItemSchema)]);
