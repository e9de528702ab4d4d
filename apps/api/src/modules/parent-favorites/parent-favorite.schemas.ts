import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, uuid } from '../../lib/schemas';

/** PFAV-01..03 (api.md §15). */

export const addParentFavoriteBody = z.object({ storyId: uuid }).strict();

export const storyIdParams = z.object({ storyId: uuid });

export const parentFavoriteSchema = z.object({
  id: z.string(),
  storyId: z.string(),
  createdAt: isoDate,
  story: storyListItemSchema,
});

export const parentFavoriteListQuery = cursorQuery();

export const parentFavoritePage = cursorPage(parentFavoriteSchema);

export const removedResponse = z.object({ removed: z.literal(true) });
