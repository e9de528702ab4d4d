/**
 * Deepgram (providers.md §3): Aura text to speech (MP3, sentence chunks each fully formatted as paced
 * SSML) and Nova speech to text, under the shared resilience rules of §0.
 */
export {
  createDeepgramClient,
  DEEPGRAM_DEFAULT_BASE_URL,
  DEEPGRAM_STT_MODEL,
  type DeepgramClient,
  type DeepgramOptions,
} from './client';
export {
  DEEPGRAM_CHUNK_LIMIT,
  type DeepgramChunkOptions,
  deepgramChunks,
  formatSsml,
  type SsmlOptions,
} from './ssml';
