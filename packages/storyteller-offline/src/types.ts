/**
 * The story text contract, repeated from `@storytime/providers/story-types` on purpose: this
 * package depends on nothing (so providers can depend on it without a cycle), and TypeScript's
 * structural typing keeps the two interchangeable. providers' tests assign one to the other, so a
 * drift fails the typecheck. Change both together.
 */

export interface StoryPromptInput {
  themes: string[];
  categories: string[];
  seasons?: string[];
  ageMin: number;
  ageMax: number;
  language?: string;
  kidName?: string | null;
  excludedTags?: string[];
  additionalContext?: string | null;
}

export interface StoryQuestion {
  question: string;
  options: string[];
  correctOption: number;
}

export interface GeneratedStory {
  title: string;
  description: string;
  content: string;
  questions: StoryQuestion[];
  difficultyLevel: number;
  suggestedCategories?: string[];
  suggestedThemes?: string[];
}

export interface StoryTextProvider {
  readonly name: string;
  generateStory(input: StoryPromptInput, options?: { signal?: AbortSignal }): Promise<GeneratedStory>;
}
