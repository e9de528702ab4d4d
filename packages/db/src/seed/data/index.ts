export { ageGroups } from './age-groups';
export { avatars, SYSTEM_AVATAR_COUNT } from './avatars';
export { badges } from './badges';
export { categories } from './categories';
export { learningExpectations } from './learning-expectations';
export { seasons } from './seasons';
export { stories } from './stories';
export { storyBuddies } from './story-buddies';
export { themes } from './themes';
export type * from './types';
export {
  CUSTOM_VOICE_SETTINGS,
  DEEPGRAM_FALLBACK_MODEL,
  DEFAULT_VOICE_KEY,
  ELEVENLABS_DEFAULT_TTS_MODEL,
  ELEVENLABS_OUTPUT_FORMAT,
  SYSTEM_VOICE_DEEPGRAM_MODELS,
  SYSTEM_VOICE_LOCAL_VOICES,
  SYSTEM_VOICE_SETTINGS,
  toElevenLabsVoiceSettings,
  voices,
} from './voices';
