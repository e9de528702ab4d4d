import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { queryInt } from './feed.schemas';

const rowLimit = queryInt(1, 20).default(5);

/** STORY-02: each row's limit 1–20, default 5, honoured (fix 38). */
export const homepageQuery = z.object({
  limitRecommended: rowLimit,
  limitSeasonal: rowLimit,
  limitTopLiked: rowLimit,
});

export const homepageResponse = z.object({
  recommended: z.array(storyListItemSchema),
  seasonal: z.array(storyListItemSchema),
  topLiked: z.array(storyListItemSchema),
});
