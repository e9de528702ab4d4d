import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, uuid } from '../../lib/schemas';

/** Kid favorites, STORY-12..14 (api.md §4.3). */

export const kidIdParams = z.object({ kidId: uuid });
export const kidStoryParams = z.object({ kidId: uuid, storyId: uuid });

export const addKidFavoriteBody = z.object({ kidId: uuid, storyId: uuid }).strict();

export const kidFavoriteSchema = z.object({
  id: z.string(),
  kidId: z.string(),
  storyId: z.string(),
  createdAt: isoDate,
});

export const favoriteListQuery = cursorQuery();

export const kidFavoritePage = cursorPage(
  z.object({ id: z.string(), createdAt: isoDate, story: storyListItemSchema }),
);

export const removedResponse = z.object({ removed: z.boolean() });
