import { z } from 'zod';
import { isoDate } from '../schemas';

const named = z.object({ id: z.string(), name: z.string() });

/**
 * `StoryListItem` (api.md §0.3): never `textContent`, questions or branches (D15). Built from
 * `storyListSelection` in packages/db/src/repositories/story-list.ts (one query per page).
 */
export const storyListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  language: z.string(),
  coverImageUrl: z.string(),
  audioUrl: z.string(),
  isInteractive: z.boolean(),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  backgroundColor: z.string(),
  recommended: z.boolean(),
  aiGenerated: z.boolean(),
  difficultyLevel: z.number().int(),
  wordCount: z.number().int(),
  durationSeconds: z.number().int().nullable(),
  creatorKidId: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  categories: z.array(named),
  themes: z.array(named),
  seasons: z.array(named),
});

/** `StoryDetail`: the list item plus the text, images, branches and questions. */
export const storyDetailSchema = storyListItemSchema.extend({
  textContent: z.string().nullable(),
  images: z.array(z.object({ id: z.string(), url: z.string(), caption: z.string().nullable() })),
  branches: z.array(
    z.object({
      id: z.string(),
      prompt: z.string(),
      optionA: z.string(),
      optionB: z.string(),
      nextA: z.string().nullable(),
      nextB: z.string().nullable(),
    }),
  ),
  questions: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      options: z.array(z.string()),
      correctOption: z.number().int(),
    }),
  ),
});

/** `LibraryItem`: the list item plus the reader's progress. */
export const libraryItemSchema = storyListItemSchema.extend({
  progress: z.number(),
  totalTimeSpent: z.number().int(),
  lastAccessed: isoDate,
});
