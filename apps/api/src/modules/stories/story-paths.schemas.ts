import { z } from 'zod';
import { cursorPage } from '../../lib/pagination';
import { isoDate, isoDateNullable, uuid } from '../../lib/schemas';

/** Schemas of STORY-35..38 (api.md §4.9). */

export const startPathBody = z.object({ kidId: uuid, storyId: uuid }).strict();

export const updatePathBody = z
  .object({
    pathId: uuid,
    /** Client-defined encoding of the choices taken; stored as sent. */
    path: z.string().max(10_000),
    completedAt: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional(),
  })
  .strict();
export type UpdatePathBody = z.infer<typeof updatePathBody>;

export const pathIdParams = z.object({ id: uuid });

export const storyPathSchema = z.object({
  id: z.string(),
  kidId: z.string(),
  storyId: z.string(),
  path: z.string(),
  startedAt: isoDate,
  completedAt: isoDateNullable,
});

export const storyPathPage = cursorPage(storyPathSchema);
