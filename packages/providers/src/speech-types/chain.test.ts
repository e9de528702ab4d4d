import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDeepgram, startFakeDeepgram } from '../deepgram-testing';
import { type FakeElevenLabs, startFakeElevenLabs } from '../elevenlabs-testing';
import { resetCircuitBreakers } from '../resilience';
import {
  createSpeechChain,
  createSpeechServices,
  createTranscriptionChain,
  describeSpeechProviders,
} from './chain';

let elevenLabs: FakeElevenLabs;
let deepgram: FakeDeepgram;

beforeAll(async () => {
  [elevenLabs, deepgram] = await Promise.all([startFakeElevenLabs(), startFakeDeepgram()]);
});
afterAll(() => Promise.all([elevenLabs.close(), deepgram.close()]));
beforeEach(() => {
  elevenLabs.reset();
  deepgram.reset();
  resetCircuitBreakers();
});

describe('createSpeechChain', () => {
  it('is the local voice alone without keys (blank keys count as unset)', () => {
    expect(createSpeechChain({}).map((provider) => provider.name)).toEqual(['local']);
    expect(createSpeechChain({ ELEVEN_LABS_KEY: ' ', DEEPGRAM_API_KEY: '' }).map((p) => p.name)).toEqual([
      'local',
    ]);
    const services = createSpeechServices({});
    expect(services.transcription).toEqual([]);
    expect(services.clone).toBeUndefined();
    expect(services.lookup).toBeUndefined();
    expect(services.subscription).toBeUndefined();
  });

  it('orders ElevenLabs, Deepgram, local when both keys are set', () => {
    const env = { ELEVEN_LABS_KEY: 'k1', DEEPGRAM_API_KEY: 'k2' };
    expect(createSpeechChain(env).map((provider) => provider.name)).toEqual([
      'elevenlabs',
      'deepgram',
      'local',
    ]);
    expect(createTranscriptionChain(env).map((provider) => provider.name)).toEqual([
      'elevenlabs',
      'deepgram',
    ]);
    expect(describeSpeechProviders(env)).toEqual({
      tts: ['elevenlabs', 'deepgram', 'local'],
      stt: ['elevenlabs', 'deepgram'],
      cloning: 'elevenlabs',
    });
    expect(createSpeechChain({ DEEPGRAM_API_KEY: 'k2' }).map((provider) => provider.name)).toEqual([
      'deepgram',
      'local',
    ]);
  });

  it('points the clients at the configured base URLs, models and SSML switch', async () => {
    const services = createSpeechServices({
      ELEVEN_LABS_KEY: 'el-key',
      ELEVENLABS_BASE_URL: elevenLabs.url,
      ELEVENLABS_TTS_MODEL: 'eleven_flash_v2_5',
      ELEVENLABS_STT_MODEL: 'scribe_v1',
      DEEPGRAM_API_KEY: 'dg-key',
      DEEPGRAM_BASE_URL: deepgram.url,
      DEEPGRAM_SSML: 'false',
    });
    const [eleven, dg] = services.speech;
    await eleven!.synthesize('Hello.', { elevenLabsVoiceId: 'v1' });
    await dg!.synthesize('Hello, fox.', {});
    await services.transcription[0]!.transcribe(Buffer.from('a'), 'audio/mpeg');
    expect(elevenLabs.ttsCalls()[0]).toMatchObject({ apiKey: 'el-key', modelId: 'eleven_flash_v2_5' });
    expect(elevenLabs.requestsTo('stt')[0]?.fields?.model_id).toBe('scribe_v1');
    expect(deepgram.speakCalls()[0]).toMatchObject({ text: 'Hello, fox.', authorization: 'Token dg-key' });
  });
});
