import { ProviderError, ValidationError } from '@storytime/errors';
import {
  type BreakerState,
  createProviderClient,
  isTransientStatus,
  ProviderHttpError,
  type ProviderLogger,
  parseRetryAfter,
  type Sleep,
} from '../resilience';
import { readJson, readMp3, uploadFileName } from '../speech-types/http';
import { concatMp3, mp3DurationMs } from '../speech-types/mp3';
import {
  type CallOptions,
  CUSTOM_VOICE_SETTINGS,
  type SpeechProvider,
  type SubscriptionInfo,
  type SubscriptionProvider,
  type TranscriptionProvider,
  type VoiceCloneProvider,
  type VoiceInfo,
  type VoiceLookupProvider,
  type VoiceParams,
} from '../speech-types/types';
import {
  CLONE_DESCRIPTION,
  cloneResponseSchema,
  ELEVENLABS_DEFAULT_BASE_URL,
  ELEVENLABS_DEFAULT_STT_MODEL,
  ELEVENLABS_DEFAULT_TTS_MODEL,
  ELEVENLABS_OUTPUT_FORMAT,
  ElevenLabsQuotaExceededError,
  elevenLabsChunks,
  errorReason,
  sttResponseSchema,
  subscriptionResponseSchema,
  voiceResponseSchema,
  voiceSettingsBody,
} from './wire';

const PROVIDER = 'elevenlabs';
const BODY_PREVIEW_CHARS = 2048;

export interface ElevenLabsOptions {
  apiKey: string;
  /** `ELEVENLABS_BASE_URL`; tests point it at the fake server. */
  baseUrl?: string;
  /** `ELEVENLABS_TTS_MODEL`, default `eleven_multilingual_v2`. */
  ttsModel?: string;
  /** `ELEVENLABS_STT_MODEL`, default `scribe_v2`. */
  sttModel?: string;
  /** Per attempt; 30 s (providers.md §0). Tests shorten it. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  logger?: ProviderLogger;
}

export type ElevenLabsClient = SpeechProvider &
  TranscriptionProvider &
  VoiceCloneProvider &
  VoiceLookupProvider &
  SubscriptionProvider & { readonly name: 'elevenlabs'; breakerState(): BreakerState };

/**
 * The ElevenLabs HTTP client (providers.md §2): text to speech, speech to text, cloning, voice lookup
 * and the subscription. Every call but cloning makes 3 attempts (1 s, doubled after a 429, capped at
 * 10 s, +0–500 ms); cloning is not idempotent and makes one. All share the `elevenlabs` breaker (3/90 s).
 */
export function createElevenLabsClient(options: ElevenLabsOptions): ElevenLabsClient {
  const baseUrl = (options.baseUrl ?? ELEVENLABS_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const ttsModel = options.ttsModel ?? ELEVENLABS_DEFAULT_TTS_MODEL;
  const sttModel = options.sttModel ?? ELEVENLABS_DEFAULT_STT_MODEL;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const shared = {
    provider: PROVIDER,
    timeoutMs: options.timeoutMs ?? 30_000,
    breaker: { failures: 3, openMs: 90_000 },
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const client = createProviderClient({
    ...shared,
    retry: { attempts: 3, baseMs: 1_000, capMs: 10_000, jitter: 'ms500', doubleFor429: true },
  });
  const singleAttempt = createProviderClient({
    ...shared,
    retry: { attempts: 1, baseMs: 1_000, capMs: 10_000, jitter: 'ms500' },
  });

  /** One attempt: the answer, or the error the retry policy judges (quota is never transient). */
  async function send(operation: string, path: string, init: RequestInit, signal: AbortSignal) {
    const headers = new Headers(init.headers);
    headers.set('xi-api-key', options.apiKey);
    const response = await fetchImpl(`${baseUrl}${path}`, { ...init, headers, signal });
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    if ((response.status === 401 || response.status === 429) && errorReason(body) === 'quota_exceeded') {
      throw new ElevenLabsQuotaExceededError(operation, response.status);
    }
    const retryAfter = isTransientStatus(response.status)
      ? parseRetryAfter(response.headers.get('retry-after'), now())
      : null;
    throw new ProviderHttpError(
      PROVIDER,
      operation,
      response.status,
      body.slice(0, BODY_PREVIEW_CHARS),
      retryAfter,
    );
  }

  async function synthesizeChunk(
    text: string,
    voiceId: string,
    voice: VoiceParams,
    callOptions: CallOptions,
  ) {
    const path = `/v1/text-to-speech/${encodeURIComponent(voiceId)}?output_format=${ELEVENLABS_OUTPUT_FORMAT}`;
    const body = JSON.stringify({
      text,
      model_id: ttsModel,
      voice_settings: voiceSettingsBody(voice.settings ?? CUSTOM_VOICE_SETTINGS),
    });
    return client.call(
      'tts',
      async (signal) => {
        const response = await send(
          'tts',
          path,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'audio/mpeg' },
            body,
          },
          signal,
        );
        return (await readMp3(response, PROVIDER, 'tts')).audio;
      },
      callOptions,
    );
  }

  return {
    name: PROVIDER,
    breakerState: () => client.breakerState(),

    async synthesize(text, voice, callOptions = {}) {
      const voiceId = voice.elevenLabsVoiceId?.trim();
      if (!voiceId) {
        throw new ProviderError('PROVIDER_ERROR', PROVIDER, 'The voice has no ElevenLabs voice id', {
          details: { operation: 'tts', reason: 'no_voice_id' },
        });
      }
      const chunks = elevenLabsChunks(text);
      if (chunks.length === 0) throw new ValidationError('There is no text to narrate');
      // Sequential: the parts must join in order, and ElevenLabs limits concurrent requests per key.
      const parts: Buffer[] = [];
      for (const chunk of chunks) parts.push(await synthesizeChunk(chunk, voiceId, voice, callOptions));
      const audio = concatMp3(parts);
      const durationMs = mp3DurationMs(audio);
      return { audio, mimeType: 'audio/mpeg', ...(durationMs === undefined ? {} : { durationMs }) };
    },

    async transcribe(audio, mimeType, callOptions = {}) {
      return client.call(
        'stt',
        async (signal) => {
          const form = new FormData();
          form.append('file', new Blob([audio], { type: mimeType }), uploadFileName('audio', mimeType));
          form.append('model_id', sttModel);
          form.append('tag_audio_events', 'true');
          form.append('diarize', 'false');
          const response = await send('stt', '/v1/speech-to-text', { method: 'POST', body: form }, signal);
          const { text } = await readJson(response, sttResponseSchema, PROVIDER, 'stt');
          return { text };
        },
        callOptions,
      );
    },

    async clone(name, sample, mimeType, callOptions = {}) {
      return singleAttempt.call(
        'clone',
        async (signal) => {
          const form = new FormData();
          form.append('name', name);
          form.append('files', new Blob([sample], { type: mimeType }), uploadFileName('sample', mimeType));
          form.append('description', CLONE_DESCRIPTION);
          const response = await send('clone', '/v1/voices/add', { method: 'POST', body: form }, signal);
          const { voice_id } = await readJson(response, cloneResponseSchema, PROVIDER, 'clone');
          return { voiceId: voice_id };
        },
        callOptions,
      );
    },

    async lookup(voiceId, callOptions = {}): Promise<VoiceInfo | undefined> {
      if (voiceId.trim() === '') return undefined;
      try {
        return await client.call(
          'voice_lookup',
          async (signal) => {
            const response = await send(
              'voice_lookup',
              `/v1/voices/${encodeURIComponent(voiceId)}`,
              { method: 'GET', headers: { accept: 'application/json' } },
              signal,
            );
            const voice = await readJson(response, voiceResponseSchema, PROVIDER, 'voice_lookup');
            return { voiceId: voice.voice_id, name: voice.name, previewUrl: voice.preview_url ?? null };
          },
          callOptions,
        );
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return undefined;
        throw error;
      }
    },

    async subscription(callOptions = {}): Promise<SubscriptionInfo> {
      return client.call(
        'subscription',
        async (signal) => {
          const response = await send(
            'subscription',
            '/v1/user/subscription',
            { method: 'GET', headers: { accept: 'application/json' } },
            signal,
          );
          const info = await readJson(response, subscriptionResponseSchema, PROVIDER, 'subscription');
          return {
            tier: info.tier,
            characterCount: info.character_count,
            characterLimit: info.character_limit,
            nextResetUnix: info.next_character_count_reset_unix ?? null,
            voiceLimit: info.voice_limit ?? null,
          };
        },
        callOptions,
      );
    },
  };
}
