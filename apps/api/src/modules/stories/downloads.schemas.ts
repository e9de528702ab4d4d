import { z } from 'zod';
import { storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage } from '../../lib/pagination';
import { isoDate } from '../../lib/schemas';

/** Schemas of STORY-43..45 (api.md §4.6). */

export const downloadSchema = z.object({
  id: z.string(),
  kidId: z.string(),
  storyId: z.string(),
  downloadedAt: isoDate,
});

export const downloadsPage = cursorPage(storyListItemSchema.extend({ downloadedAt: isoDate }));

export const removedSchema = z.object({ removed: z.boolean() });
