/** The story providers this worker uses (Gemini or the offline storyteller). */
export {
  coverImageUrl,
  createStoryTextProvider,
  type GeneratedStory,
  type StoryPromptInput,
  type StoryTextProvider,
} from '@storytime/providers/gemini';
export { ageRangeOfKid } from '@storytime/providers/story-types';
