/**
 * Contracts shared by the speech providers (providers.md §2–§4) and the narration pipeline. Providers do
 * not know the voices table: the caller (worker-voice, the API) resolves a voice and passes its
 * parameters in.
 */

export type SpeechProviderName = 'elevenlabs' | 'deepgram' | 'local';

/** ElevenLabs voice settings, camelCased; sent as `voice_settings` (providers.md §2.1). */
export interface VoiceSettings {
  stability: number;
  similarityBoost: number;
  style: number;
  useSpeakerBoost: boolean;
}

/** The provider-facing parameters of one voice (providers.md §4, the columns of a `voices` row). */
export interface VoiceParams {
  /** Without it ElevenLabs cannot speak this voice and refuses with `PROVIDER_ERROR`. */
  elevenLabsVoiceId?: string | null;
  /** ElevenLabs settings; absent → the custom-voice settings of providers.md §2.1. */
  settings?: VoiceSettings | null;
  /** Deepgram Aura model; absent → `aura-asteria-en` (providers.md §3.1). */
  deepgramModel?: string | null;
  /** espeak-ng voice, e.g. `en-us+m3`; absent → `en-us`. */
  localVoice?: string | null;
}

export interface CallOptions {
  /** Aborts the synthesis (e.g. job cancelled or shutdown); outbound requests are cancelled too. */
  signal?: AbortSignal;
}

export interface SynthesisResult {
  audio: Buffer;
  mimeType: 'audio/mpeg' | 'audio/wav';
  /** Computed from the MP3 frames or the WAV data size; absent when the audio could not be parsed. */
  durationMs?: number;
}

export interface SpeechProvider {
  readonly name: SpeechProviderName;
  synthesize(text: string, voice: VoiceParams, options?: CallOptions): Promise<SynthesisResult>;
  /**
   * The provider's circuit breaker (HTTP providers only): the chain skips an `open` provider without
   * waiting for its immediate refusal (rules.md §7.4: ElevenLabs-eligible requires a breaker not open).
   */
  breakerState?(): 'closed' | 'half-open' | 'open';
}

export interface TranscriptionProvider {
  readonly name: 'elevenlabs' | 'deepgram';
  transcribe(audio: Buffer, mimeType: string, options?: CallOptions): Promise<{ text: string }>;
}

export interface VoiceCloneProvider {
  /** Not idempotent: one attempt, never retried (providers.md §0 table). */
  clone(name: string, sample: Buffer, mimeType: string, options?: CallOptions): Promise<{ voiceId: string }>;
}

export interface VoiceInfo {
  voiceId: string;
  name: string;
  previewUrl: string | null;
}

export interface VoiceLookupProvider {
  /** `undefined` when the provider does not know the id (404). */
  lookup(voiceId: string, options?: CallOptions): Promise<VoiceInfo | undefined>;
}

/** ElevenLabs `GET /v1/user/subscription`, mapped (providers.md §2.6). */
export interface SubscriptionInfo {
  tier: string;
  characterCount: number;
  characterLimit: number;
  nextResetUnix: number | null;
  voiceLimit: number | null;
}

export interface SubscriptionProvider {
  subscription(options?: CallOptions): Promise<SubscriptionInfo>;
}

/** Settings for custom (cloned / imported) voices (providers.md §2.1). */
export const CUSTOM_VOICE_SETTINGS: Readonly<VoiceSettings> = Object.freeze({
  stability: 0.35,
  similarityBoost: 0.8,
  style: 0.55,
  useSpeakerBoost: true,
});

/** Deepgram model for unknown and custom voices (providers.md §3.1). */
export const DEEPGRAM_FALLBACK_MODEL = 'aura-asteria-en';

/** espeak-ng voice when the caller gives none. */
export const DEFAULT_LOCAL_VOICE = 'en-us';
