import { z } from 'zod';

/** Response schemas of STORY-03..05 (api.md §4.1): bounded lists, returned whole. */

export const categoriesResponse = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    image: z.string().nullable(),
    description: z.string().nullable(),
    storyCount: z.number().int(),
  }),
);

export const themesResponse = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    image: z.string().nullable(),
    description: z.string().nullable(),
  }),
);

export const seasonsResponse = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    iconUrl: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    isActive: z.boolean(),
    isCurrentlyActive: z.boolean(),
  }),
);
