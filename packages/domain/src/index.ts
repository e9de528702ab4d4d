export {
  countWords,
  durationSecondsFor,
  normaliseStoryText,
  storyTextHash,
  storyTextMetrics,
  WORDS_PER_MINUTE,
} from './story-text';
