import { ProviderError } from '@storytime/errors';
import { z } from 'zod';
import { joinPieces, packPieces, splitPieces } from '../speech-types/text';
import type { VoiceSettings } from '../speech-types/types';

/** The ElevenLabs wire format (providers.md §2). */

export const ELEVENLABS_DEFAULT_BASE_URL = 'https://api.elevenlabs.io';
export const ELEVENLABS_DEFAULT_TTS_MODEL = 'eleven_multilingual_v2';
export const ELEVENLABS_DEFAULT_STT_MODEL = 'scribe_v2';
export const ELEVENLABS_OUTPUT_FORMAT = 'mp3_44100_128';
/** Longest text of one TTS request; longer texts are split at sentence boundaries (§2.1). */
export const ELEVENLABS_CHUNK_LIMIT = 9_500;
export const CLONE_DESCRIPTION = 'Cloned in Storytime';

export const sttResponseSchema = z.object({ text: z.string() });
export const cloneResponseSchema = z.object({ voice_id: z.string().min(1) });
export const voiceResponseSchema = z.object({
  voice_id: z.string().min(1),
  name: z.string(),
  preview_url: z.string().nullish(),
});
export const subscriptionResponseSchema = z.object({
  tier: z.string(),
  character_count: z.number(),
  character_limit: z.number(),
  next_character_count_reset_unix: z.number().nullish(),
  voice_limit: z.number().nullish(),
});

/** The `voice_settings` body of a TTS request. */
export function voiceSettingsBody(settings: VoiceSettings) {
  return {
    stability: settings.stability,
    similarity_boost: settings.similarityBoost,
    style: settings.style,
    use_speaker_boost: settings.useSpeakerBoost,
  };
}

/** `detail.status` of an error body (`{"detail":{"status":"quota_exceeded",…}}`), if any. */
export function errorReason(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { detail?: { status?: unknown } };
    const status = parsed?.detail?.status;
    return typeof status === 'string' ? status : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The account's character quota is spent (401 or 429 `quota_exceeded`). Not retried, and a breaker
 * failure (providers.md §2): the status is kept as `httpStatus`, not `status`, so the shared retry
 * policy does not take the 429 for a transient answer.
 */
export class ElevenLabsQuotaExceededError extends ProviderError {
  readonly httpStatus: number;
  readonly operation: string;

  constructor(operation: string, httpStatus: number) {
    super('PROVIDER_ERROR', 'elevenlabs', 'ElevenLabs character quota exceeded', {
      details: { operation, status: httpStatus, reason: 'quota_exceeded' },
    });
    this.httpStatus = httpStatus;
    this.operation = operation;
  }
}

/** Texts up to the limit go out as they are; longer ones as sentence-packed chunks (§2.1). */
export function elevenLabsChunks(text: string, limit = ELEVENLABS_CHUNK_LIMIT): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  if (trimmed.length <= limit) return [trimmed];
  return packPieces(splitPieces(trimmed), limit, joinPieces);
}
