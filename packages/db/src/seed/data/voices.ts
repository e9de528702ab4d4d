import type {
  DeepgramVoiceModel,
  ElevenLabsVoiceSettingsBody,
  SeedVoice,
  VoiceCatalogueKey,
  VoiceSettings,
} from './types';

/** Default voice for guests, new kids and the default narration (providers.md §4, rules.md §3). */
export const DEFAULT_VOICE_KEY: VoiceCatalogueKey = 'CHARLIE';

/** ElevenLabs TTS defaults (providers.md §2, §4). */
export const ELEVENLABS_DEFAULT_TTS_MODEL = 'eleven_multilingual_v2';
export const ELEVENLABS_OUTPUT_FORMAT = 'mp3_44100_128';

/** Deepgram model used for unknown and custom voices (providers.md §3.1). */
export const DEEPGRAM_FALLBACK_MODEL: DeepgramVoiceModel = 'aura-asteria-en';

/** Voice settings of each system voice (providers.md §4). */
export const SYSTEM_VOICE_SETTINGS: Readonly<Record<VoiceCatalogueKey, VoiceSettings>> = {
  CHARLIE: { stability: 0.3, similarityBoost: 0.85, style: 0.65, useSpeakerBoost: true },
  JESSICA: { stability: 0.35, similarityBoost: 0.8, style: 0.6, useSpeakerBoost: true },
  WILL: { stability: 0.3, similarityBoost: 0.85, style: 0.7, useSpeakerBoost: true },
  LILY: { stability: 0.35, similarityBoost: 0.8, style: 0.55, useSpeakerBoost: true },
  BILL: { stability: 0.4, similarityBoost: 0.75, style: 0.5, useSpeakerBoost: true },
  LAURA: { stability: 0.35, similarityBoost: 0.8, style: 0.6, useSpeakerBoost: true },
};

/** Settings for custom (cloned / uploaded) voices (providers.md §2.1). */
export const CUSTOM_VOICE_SETTINGS: Readonly<VoiceSettings> = {
  stability: 0.35,
  similarityBoost: 0.8,
  style: 0.55,
  useSpeakerBoost: true,
};

/** Deepgram Aura model of each system voice (providers.md §4). */
export const SYSTEM_VOICE_DEEPGRAM_MODELS: Readonly<Record<VoiceCatalogueKey, DeepgramVoiceModel>> = {
  CHARLIE: 'aura-orion-en',
  JESSICA: 'aura-asteria-en',
  WILL: 'aura-arcas-en',
  LILY: 'aura-luna-en',
  BILL: 'aura-angus-en',
  LAURA: 'aura-perseus-en',
};

/** espeak-ng voice of each system voice for the local synthesiser (providers.md §4). */
export const SYSTEM_VOICE_LOCAL_VOICES: Readonly<Record<VoiceCatalogueKey, string>> = {
  CHARLIE: 'en-us+m3',
  JESSICA: 'en-us+f3',
  WILL: 'en-us+m1',
  LILY: 'en-gb+f2',
  BILL: 'en-gb+m7',
  LAURA: 'en-us+f4',
};

/** Converts camelCased settings to the ElevenLabs `voice_settings` body. */
export function toElevenLabsVoiceSettings(settings: VoiceSettings): ElevenLabsVoiceSettingsBody {
  return {
    stability: settings.stability,
    similarity_boost: settings.similarityBoost,
    style: settings.style,
    use_speaker_boost: settings.useSpeakerBoost,
  };
}

/**
 * The six system voices (providers.md §4), seeded with `type system`, `userId null`. `previewUrl` stays null
 * here: the seeder fills it from the ElevenLabs voice lookup (providers.md §2.5) when ElevenLabs is configured.
 */
export const voices: readonly SeedVoice[] = [
  {
    catalogueKey: 'CHARLIE',
    name: 'Charlie',
    gender: 'male',
    type: 'system',
    elevenLabsVoiceId: 'IKne3meq5aSn9XLyUdCD',
    deepgramModel: SYSTEM_VOICE_DEEPGRAM_MODELS.CHARLIE,
    localVoice: SYSTEM_VOICE_LOCAL_VOICES.CHARLIE,
    settings: SYSTEM_VOICE_SETTINGS.CHARLIE,
    previewUrl: null,
  },
  {
    catalogueKey: 'JESSICA',
    name: 'Jessica',
    gender: 'female',
    type: 'system',
    elevenLabsVoiceId: 'cgSgspJ2msm6clMCkdW9',
    deepgramModel: SYSTEM_VOICE_DEEPGRAM_MODELS.JESSICA,
    localVoice: SYSTEM_VOICE_LOCAL_VOICES.JESSICA,
    settings: SYSTEM_VOICE_SETTINGS.JESSICA,
    previewUrl: null,
  },
  {
    catalogueKey: 'WILL',
    name: 'Will',
    gender: 'male',
    type: 'system',
    elevenLabsVoiceId: 'bIHbv24MWmeRgasZH58o',
    deepgramModel: SYSTEM_VOICE_DEEPGRAM_MODELS.WILL,
    localVoice: SYSTEM_VOICE_LOCAL_VOICES.WILL,
    settings: SYSTEM_VOICE_SETTINGS.WILL,
    previewUrl: null,
  },
  {
    catalogueKey: 'LILY',
    name: 'Lily',
    gender: 'female',
    type: 'system',
    elevenLabsVoiceId: 'pFZP5JQG7iQjIQuC4Bku',
    deepgramModel: SYSTEM_VOICE_DEEPGRAM_MODELS.LILY,
    localVoice: SYSTEM_VOICE_LOCAL_VOICES.LILY,
    settings: SYSTEM_VOICE_SETTINGS.LILY,
    previewUrl: null,
  },
  {
    catalogueKey: 'BILL',
    name: 'Bill',
    gender: 'male',
    type: 'system',
    elevenLabsVoiceId: 'pqHfZKP75CvOlQylNhV4',
    deepgramModel: SYSTEM_VOICE_DEEPGRAM_MODELS.BILL,
    localVoice: SYSTEM_VOICE_LOCAL_VOICES.BILL,
    settings: SYSTEM_VOICE_SETTINGS.BILL,
    previewUrl: null,
  },
  {
    catalogueKey: 'LAURA',
    name: 'Laura',
    gender: 'female',
    type: 'system',
    elevenLabsVoiceId: 'FGY2WhTYpPnrIDTdsKH5',
    deepgramModel: SYSTEM_VOICE_DEEPGRAM_MODELS.LAURA,
    localVoice: SYSTEM_VOICE_LOCAL_VOICES.LAURA,
    settings: SYSTEM_VOICE_SETTINGS.LAURA,
    previewUrl: null,
  },
];
