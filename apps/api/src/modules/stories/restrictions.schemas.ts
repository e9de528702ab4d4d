import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { isoDate, str, uuid } from '../../lib/schemas';

/** Restrictions, STORY-15..17 (api.md §4.4). */

export const restrictBody = z.object({ kidId: uuid, storyId: uuid, reason: str(0, 500).optional() }).strict();

export const restrictionSchema = z.object({
  id: z.string(),
  kidId: z.string(),
  storyId: z.string(),
  userId: z.string(),
  reason: z.string().nullable(),
  createdAt: isoDate,
});

export const restrictionListQuery = cursorQuery();

export const restrictedStoryPage = cursorPage(
  storyListItemSchema.extend({ restrictionReason: z.string().nullable(), restrictedAt: isoDate }),
);

export const unrestrictedResponse = z.object({ removed: z.literal(true) });
