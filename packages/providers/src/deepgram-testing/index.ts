import {
  type FakeHttpServer,
  type FakeReply,
  type HttpAnswer,
  startFakeHttpServer,
} from '../elevenlabs-testing/fake-http';
import { silentMp3 } from '../speech-types/mp3';

export type { FakeReply, HttpAnswer, RecordedRequest } from '../elevenlabs-testing/fake-http';
export { mp3DurationMs, mp3Markers, silentMp3 } from '../speech-types/mp3';

/**
 * Fake Deepgram (providers.md §3.3) for tests: `POST /v1/speak` answers a few silent MP3 frames marked
 * `speak-<n>` and records each chunk's text, model and encoding; `POST /v1/listen` answers a fixed
 * transcript. One-off errors are scriptable per route.
 */

export type DeepgramRoute = 'speak' | 'listen';

export const FAKE_DEEPGRAM_TRANSCRIPT = 'The little fox went home.';

export interface FakeDeepgramOptions {
  /** When set, other keys get 401 `INVALID_AUTH`. */
  apiKey?: string;
}

export interface FakeDeepgram extends FakeHttpServer<DeepgramRoute> {
  /** Each speak request: the chunk text and the query. */
  speakCalls(): Array<{
    text: string;
    model: string | undefined;
    encoding: string | undefined;
    authorization: string | undefined;
  }>;
}

const errorBody = (code: string, message: string) => ({
  err_code: code,
  err_msg: message,
  request_id: '00000000-0000-4000-8000-000000000000',
});

/** Ready-made error answers in the Deepgram format, to pass to `script`. */
export const deepgramReplies = {
  rateLimited: (retryAfterSeconds?: number): FakeReply => ({
    kind: 'answer',
    status: 429,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: errorBody('TOO_MANY_REQUESTS', 'Too many requests'),
  }),
  serverError: (): FakeReply => ({
    kind: 'answer',
    status: 500,
    body: errorBody('INTERNAL', 'Internal error'),
  }),
  badRequest: (): FakeReply => ({
    kind: 'answer',
    status: 400,
    body: errorBody('Bad Request', 'Invalid input'),
  }),
  insufficientCredits: (): FakeReply => ({
    kind: 'answer',
    status: 402,
    body: errorBody('ASR_PAYMENT_REQUIRED', 'Insufficient credits'),
  }),
  invalidAuth: (): FakeReply => ({
    kind: 'answer',
    status: 401,
    body: errorBody('INVALID_AUTH', 'Invalid credentials'),
  }),
  hang: (): FakeReply => ({ kind: 'hang' }),
  malformed: (): FakeReply => ({ kind: 'malformed' }),
};

export async function startFakeDeepgram(options: FakeDeepgramOptions = {}): Promise<FakeDeepgram> {
  const authorised = (authorization: string | undefined) =>
    options.apiKey === undefined || authorization === `Token ${options.apiKey}`;
  const unauthorised: HttpAnswer = { status: 401, body: errorBody('INVALID_AUTH', 'Invalid credentials') };

  const server = await startFakeHttpServer<DeepgramRoute>([
    {
      name: 'speak',
      method: 'POST',
      match: (path) => path === '/v1/speak',
      ok: (request, index) =>
        authorised(request.headers.authorization)
          ? {
              status: 200,
              headers: { 'content-type': 'audio/mpeg', 'dg-request-id': `speak-request-${index}` },
              body: silentMp3(2, `speak-${index}`),
            }
          : unauthorised,
      malformed: () => ({ status: 200, headers: { 'content-type': 'audio/mpeg' }, body: Buffer.alloc(0) }),
    },
    {
      name: 'listen',
      method: 'POST',
      match: (path) => path === '/v1/listen',
      ok: (request) =>
        authorised(request.headers.authorization)
          ? {
              status: 200,
              body: {
                metadata: { request_id: 'listen-request', duration: 1.5, channels: 1 },
                results: {
                  channels: [
                    { alternatives: [{ transcript: FAKE_DEEPGRAM_TRANSCRIPT, confidence: 0.97, words: [] }] },
                  ],
                },
              },
            }
          : unauthorised,
      malformed: () => ({ status: 200, body: { metadata: {}, results: { channels: [] } } }),
    },
  ]);

  return {
    ...server,
    speakCalls: () =>
      server.requestsTo('speak').map((request) => {
        const json = (request.json ?? {}) as { text?: unknown };
        return {
          text: typeof json.text === 'string' ? json.text : '',
          model: request.query.model,
          encoding: request.query.encoding,
          authorization: request.headers.authorization,
        };
      }),
  };
}
