/**
 * ElevenLabs (providers.md §2): text to speech with sentence chunking, speech to text, voice cloning,
 * voice lookup and the subscription balance, under the shared resilience rules of §0.
 */
export { createElevenLabsClient, type ElevenLabsClient, type ElevenLabsOptions } from './client';
export {
  CLONE_DESCRIPTION,
  ELEVENLABS_CHUNK_LIMIT,
  ELEVENLABS_DEFAULT_BASE_URL,
  ELEVENLABS_DEFAULT_STT_MODEL,
  ELEVENLABS_DEFAULT_TTS_MODEL,
  ELEVENLABS_OUTPUT_FORMAT,
  ElevenLabsQuotaExceededError,
  elevenLabsChunks,
  voiceSettingsBody,
} from './wire';
