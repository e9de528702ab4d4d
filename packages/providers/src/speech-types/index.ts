/**
 * The speech contracts (providers.md §2–§4) and the factories choosing, from the configured keys, which
 * implementations serve text to speech, speech to text, cloning, voice lookup and the balance.
 *
 *   const { speech } = createSpeechServices(env);   // [ElevenLabs?, Deepgram?, local]
 *   for (const provider of speech) { try { return await provider.synthesize(text, voice); } catch {} }
 */
export {
  type ChainOptions,
  createSpeechChain,
  createSpeechServices,
  createTranscriptionChain,
  describeSpeechProviders,
  type SpeechEnv,
  type SpeechServices,
} from './chain';
export { concatMp3, mp3DurationMs } from './mp3';
export { PARAGRAPH_TEXT_LIMIT, type StoryParagraph, splitStoryParagraphs } from './paragraphs';
export { joinPieces, packPieces, splitPieces, type TextPiece } from './text';
export { narrationTextHash, normalizeNarrationText } from './text-hash';
export * from './types';
