import { z } from 'zod';
import { libraryItemSchema, storyListItemSchema } from '../../lib/dto/story-dto';
import { cursorPage, cursorQuery } from '../../lib/pagination';
import { uuid } from '../../lib/schemas';

/** Schemas of STORY-22..24 and STORY-40..46 (api.md §4.6). */

export const libraryQuery = cursorQuery();
export type LibraryQuery = z.infer<typeof libraryQuery>;

export const kidIdParams = z.object({ kidId: uuid });
export const kidStoryParams = z.object({ kidId: uuid, storyId: uuid });

export const libraryPage = cursorPage(libraryItemSchema);
export const createdPage = cursorPage(storyListItemSchema);
