import { createDeepgramClient } from '../deepgram/client';
import { createElevenLabsClient } from '../elevenlabs/client';
import { createLocalVoice } from '../local-voice/local-voice';
import type { ProviderLogger, Sleep } from '../resilience';
import type {
  SpeechProvider,
  SpeechProviderName,
  SubscriptionProvider,
  TranscriptionProvider,
  VoiceCloneProvider,
  VoiceLookupProvider,
} from './types';

/**
 * The speech variables of platform.md §12, parsed or raw: an app's config passes its `env` as is.
 * Blank keys count as unset.
 */
export interface SpeechEnv {
  ELEVEN_LABS_KEY?: string | undefined;
  ELEVENLABS_BASE_URL?: string | undefined;
  ELEVENLABS_TTS_MODEL?: string | undefined;
  ELEVENLABS_STT_MODEL?: string | undefined;
  DEEPGRAM_API_KEY?: string | undefined;
  DEEPGRAM_BASE_URL?: string | undefined;
  /** Default true; `false`, `0`, `off`, `no` turn the SSML pacing off. */
  DEEPGRAM_SSML?: boolean | string | undefined;
  /** Default 145. */
  ESPEAK_VOICE_SPEED_WPM?: number | string | undefined;
}

export interface ChainOptions {
  fetch?: typeof fetch;
  sleep?: Sleep;
  logger?: ProviderLogger;
  /** Per-attempt timeout of the HTTP providers (default 30 s). */
  timeoutMs?: number;
}

export interface SpeechServices {
  /** Narration chain in order (rules.md §7.4): ElevenLabs if keyed, Deepgram if keyed, local always. */
  speech: SpeechProvider[];
  /** Transcription in order (providers.md §2.2): ElevenLabs, then Deepgram; empty → 503 at the caller. */
  transcription: TranscriptionProvider[];
  /** ElevenLabs only; undefined without a key (the voice is created without an ElevenLabs id, §8). */
  clone: VoiceCloneProvider | undefined;
  /** ElevenLabs only; undefined without a key (callers name the voice by its id, §2.5). */
  lookup: VoiceLookupProvider | undefined;
  /** ElevenLabs only; undefined without a key (the admin balance answers 503, §8). */
  subscription: SubscriptionProvider | undefined;
}

const key = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function flag(value: boolean | string | undefined, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value.trim() === '') return fallback;
  return !['false', '0', 'off', 'no'].includes(value.trim().toLowerCase());
}

function integer(value: number | string | undefined): number | undefined {
  const parsed = typeof value === 'string' ? Number(value.trim()) : value;
  return parsed !== undefined && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** Real clients where a key is configured, the offline defaults elsewhere (providers.md §8). */
export function createSpeechServices(env: SpeechEnv, options: ChainOptions = {}): SpeechServices {
  const shared = {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  const elevenLabsKey = key(env.ELEVEN_LABS_KEY);
  const deepgramKey = key(env.DEEPGRAM_API_KEY);
  const elevenLabs = elevenLabsKey
    ? createElevenLabsClient({
        apiKey: elevenLabsKey,
        ...shared,
        ...(key(env.ELEVENLABS_BASE_URL) ? { baseUrl: key(env.ELEVENLABS_BASE_URL) } : {}),
        ...(key(env.ELEVENLABS_TTS_MODEL) ? { ttsModel: key(env.ELEVENLABS_TTS_MODEL) } : {}),
        ...(key(env.ELEVENLABS_STT_MODEL) ? { sttModel: key(env.ELEVENLABS_STT_MODEL) } : {}),
      })
    : undefined;
  const deepgram = deepgramKey
    ? createDeepgramClient({
        apiKey: deepgramKey,
        ...shared,
        ssml: flag(env.DEEPGRAM_SSML, true),
        ...(key(env.DEEPGRAM_BASE_URL) ? { baseUrl: key(env.DEEPGRAM_BASE_URL) } : {}),
      })
    : undefined;
  const speedWpm = integer(env.ESPEAK_VOICE_SPEED_WPM);
  const local = createLocalVoice(speedWpm ? { speedWpm } : {});
  return {
    speech: [elevenLabs, deepgram, local].filter((provider) => provider !== undefined),
    transcription: [elevenLabs, deepgram].filter((provider) => provider !== undefined),
    clone: elevenLabs,
    lookup: elevenLabs,
    subscription: elevenLabs,
  };
}

/** The ordered narration providers: ElevenLabs if keyed, Deepgram if keyed, the local voice always. */
export function createSpeechChain(env: SpeechEnv, options: ChainOptions = {}): SpeechProvider[] {
  return createSpeechServices(env, options).speech;
}

/** The ordered transcription providers; empty when neither key is configured. */
export function createTranscriptionChain(
  env: SpeechEnv,
  options: ChainOptions = {},
): TranscriptionProvider[] {
  return createSpeechServices(env, options).transcription;
}

/** For the startup line listing each provider's implementation (providers.md §8). */
export function describeSpeechProviders(env: SpeechEnv): {
  tts: SpeechProviderName[];
  stt: Array<'elevenlabs' | 'deepgram'>;
  cloning: 'elevenlabs' | 'none';
} {
  const elevenLabs = key(env.ELEVEN_LABS_KEY) !== undefined;
  const deepgram = key(env.DEEPGRAM_API_KEY) !== undefined;
  return {
    tts: [
      ...(elevenLabs ? (['elevenlabs'] as const) : []),
      ...(deepgram ? (['deepgram'] as const) : []),
      'local',
    ],
    stt: [...(elevenLabs ? (['elevenlabs'] as const) : []), ...(deepgram ? (['deepgram'] as const) : [])],
    cloning: elevenLabs ? 'elevenlabs' : 'none',
  };
}
