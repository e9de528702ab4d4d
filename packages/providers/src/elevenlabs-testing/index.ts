import { silentMp3 } from '../speech-types/mp3';
import {
  type FakeHttpServer,
  type FakeReply,
  type HttpAnswer,
  type RecordedRequest,
  startFakeHttpServer,
} from './fake-http';

export { mp3DurationMs, mp3Markers, silentMp3 } from '../speech-types/mp3';
export type { FakeReply, HttpAnswer, RecordedRequest, UploadedFile } from './fake-http';

/**
 * Fake ElevenLabs (providers.md §2.7) for tests: the five routes on 127.0.0.1, every request recorded,
 * one-off errors scriptable per route. TTS answers a few silent MP3 frames whose ancillary bytes carry
 * `tts-<n>` (n counts successful TTS answers from 0), so tests can check the order of joined parts.
 */

export type ElevenLabsRoute = 'tts' | 'stt' | 'clone' | 'voice' | 'subscription';

export const FAKE_ELEVENLABS_TRANSCRIPT = 'Once upon a time there was a little fox.';
export const FAKE_TTS_FRAMES = 3;

export interface FakeVoice {
  name: string;
  previewUrl: string | null;
}

export interface FakeElevenLabsOptions {
  /** When set, other keys get 401 `invalid_api_key`. */
  apiKey?: string;
  /** Voices `GET /v1/voices/{id}` knows; others answer 404 `voice_not_found`. */
  voices?: Record<string, FakeVoice>;
}

export interface FakeElevenLabs extends FakeHttpServer<ElevenLabsRoute> {
  /** The TTS requests as the client sent them. */
  ttsCalls(): Array<{
    voiceId: string;
    outputFormat: string | undefined;
    apiKey: string | undefined;
    text: string;
    modelId: unknown;
    voiceSettings: unknown;
  }>;
}

const errorBody = (status: string, message: string) => ({ detail: { status, message } });

/** Ready-made error answers in the ElevenLabs format, to pass to `script`. */
export const elevenLabsReplies = {
  quotaExceeded: (status: 401 | 429 = 401): FakeReply => ({
    kind: 'answer',
    status,
    body: errorBody('quota_exceeded', 'This request exceeds your quota. You have 0 credits remaining.'),
  }),
  rateLimited: (retryAfterSeconds?: number): FakeReply => ({
    kind: 'answer',
    status: 429,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: errorBody('too_many_concurrent_requests', 'Too many concurrent requests.'),
  }),
  systemBusy: (): FakeReply => ({
    kind: 'answer',
    status: 429,
    body: errorBody('system_busy', 'The system is experiencing heavy traffic.'),
  }),
  serverError: (): FakeReply => ({ kind: 'answer', status: 500, body: errorBody('internal_error', 'Oops') }),
  invalidApiKey: (): FakeReply => ({
    kind: 'answer',
    status: 401,
    body: errorBody('invalid_api_key', 'Invalid API key'),
  }),
  voiceNotFound: (): FakeReply => ({
    kind: 'answer',
    status: 404,
    body: errorBody('voice_not_found', 'A voice with that id was not found.'),
  }),
  validation: (): FakeReply => ({
    kind: 'answer',
    status: 422,
    body: { detail: [{ loc: ['body', 'text'], msg: 'field required', type: 'value_error.missing' }] },
  }),
  hang: (): FakeReply => ({ kind: 'hang' }),
  malformed: (): FakeReply => ({ kind: 'malformed' }),
};

const TTS_PATH = /^\/v1\/text-to-speech\/([^/]+)$/;
const VOICE_PATH = /^\/v1\/voices\/([^/]+)$/;

export async function startFakeElevenLabs(options: FakeElevenLabsOptions = {}): Promise<FakeElevenLabs> {
  const voices = options.voices ?? {};
  const authorised = (request: RecordedRequest) =>
    options.apiKey === undefined || request.headers['xi-api-key'] === options.apiKey;
  const unauthorised: HttpAnswer = { status: 401, body: errorBody('invalid_api_key', 'Invalid API key') };
  const garbage: HttpAnswer = {
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: '<html>oops</html>',
  };

  const server = await startFakeHttpServer<ElevenLabsRoute>([
    {
      name: 'tts',
      method: 'POST',
      match: (path) => TTS_PATH.test(path),
      ok: (request, index) =>
        authorised(request)
          ? {
              status: 200,
              headers: { 'content-type': 'audio/mpeg' },
              body: silentMp3(FAKE_TTS_FRAMES, `tts-${index}`),
            }
          : unauthorised,
      malformed: () => garbage,
    },
    {
      name: 'stt',
      method: 'POST',
      match: (path) => path === '/v1/speech-to-text',
      ok: (request) =>
        authorised(request)
          ? {
              status: 200,
              body: {
                language_code: 'en',
                language_probability: 0.98,
                text: FAKE_ELEVENLABS_TRANSCRIPT,
                words: [],
              },
            }
          : unauthorised,
      malformed: () => ({ status: 200, body: { language_code: 'en', words: [] } }),
    },
    {
      name: 'clone',
      method: 'POST',
      match: (path) => path === '/v1/voices/add',
      ok: (request, index) =>
        authorised(request)
          ? { status: 200, body: { voice_id: `cloned_voice_${index + 1}`, requires_verification: false } }
          : unauthorised,
      malformed: () => garbage,
    },
    {
      name: 'voice',
      method: 'GET',
      match: (path) => VOICE_PATH.test(path),
      ok: (request) => {
        if (!authorised(request)) return unauthorised;
        const id = decodeURIComponent(VOICE_PATH.exec(request.path)?.[1] ?? '');
        const voice = voices[id];
        if (!voice)
          return { status: 404, body: errorBody('voice_not_found', 'A voice with that id was not found.') };
        return {
          status: 200,
          body: {
            voice_id: id,
            name: voice.name,
            preview_url: voice.previewUrl,
            category: 'premade',
            labels: { accent: 'american' },
            settings: null,
          },
        };
      },
      malformed: () => ({ status: 200, body: { voice: 'nope' } }),
    },
    {
      name: 'subscription',
      method: 'GET',
      match: (path) => path === '/v1/user/subscription',
      ok: (request) =>
        authorised(request)
          ? {
              status: 200,
              body: {
                tier: 'creator',
                character_count: 12_345,
                character_limit: 100_000,
                next_character_count_reset_unix: 1_767_225_600,
                voice_limit: 30,
                can_extend_character_limit: true,
                status: 'active',
              },
            }
          : unauthorised,
      malformed: () => garbage,
    },
  ]);

  return {
    ...server,
    ttsCalls: () =>
      server.requestsTo('tts').map((request) => {
        const json = (request.json ?? {}) as { text?: unknown; model_id?: unknown; voice_settings?: unknown };
        return {
          voiceId: decodeURIComponent(TTS_PATH.exec(request.path)?.[1] ?? ''),
          outputFormat: request.query.output_format,
          apiKey: request.headers['xi-api-key'],
          text: typeof json.text === 'string' ? json.text : '',
          modelId: json.model_id,
          voiceSettings: json.voice_settings,
        };
      }),
  };
}
