import { z } from 'zod';
import { isoDate, str, url, uuid } from '../../lib/schemas';

/** Request and response schemas of STORY-06..11 and STORY-25 (api.md §4.2, §4.7). Bodies are strict. */

export const storyIdParams = z.object({ id: uuid });

const idList = z.array(uuid).max(20);

export const imageBody = z
  .object({
    url,
    caption: z.string().trim().max(500).optional(),
  })
  .strict();

export const branchBody = z
  .object({
    prompt: str(1, 1000),
    optionA: str(1, 500),
    optionB: str(1, 500),
    nextA: z.string().trim().max(500).optional(),
    nextB: z.string().trim().max(500).optional(),
  })
  .strict();

const storyFields = {
  title: str(1, 200),
  description: str(1, 2000),
  language: str(1, 50),
  themeIds: idList,
  categoryIds: idList,
  seasonIds: idList,
  coverImageUrl: url,
  audioUrl: url,
  textContent: z.string().trim().max(50_000),
  isInteractive: z.boolean(),
  ageMin: z.number().int().min(0).max(18),
  ageMax: z.number().int().min(0).max(18),
  difficultyLevel: z.number().int().min(1).max(10),
  backgroundColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour #RRGGBB'),
  images: z.array(imageBody).max(20),
  branches: z.array(branchBody).max(50),
};

/** STORY-06. The age range is checked against the defaults (0–9) by the service. */
export const createStoryBody = z
  .object({
    ...storyFields,
    seasonIds: storyFields.seasonIds.optional(),
    coverImageUrl: storyFields.coverImageUrl.optional(),
    audioUrl: storyFields.audioUrl.optional(),
    textContent: storyFields.textContent.optional(),
    isInteractive: storyFields.isInteractive.optional(),
    ageMin: storyFields.ageMin.optional(),
    ageMax: storyFields.ageMax.optional(),
    difficultyLevel: storyFields.difficultyLevel.optional(),
    backgroundColor: storyFields.backgroundColor.optional(),
    images: storyFields.images.optional(),
    branches: storyFields.branches.optional(),
  })
  .strict();

/** STORY-07: every STORY-06 field optional; the age range is checked against the stored values too. */
export const updateStoryBody = createStoryBody.partial().strict();

export type CreateStoryBody = z.output<typeof createStoryBody>;
export type UpdateStoryBody = z.output<typeof updateStoryBody>;
export type ImageBody = z.output<typeof imageBody>;
export type BranchBody = z.output<typeof branchBody>;

export const storyImageSchema = z.object({
  id: z.string(),
  url: z.string(),
  caption: z.string().nullable(),
  storyId: z.string(),
});

export const storyBranchSchema = z.object({
  id: z.string(),
  storyId: z.string(),
  prompt: z.string(),
  optionA: z.string(),
  optionB: z.string(),
  nextA: z.string().nullable(),
  nextB: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const storyDeletionSchema = z.object({ id: z.string(), permanent: z.boolean() });

/** STORY-25: premium callers get no numbers. */
export const quotaSchema = z.union([
  z.object({ isPremium: z.literal(true), unlimited: z.literal(true) }),
  z.object({
    isPremium: z.literal(false),
    unlimited: z.literal(false),
    used: z.number().int(),
    baseLimit: z.number().int(),
    bonusStories: z.number().int(),
    totalAllowed: z.number().int(),
    remaining: z.number().int(),
  }),
]);
