import { ValidationError } from '@storytime/errors';
import { z } from 'zod';
import { type BreakerState, createProviderClient, type ProviderLogger, type Sleep } from '../resilience';
import { readJson, readMp3 } from '../speech-types/http';
import { concatMp3, mp3DurationMs } from '../speech-types/mp3';
import {
  DEEPGRAM_FALLBACK_MODEL,
  type SpeechProvider,
  type TranscriptionProvider,
} from '../speech-types/types';
import { deepgramChunks } from './ssml';

const PROVIDER = 'deepgram';

export const DEEPGRAM_DEFAULT_BASE_URL = 'https://api.deepgram.com';
export const DEEPGRAM_STT_MODEL = 'nova-2';

const listenResponseSchema = z.object({
  results: z.object({
    channels: z
      .array(z.object({ alternatives: z.array(z.object({ transcript: z.string() })).min(1) }))
      .min(1),
  }),
});

export interface DeepgramOptions {
  apiKey: string;
  /** `DEEPGRAM_BASE_URL`; tests point it at the fake server. */
  baseUrl?: string;
  /** `DEEPGRAM_SSML`, default true: each chunk is paced SSML (providers.md §3.1). */
  ssml?: boolean;
  /** Per attempt; 30 s (providers.md §0). Tests shorten it. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  logger?: ProviderLogger;
}

export type DeepgramClient = SpeechProvider &
  TranscriptionProvider & { readonly name: 'deepgram'; breakerState(): BreakerState };

/**
 * The Deepgram HTTP client (providers.md §3): Aura text to speech as MP3, sentence-chunked with each
 * chunk fully formatted, and Nova speech to text. 2 attempts per chunk (500 ms / 4 s / +0–25 %),
 * breaker 5 / 60 s.
 */
export function createDeepgramClient(options: DeepgramOptions): DeepgramClient {
  const baseUrl = (options.baseUrl ?? DEEPGRAM_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const ssml = options.ssml ?? true;
  const client = createProviderClient({
    provider: PROVIDER,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { attempts: 2, baseMs: 500, capMs: 4_000, jitter: 'percent25' },
    breaker: { failures: 5, openMs: 60_000 },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const authorization = `Token ${options.apiKey}`;

  return {
    name: PROVIDER,
    breakerState: () => client.breakerState(),

    async synthesize(text, voice, callOptions = {}) {
      const chunks = deepgramChunks(text, { ssml });
      if (chunks.length === 0) throw new ValidationError('There is no text to narrate');
      const model = voice.deepgramModel?.trim() || DEEPGRAM_FALLBACK_MODEL;
      const url = `${baseUrl}/v1/speak?${new URLSearchParams({ model, encoding: 'mp3' })}`;
      // Sequential and in order; a chunk failing after its retries fails the whole synthesis (§3.1).
      const parts: Buffer[] = [];
      for (const chunk of chunks) {
        const { audio } = await client.request(
          'tts',
          url,
          {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json', accept: 'audio/mpeg' },
            body: JSON.stringify({ text: chunk }),
          },
          (response) => readMp3(response, PROVIDER, 'tts'),
          callOptions,
        );
        parts.push(audio);
      }
      const audio = concatMp3(parts);
      const durationMs = mp3DurationMs(audio);
      return { audio, mimeType: 'audio/mpeg', ...(durationMs === undefined ? {} : { durationMs }) };
    },

    async transcribe(audio, mimeType, callOptions = {}) {
      const url = `${baseUrl}/v1/listen?${new URLSearchParams({ model: DEEPGRAM_STT_MODEL, smart_format: 'true' })}`;
      const body = await client.request(
        'stt',
        url,
        { method: 'POST', headers: { authorization, 'content-type': mimeType }, body: new Uint8Array(audio) },
        (response) => readJson(response, listenResponseSchema, PROVIDER, 'stt'),
        callOptions,
      );
      return { text: body.results.channels[0]?.alternatives[0]?.transcript ?? '' };
    },
  };
}
