import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, str, uuid } from '../../lib/schemas';

/** Parent recommendations, STORY-51..54 (api.md §4.13). */

export const recommendBody = z
  .object({ kidId: uuid, storyId: uuid, message: str(0, 500).optional() })
  .strict();

export const recommendationIdParams = z.object({ recommendationId: uuid });

export const recommendationSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kidId: z.string(),
  storyId: z.string(),
  message: z.string().nullable(),
  recommendedAt: isoDate,
  story: storyListItemSchema,
  user: z.object({ id: z.string(), name: z.string().nullable(), email: z.string() }),
  kid: z.object({ id: z.string(), name: z.string().nullable() }),
});

export const recommendationListQuery = cursorQuery();

export const recommendationPage = cursorPage(recommendationSchema);

export const recommendationDeletion = z.object({ id: z.string(), permanent: z.boolean() });

export const recommendationStats = z.object({ totalCount: z.number().int() });
