import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { queryInt } from './feed.schemas';

/** STORY-55: `limit` 1–50, default 10. */
export const topPicksParentsQuery = z.object({ limit: queryInt(1, 50).default(10) });

export const topPicksParentsResponse = z.array(
  storyListItemSchema.extend({ recommendationCount: z.number().int() }),
);

/** STORY-56: `limit` 1–20, default 10. */
export const topPicksFromUsQuery = z.object({ limit: queryInt(1, 20).default(10) });

export const storyListResponse = z.array(storyListItemSchema);
