import { AppError } from '@storytime/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { elevenLabsReplies, type FakeElevenLabs, startFakeElevenLabs } from '../elevenlabs-testing';
import { isTransient, resetCircuitBreakers } from '../resilience';
import { mp3Markers } from '../speech-types/mp3';
import { CUSTOM_VOICE_SETTINGS, type VoiceParams } from '../speech-types/types';
import { createElevenLabsClient, type ElevenLabsOptions } from './client';
import { ElevenLabsQuotaExceededError } from './wire';

const KEY = 'test-eleven-key';
const CHARLIE: VoiceParams = {
  elevenLabsVoiceId: 'IKne3meq5aSn9XLyUdCD',
  settings: { stability: 0.3, similarityBoost: 0.85, style: 0.65, useSpeakerBoost: true },
  deepgramModel: 'aura-orion-en',
  localVoice: 'en-us+m3',
};

let fake: FakeElevenLabs;
let sleeps: number[];

function client(overrides: Partial<ElevenLabsOptions> = {}) {
  return createElevenLabsClient({
    apiKey: KEY,
    baseUrl: fake.url,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
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
  fake = await startFakeElevenLabs({
    apiKey: KEY,
    voices: { IKne3meq5aSn9XLyUdCD: { name: 'Charlie', previewUrl: 'https://cdn.fake/charlie.mp3' } },
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  resetCircuitBreakers();
  sleeps = [];
});

describe('ElevenLabs text to speech', () => {
  it('posts the text with model, output format, voice settings and the key, and returns the MP3', async () => {
    const result = await client().synthesize('Once, a fox ran.', CHARLIE);
    expect(fake.ttsCalls()).toEqual([
      {
        voiceId: 'IKne3meq5aSn9XLyUdCD',
        outputFormat: 'mp3_44100_128',
        apiKey: KEY,
        text: 'Once, a fox ran.',
        modelId: 'eleven_multilingual_v2',
        voiceSettings: { stability: 0.3, similarity_boost: 0.85, style: 0.65, use_speaker_boost: true },
      },
    ]);
    expect(result.mimeType).toBe('audio/mpeg');
    expect(mp3Markers(result.audio)).toEqual(['tts-0', 'tts-0', 'tts-0']);
    expect(result.durationMs).toBe(78);
  });

  it('uses the configured model and the custom-voice settings when the voice has none', async () => {
    await client({ ttsModel: 'eleven_turbo_v2_5' }).synthesize('Hello.', { elevenLabsVoiceId: 'custom123' });
    const [call] = fake.ttsCalls();
    expect(call?.modelId).toBe('eleven_turbo_v2_5');
    expect(call?.voiceId).toBe('custom123');
    expect(call?.voiceSettings).toEqual({
      stability: CUSTOM_VOICE_SETTINGS.stability,
      similarity_boost: CUSTOM_VOICE_SETTINGS.similarityBoost,
      style: CUSTOM_VOICE_SETTINGS.style,
      use_speaker_boost: true,
    });
  });

  it('splits texts over 9,500 characters at sentences and joins the MP3 parts in order', async () => {
    const sentences = Array.from({ length: 500 }, (_, i) => `The fox counted star number ${i} in the sky.`);
    const text = `${sentences.slice(0, 250).join(' ')}\n\n${sentences.slice(250).join(' ')}`;
    expect(text.length).toBeGreaterThan(2 * 9_500);
    const result = await client().synthesize(text, CHARLIE);
    const calls = fake.ttsCalls();
    expect(calls.length).toBe(3);
    for (const call of calls) {
      expect(call.text.length).toBeLessThanOrEqual(9_500);
      expect(call.text.endsWith('in the sky.')).toBe(true);
    }
    expect(
      calls
        .map((call) => call.text)
        .join(' ')
        .split(/\s+/),
    ).toEqual(text.split(/\s+/));
    expect(mp3Markers(result.audio)).toEqual(calls.flatMap((_, n) => [`tts-${n}`, `tts-${n}`, `tts-${n}`]));
  });

  it('retries a 429 after the Retry-After delay', async () => {
    fake.script('tts', elevenLabsReplies.rateLimited(2));
    const result = await client().synthesize('Hello.', CHARLIE);
    expect(result.audio.length).toBeGreaterThan(0);
    expect(fake.requestsTo('tts')).toHaveLength(2);
    expect(sleeps).toEqual([2_000]);
  });

  it('ignores a Retry-After over 30 s and backs off from a doubled base after a 429', async () => {
    fake.script('tts', elevenLabsReplies.rateLimited(120), elevenLabsReplies.systemBusy());
    await client().synthesize('Hello.', CHARLIE);
    expect(fake.requestsTo('tts')).toHaveLength(3);
    // 1 s doubled for 429 = 2 s, then 4 s; jitter +0–500 ms (random fixed at 0.5 → +250 ms).
    expect(sleeps).toEqual([2_250, 4_250]);
  });

  it('retries a 500 and succeeds', async () => {
    fake.script('tts', elevenLabsReplies.serverError());
    const result = await client().synthesize('Hello.', CHARLIE);
    expect(result.mimeType).toBe('audio/mpeg');
    expect(fake.requestsTo('tts')).toHaveLength(2);
    expect(sleeps).toEqual([1_250]);
  });

  it('gives up after 3 attempts; a timeout is transient', async () => {
    fake.script('tts', elevenLabsReplies.hang(), elevenLabsReplies.hang(), elevenLabsReplies.hang());
    const error = await failure(client({ timeoutMs: 150 }).synthesize('Hello.', CHARLIE));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(isTransient(error)).toBe(true);
    expect(fake.requestsTo('tts')).toHaveLength(3);
  });

  it('does not retry input errors, and they leave the breaker closed', async () => {
    const elevenLabs = client();
    for (let i = 0; i < 4; i += 1) {
      fake.script('tts', i % 2 ? elevenLabsReplies.validation() : elevenLabsReplies.voiceNotFound());
      const error = await failure(elevenLabs.synthesize('Hello.', CHARLIE));
      expect(error.code).toBe('PROVIDER_ERROR');
    }
    expect(fake.requestsTo('tts')).toHaveLength(4);
    expect(sleeps).toEqual([]);
    expect(elevenLabs.breakerState()).toBe('closed');
    await elevenLabs.synthesize('Hello.', CHARLIE);
  });

  it('does not retry quota_exceeded (even as a 429) and counts it towards the breaker', async () => {
    const elevenLabs = client();
    fake.script(
      'tts',
      elevenLabsReplies.quotaExceeded(429),
      elevenLabsReplies.quotaExceeded(401),
      elevenLabsReplies.quotaExceeded(429),
    );
    for (let i = 0; i < 3; i += 1) {
      const error = await failure(elevenLabs.synthesize('Hello.', CHARLIE));
      expect(error).toBeInstanceOf(ElevenLabsQuotaExceededError);
      expect(isTransient(error)).toBe(false);
    }
    expect(fake.requestsTo('tts')).toHaveLength(3);
    expect(sleeps).toEqual([]);
    // Three failures open the breaker (3 / 90 s): the next call fails at once, nothing is sent.
    expect(elevenLabs.breakerState()).toBe('open');
    const open = await failure(elevenLabs.synthesize('Hello.', CHARLIE));
    expect(open.code).toBe('PROVIDER_UNAVAILABLE');
    expect(fake.requestsTo('tts')).toHaveLength(3);
  });

  it('refuses a body that is not MP3 without retrying', async () => {
    fake.script('tts', elevenLabsReplies.malformed());
    const error = await failure(client().synthesize('Hello.', CHARLIE));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(fake.requestsTo('tts')).toHaveLength(1);
  });

  it('refuses a voice without an ElevenLabs id without calling', async () => {
    const error = await failure(client().synthesize('Hello.', { deepgramModel: 'aura-luna-en' }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the wrong key as given and reports the 401 as a provider error', async () => {
    const error = await failure(client({ apiKey: 'wrong' }).synthesize('Hello.', CHARLIE));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(fake.requestsTo('tts')).toHaveLength(1);
  });
});

describe('ElevenLabs speech to text', () => {
  it('uploads the audio as multipart and returns the text', async () => {
    const audio = Buffer.from('fake-audio-bytes');
    const { text } = await client().transcribe(audio, 'audio/webm');
    expect(text).toBe('Once upon a time there was a little fox.');
    const [request] = fake.requestsTo('stt');
    expect(request?.headers['xi-api-key']).toBe(KEY);
    expect(request?.fields).toEqual({ model_id: 'scribe_v2', tag_audio_events: 'true', diarize: 'false' });
    expect(request?.files?.file?.type).toBe('audio/webm');
    expect(request?.files?.file?.name).toBe('audio.webm');
    expect(request?.files?.file?.bytes.equals(audio)).toBe(true);
  });

  it('retries a 500 and refuses an answer without text', async () => {
    fake.script('stt', elevenLabsReplies.serverError());
    await client().transcribe(Buffer.from('a'), 'audio/mpeg');
    expect(fake.requestsTo('stt')).toHaveLength(2);
    fake.script('stt', elevenLabsReplies.malformed());
    const error = await failure(client().transcribe(Buffer.from('a'), 'audio/mpeg'));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(fake.requestsTo('stt')).toHaveLength(3);
  });
});

describe('ElevenLabs voice cloning', () => {
  it('uploads name, sample and description and returns the new voice id', async () => {
    const sample = Buffer.from('sample-bytes');
    const { voiceId } = await client().clone('Grandma', sample, 'audio/mpeg');
    expect(voiceId).toBe('cloned_voice_1');
    const [request] = fake.requestsTo('clone');
    expect(request?.fields).toEqual({ name: 'Grandma', description: 'Cloned in Storytime' });
    expect(request?.files?.files?.type).toBe('audio/mpeg');
    expect(request?.files?.files?.bytes.equals(sample)).toBe(true);
  });

  it('makes a single attempt: a 500 or a timeout is not retried', async () => {
    fake.script('clone', elevenLabsReplies.serverError());
    const error = await failure(client().clone('Grandma', Buffer.from('x'), 'audio/wav'));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    fake.script('clone', elevenLabsReplies.hang());
    const timeout = await failure(client({ timeoutMs: 150 }).clone('Grandma', Buffer.from('x'), 'audio/wav'));
    expect(timeout.code).toBe('PROVIDER_UNAVAILABLE');
    expect(fake.requestsTo('clone')).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });
});

describe('ElevenLabs voice lookup and subscription', () => {
  it('maps a known voice and answers undefined for an unknown one without tripping the breaker', async () => {
    const elevenLabs = client();
    expect(await elevenLabs.lookup('IKne3meq5aSn9XLyUdCD')).toEqual({
      voiceId: 'IKne3meq5aSn9XLyUdCD',
      name: 'Charlie',
      previewUrl: 'https://cdn.fake/charlie.mp3',
    });
    for (let i = 0; i < 4; i += 1) expect(await elevenLabs.lookup('nobody')).toBeUndefined();
    expect(fake.requestsTo('voice')).toHaveLength(5);
    expect(await elevenLabs.lookup('IKne3meq5aSn9XLyUdCD')).toBeDefined();
  });

  it('maps the subscription', async () => {
    expect(await client().subscription()).toEqual({
      tier: 'creator',
      characterCount: 12_345,
      characterLimit: 100_000,
      nextResetUnix: 1_767_225_600,
      voiceLimit: 30,
    });
    expect(fake.requestsTo('subscription')[0]?.headers['xi-api-key']).toBe(KEY);
  });
});
