/**
 * The offline voice (providers.md §4, §8): espeak-ng in WebAssembly, the default without provider keys
 * and the last link of the narration chain.
 */
export {
  createLocalVoice,
  ESPEAK_DEFAULT_SPEED_WPM,
  LOCAL_VOICE_CHUNK_LIMIT,
  LOCAL_VOICE_FORMAT,
  type LocalVoice,
  type LocalVoiceOptions,
} from './local-voice';
export { encodeWav, type ParsedWav, type PcmFormat, parseWav, wavDurationMs } from './wav';
