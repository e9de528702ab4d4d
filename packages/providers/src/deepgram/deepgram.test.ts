import { AppError } from '@storytime/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deepgramReplies, type FakeDeepgram, startFakeDeepgram } from '../deepgram-testing';
import { isTransient, resetCircuitBreakers } from '../resilience';
import { mp3Markers } from '../speech-types/mp3';
import { createDeepgramClient, type DeepgramOptions } from './client';
import { DEEPGRAM_CHUNK_LIMIT, formatSsml } from './ssml';

const KEY = 'test-deepgram-key';

let fake: FakeDeepgram;
let sleeps: number[];

function client(overrides: Partial<DeepgramOptions> = {}) {
  return createDeepgramClient({
    apiKey: KEY,
    baseUrl: fake.url,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  fake = await startFakeDeepgram({ apiKey: KEY });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  resetCircuitBreakers();
  sleeps = [];
});

const story = Array.from({ length: 10 }, (_, p) =>
  Array.from({ length: 6 }, (_, s) => `In part ${p}, the fox took step ${s} & looked "around".`).join(' '),
).join('\n\n');

describe('Deepgram text to speech', () => {
  it('asks for MP3 with the voice model and sends one formatted SSML text', async () => {
    const result = await client().synthesize('Once, a fox ran.\n\nThe end.', {
      deepgramModel: 'aura-orion-en',
    });
    expect(fake.speakCalls()).toEqual([
      {
        text: formatSsml('Once, a fox ran.\n\nThe end.'),
        model: 'aura-orion-en',
        encoding: 'mp3',
        authorization: `Token ${KEY}`,
      },
    ]);
    expect(fake.requestsTo('speak')[0]?.headers['content-type']).toBe('application/json');
    expect(result.mimeType).toBe('audio/mpeg');
    expect(mp3Markers(result.audio)).toEqual(['speak-0', 'speak-0']);
  });

  it('falls back to aura-asteria-en for a voice without a model', async () => {
    await client().synthesize('Hello.', { elevenLabsVoiceId: 'custom' });
    expect(fake.speakCalls()[0]?.model).toBe('aura-asteria-en');
  });

  it('sends sentence chunks, each wrapped and within 1,900 characters, and joins the MP3 in order', async () => {
    const result = await client().synthesize(story, {});
    const calls = fake.speakCalls();
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) {
      expect(call.text.length).toBeLessThanOrEqual(DEEPGRAM_CHUNK_LIMIT);
      expect(call.text).toMatch(/^<speak><prosody rate="0\.9">.*<\/prosody><\/speak>$/s);
      expect(call.text).toMatch(/&quot;around&quot;\.<\/prosody><\/speak>$/);
    }
    expect(mp3Markers(result.audio)).toEqual(calls.flatMap((_, n) => [`speak-${n}`, `speak-${n}`]));
  });

  it('sends plain text chunks when SSML is off', async () => {
    await client({ ssml: false }).synthesize(story, {});
    for (const call of fake.speakCalls()) {
      expect(call.text).not.toContain('<');
      expect(call.text.length).toBeLessThanOrEqual(DEEPGRAM_CHUNK_LIMIT);
    }
  });

  it('retries a 429 after Retry-After and a 500 after the backoff', async () => {
    fake.script('speak', deepgramReplies.rateLimited(3));
    await client().synthesize('Hello.', {});
    expect(sleeps).toEqual([3_000]);
    fake.script('speak', deepgramReplies.serverError());
    await client().synthesize('Hello.', {});
    expect(sleeps).toEqual([3_000, 500]);
    expect(fake.requestsTo('speak')).toHaveLength(4);
  });

  it('fails the whole synthesis when one chunk fails after its 2 attempts', async () => {
    fake.script('speak', { kind: 'ok' }, deepgramReplies.serverError(), deepgramReplies.serverError());
    const error = await failure(client().synthesize(story, {}));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(fake.requestsTo('speak')).toHaveLength(3);
  });

  it('treats a timeout as transient and retries it once', async () => {
    fake.script('speak', deepgramReplies.hang(), deepgramReplies.hang());
    const error = await failure(client({ timeoutMs: 150 }).synthesize('Hello.', {}));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(isTransient(error)).toBe(true);
    expect(fake.requestsTo('speak')).toHaveLength(2);
  });

  it('does not retry a 400 nor count it towards the breaker; 402 counts', async () => {
    const deepgram = client();
    for (let i = 0; i < 6; i += 1) {
      fake.script('speak', deepgramReplies.badRequest());
      expect((await failure(deepgram.synthesize('Hello.', {}))).code).toBe('PROVIDER_ERROR');
    }
    expect(fake.requestsTo('speak')).toHaveLength(6);
    // Six input errors, over the threshold of 5, and the breaker still lets the next call through.
    await expect(deepgram.synthesize('Hello.', {})).resolves.toMatchObject({ mimeType: 'audio/mpeg' });
    fake.reset();
    for (let i = 0; i < 5; i += 1) {
      fake.script('speak', deepgramReplies.insufficientCredits());
      await failure(deepgram.synthesize('Hello.', {}));
    }
    const open = await failure(deepgram.synthesize('Hello.', {}));
    expect(open.code).toBe('PROVIDER_UNAVAILABLE');
    expect(fake.requestsTo('speak')).toHaveLength(5);
    expect(sleeps).toEqual([]);
  });

  it('refuses an empty audio body', async () => {
    fake.script('speak', deepgramReplies.malformed());
    expect((await failure(client().synthesize('Hello.', {}))).code).toBe('PROVIDER_ERROR');
    expect(fake.requestsTo('speak')).toHaveLength(1);
  });
});

describe('Deepgram speech to text', () => {
  it('posts the raw audio with its type and returns the first transcript', async () => {
    const audio = Buffer.from('raw-audio');
    expect(await client().transcribe(audio, 'audio/wav')).toEqual({ text: 'The little fox went home.' });
    const [request] = fake.requestsTo('listen');
    expect(request?.query).toEqual({ model: 'nova-2', smart_format: 'true' });
    expect(request?.headers['content-type']).toBe('audio/wav');
    expect(request?.headers.authorization).toBe(`Token ${KEY}`);
    expect(request?.body.equals(audio)).toBe(true);
  });

  it('retries a 500 and refuses an answer without a transcript', async () => {
    fake.script('listen', deepgramReplies.serverError(), deepgramReplies.malformed());
    const error = await failure(client().transcribe(Buffer.from('a'), 'audio/wav'));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(fake.requestsTo('listen')).toHaveLength(2);
  });
});
