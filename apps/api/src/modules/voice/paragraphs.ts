/** The story paragraph split shared with worker-voice (one definition in the providers package). */
export {
  PARAGRAPH_TEXT_LIMIT,
  type StoryParagraph,
  splitStoryParagraphs,
} from '@storytime/providers/speech-types';
