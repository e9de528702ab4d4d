import { type FakeDeepgram, startFakeDeepgram } from '@storytime/providers/deepgram-testing';
import {
  elevenLabsReplies,
  type FakeElevenLabs,
  startFakeElevenLabs,
} from '@storytime/providers/elevenlabs-testing';
import { resetCircuitBreakers } from '@storytime/providers/resilience';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  aiLogs,
  audioRows,
  closeHarness,
  createStory,
  createUser,
  depsFor,
  harnessReady,
  narrateStory,
  pool,
  startMediaServer,
  usageOf,
} from './voice-harness';

let media: Awaited<ReturnType<typeof startMediaServer>>;
let elevenLabs: FakeElevenLabs;
let deepgram: FakeDeepgram;

beforeAll(async () => {
  await harnessReady();
  [media, elevenLabs, deepgram] = await Promise.all([
    startMediaServer(),
    startFakeElevenLabs(),
    startFakeDeepgram(),
  ]);
});
beforeEach(() => {
  elevenLabs.reset();
  deepgram.reset();
  resetCircuitBreakers();
});
afterAll(async () => {
  await Promise.all([media.close(), elevenLabs.close(), deepgram.close()]);
  await closeHarness();
});

const CHARLIE_ELEVENLABS_ID = 'IKne3meq5aSn9XLyUdCD';
const month = () => new Date().toISOString().slice(0, 7);

describe('synthesize-story with ElevenLabs and Deepgram', () => {
  const keyed = () => depsFor({ mediaBaseUrl: media.baseUrl, elevenLabs, deepgram });

  it('narrates with ElevenLabs, counts it once, and serves the second request of the month from the cache', async () => {
    const user = await createUser();
    const story = await createStory('The brave little kite flew over the hills. It waved at the clouds.');
    const first = await narrateStory(keyed(), story, { userId: user });
    const [row] = await audioRows(story.id);
    expect(row).toMatchObject({ provider: 'elevenlabs' });
    expect(row!.audioUrl).toMatch(/\.mp3$/);
    expect(elevenLabs.ttsCalls()).toHaveLength(1);
    expect(elevenLabs.ttsCalls()[0]).toMatchObject({
      voiceId: CHARLIE_ELEVENLABS_ID,
      apiKey: 'el-test-key',
      voiceSettings: { stability: 0.3, similarity_boost: 0.85, style: 0.65, use_speaker_boost: true },
    });
    expect(first.row).toMatchObject({ status: 'completed', resultRef: row!.id });
    expect(await usageOf(user)).toMatchObject({ count: 1, month: month() });
    expect(await aiLogs(user)).toEqual(['{"provider":"ElevenLabs","type":"tts","credits":1}']);

    const second = await narrateStory(keyed(), story, { userId: user });
    expect(second.row).toMatchObject({ status: 'completed', resultRef: row!.id });
    expect(second.result).toMatchObject({ provider: 'elevenlabs', cached: true });
    expect(elevenLabs.ttsCalls()).toHaveLength(1);
    expect(await usageOf(user)).toMatchObject({ count: 1 });
    expect(await aiLogs(user)).toHaveLength(1);
    expect(deepgram.speakCalls()).toHaveLength(0);
  });

  it('moves a free user past 2 ElevenLabs narrations to Deepgram, and to the local voice without Deepgram', async () => {
    const user = await createUser();
    for (const text of ['First tale of the month.', 'Second tale of the month.'])
      await narrateStory(keyed(), await createStory(text), { userId: user });
    expect(await usageOf(user)).toMatchObject({ count: 2 });

    const third = await createStory('Third tale of the month, told by Deepgram.');
    await narrateStory(keyed(), third, { userId: user });
    expect((await audioRows(third.id))[0]).toMatchObject({ provider: 'deepgram' });
    expect(elevenLabs.ttsCalls()).toHaveLength(2);
    expect(deepgram.speakCalls().length).toBeGreaterThan(0);
    expect(deepgram.speakCalls()[0]!.model).toBe('aura-orion-en');
    expect(await usageOf(user)).toMatchObject({ count: 2 });

    const fourth = await createStory('Fourth tale, with no Deepgram key configured.');
    await narrateStory(depsFor({ mediaBaseUrl: media.baseUrl, elevenLabs }), fourth, { userId: user });
    expect((await audioRows(fourth.id))[0]).toMatchObject({ provider: 'local' });
    expect(elevenLabs.ttsCalls()).toHaveLength(2);

    // Another user's ElevenLabs audio of the same story is served to the capped user: hits cost nothing.
    const shared = await createStory('A story someone else already heard.');
    await narrateStory(keyed(), shared, { userId: await createUser() });
    const reused = await narrateStory(keyed(), shared, { userId: user });
    expect(reused.result).toMatchObject({ provider: 'elevenlabs', cached: true });
    expect(await usageOf(user)).toMatchObject({ count: 2 });
  });

  it('gives premium users 20 a month and resets the counters in a new month', async () => {
    const premium = await createUser({ premium: true });
    await pool.query(
      `insert into user_usages (id, user_id, current_month, eleven_labs_count) values (gen_random_uuid(), $1, $2, 2)`,
      [premium, month()],
    );
    await narrateStory(keyed(), await createStory('A premium tale.'), { userId: premium });
    expect(await usageOf(premium)).toMatchObject({ count: 3 });

    const returning = await createUser();
    await pool.query(
      `insert into user_usages (id, user_id, current_month, eleven_labs_count, gemini_story_count) values (gen_random_uuid(), $1, '2000-01', 7, 4)`,
      [returning],
    );
    const story = await createStory('A tale in a brand new month.');
    await narrateStory(keyed(), story, { userId: returning });
    expect((await audioRows(story.id))[0]).toMatchObject({ provider: 'elevenlabs' });
    expect(await usageOf(returning)).toEqual({ count: 1, month: month(), gemini: 0 });
  });

  it('falls to Deepgram when ElevenLabs answers 500, without counting', async () => {
    const user = await createUser();
    elevenLabs.script(
      'tts',
      elevenLabsReplies.serverError(),
      elevenLabsReplies.serverError(),
      elevenLabsReplies.serverError(),
    );
    const story = await createStory('The storm rolled in but the lighthouse kept shining.');
    const run = await narrateStory(keyed(), story, { userId: user });
    expect((await audioRows(story.id))[0]).toMatchObject({ provider: 'deepgram' });
    expect(run.row.params).toMatchObject({ provider: 'deepgram' });
    expect(elevenLabs.requestsTo('tts')).toHaveLength(3);
    expect(await usageOf(user)).toBeUndefined();
    expect(await aiLogs(user)).toEqual([]);
  });

  it("uses the custom-voice settings for the user's own ElevenLabs voice", async () => {
    const user = await createUser();
    const { rows } = await pool.query<{ id: string }>(
      `insert into voices (id, user_id, name, type, eleven_labs_voice_id) values (gen_random_uuid(), $1, 'Grandma', 'elevenlabs', 'grandma-el') returning id`,
      [user],
    );
    const story = await createStory('Grandma told the tale of the singing kettle.');
    await narrateStory(keyed(), story, { userId: user, voiceKey: rows[0]!.id });
    expect(elevenLabs.ttsCalls()[0]).toMatchObject({
      voiceId: 'grandma-el',
      voiceSettings: { stability: 0.35, similarity_boost: 0.8, style: 0.55, use_speaker_boost: true },
    });
    expect((await audioRows(story.id, rows[0]!.id))[0]).toMatchObject({ provider: 'elevenlabs' });
  });
});
