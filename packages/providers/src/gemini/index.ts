import { createOfflineStoryteller } from '@storytime/storyteller-offline';
import type { ProviderLogger } from '../resilience';
import type { StoryTextProvider } from '../story-types';
import { createGeminiClient } from './client';

export type {
  GeneratedStory,
  GenerateStoryOptions,
  StoryPromptInput,
  StoryQuestion,
  StoryTextProvider,
} from '../story-types';
export {
  createGeminiClient,
  GEMINI_DEFAULT_BASE_URL,
  GEMINI_DEFAULT_MODEL,
  GEMINI_POLICY,
  type GeminiClientOptions,
} from './client';
export {
  type CoverImageInput,
  coverImageUrl,
  DEFAULT_COVER_IMAGE_URL_TEMPLATE,
  defaultCoverUrl,
} from './cover';
export {
  candidateText,
  clampDifficulty,
  type InvalidOutputReason,
  InvalidStoryOutputError,
  storyFromResponse,
  storyFromText,
  stripCodeFence,
} from './parse';
export { buildStoryPrompt, promptAgeRange } from './prompt';

export interface StoryTextEnv {
  GEMINI_API_KEY?: string | undefined;
  GEMINI_MODEL?: string | undefined;
  GEMINI_BASE_URL?: string | undefined;
}

/**
 * The story text provider of providers.md §8: the Gemini client when a key is configured, else the
 * offline storyteller, which never fails. `provider.name` says which, for the startup log line.
 */
export function createStoryTextProvider(
  env: StoryTextEnv,
  options: { fetch?: typeof fetch; logger?: ProviderLogger } = {},
): StoryTextProvider {
  const apiKey = env.GEMINI_API_KEY?.trim();
  if (!apiKey) return createOfflineStoryteller();
  return createGeminiClient({
    apiKey,
    ...(env.GEMINI_MODEL ? { model: env.GEMINI_MODEL } : {}),
    ...(env.GEMINI_BASE_URL ? { baseUrl: env.GEMINI_BASE_URL } : {}),
    ...options,
  });
}
