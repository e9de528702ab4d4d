import { type Random, seededRandom } from './random';
import { inputSeed, writeOfflineStory } from './storyteller';
import type { StoryTextProvider } from './types';

export { type Band, bandFor } from './bands';
export { type Random, seededRandom } from './random';
export { inputSeed, writeOfflineStory } from './storyteller';
export type { GeneratedStory, StoryPromptInput, StoryQuestion, StoryTextProvider } from './types';

export interface OfflineStorytellerOptions {
  /**
   * Source of every choice. Without it each story is seeded by the SHA-256 of its normalised
   * inputs (providers.md §1.6), so a request always gets the same story; with a stateful
   * generator (`seededRandom(seed)`, `Math.random`) successive calls differ.
   */
  random?: Random;
}

/**
 * The story text provider used when no Gemini key is configured (providers.md §1.6, §8): offline,
 * instant, and it never fails.
 */
export function createOfflineStoryteller(options: OfflineStorytellerOptions = {}): StoryTextProvider {
  return {
    name: 'offline',
    async generateStory(input) {
      return writeOfflineStory(input, options.random ?? seededRandom(inputSeed(input)));
    },
  };
}
