import { randomUUID } from 'node:crypto';
import { paragraphAudioCache } from '@storytime/db';
import { narrationTextHash } from '@storytime/providers/speech-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { setUsage } from './stories-detail-fixtures';
import { cacheAudio, call, insertNarratedStory, jobsOf, query, seedSystemVoices } from './voice-fixtures';

/**
 * TTS-01/02 paragraph batches (api.md Part 2 §B) and the provider preference of the audio cache
 * (rules.md §7.4) when ElevenLabs is configured.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { AUDIO_WAIT_TIMEOUT_MS: '150' } });
  await seedSystemVoices(t);
});
afterAll(async () => t.close());

const batch = (user: TestUser | null, body: unknown) =>
  call(t, 'POST', '/voice/story/audio/batch', { as: user, body });
const status = (user: TestUser | null, jobId: string) =>
  call(t, 'GET', `/voice/story/audio/batch/status/${jobId}`, { as: user });

async function cacheParagraph(storyId: string, text: string, provider: 'local' | 'deepgram' = 'local') {
  const audioUrl = `https://cdn.example.com/paragraphs/${randomUUID()}.mp3`;
  await t.app.core.db
    .insert(paragraphAudioCache)
    .values({ storyId, voiceKey: 'CHARLIE', textHash: narrationTextHash(text), provider, audioUrl });
  return audioUrl;
}

describe('POST /voice/story/audio/batch (TTS-01)', () => {
  it('returns cached paragraphs, waits for the first two others and queues the rest as one batch', async () => {
    const user = await createUser(t.app);
    const paragraphs = ['First part.', 'Second part.', 'Third   part.', 'Fourth part.', 'Fifth part.'];
    const story = await insertNarratedStory(t, { textContent: paragraphs.join('\n\n  \n') });
    const cachedUrl = await cacheParagraph(story.id, 'First part.');

    const response = await batch(user, { storyId: story.id });
    expect(response.statusCode).toBe(200);
    const data = response.json().data;
    expect(data).toMatchObject({
      message: expect.any(String),
      totalParagraphs: 5,
      batchJobId: expect.any(String),
      voiceId: 'CHARLIE',
      usedProvider: 'local',
      wasTruncated: false,
    });
    expect(data.paragraphs).toEqual([
      { index: 0, text: 'First part.', audioUrl: cachedUrl, status: 'ready' },
      { index: 1, text: 'Second part.', audioUrl: null, status: 'pending' },
      { index: 2, text: 'Third part.', audioUrl: null, status: 'pending' },
      { index: 3, text: 'Fourth part.', audioUrl: null, status: 'pending' },
      { index: 4, text: 'Fifth part.', audioUrl: null, status: 'pending' },
    ]);

    const jobs = await jobsOf(t, user.id);
    expect(jobs).toHaveLength(2);
    const now = jobs.find((job) => job.priority === 1)!;
    const later = jobs.find((job) => job.priority === 10)!;
    expect(later.id).toBe(data.batchJobId);
    expect(now).toMatchObject({ kind: 'paragraph_audio', job_name: 'synthesize-paragraphs' });
    expect(now.params).toMatchObject({
      storyId: story.id,
      voiceKey: 'CHARLIE',
      userId: user.id,
      paragraphs: [
        { index: 1, textHash: narrationTextHash('Second part.') },
        { index: 2, textHash: narrationTextHash('Third part.') },
      ],
    });
    expect((later.params.paragraphs as unknown[]).length).toBe(2);

    // The same request joins the same jobs, and the quota was metered once.
    const again = await batch(user, { storyId: story.id });
    expect(again.json().data.batchJobId).toBe(data.batchJobId);
    expect(await jobsOf(t, user.id)).toHaveLength(2);
    expect(
      (await query(t, 'select 1 from story_access where user_id = $1 and story_id = $2', [user.id, story.id]))
        .length,
    ).toBe(1);
  });

  it('records no job when every paragraph is cached', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t, { textContent: `Only ${randomUUID()}.` });
    await cacheParagraph(story.id, story.text, 'deepgram');
    const response = await batch(user, { storyId: story.id });
    expect(response.json().data).toMatchObject({ totalParagraphs: 1, usedProvider: 'deepgram' });
    expect(response.json().data.batchJobId).toBeUndefined();
    expect(await jobsOf(t, user.id)).toEqual([]);
  });

  it('drops the text past 50,000 characters', async () => {
    const user = await createUser(t.app);
    const long = 'word '.repeat(1_200).trim();
    const story = await insertNarratedStory(t, {
      textContent: Array.from({ length: 10 }, () => long).join('\n\n'),
    });
    const data = (await batch(user, { storyId: story.id })).json().data;
    // 8 whole paragraphs (6,001 characters each with the blank line) and the start of the 9th.
    expect(data).toMatchObject({ totalParagraphs: 9, wasTruncated: true });
    expect(data.paragraphs[8].text).toHaveLength(50_000 - 8 * 6_001);
  });

  it('is metered and voice-locked like STORY-39', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const locked = await batch(user, { storyId: story.id, voiceId: 'BILL' });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().code).toBe('VOICE_LOCKED');
    const spent = await createUser(t.app);
    await setUsage(t, spent.id, { read: 10 });
    const refused = await batch(spent, { storyId: story.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('STORY_LIMIT_EXCEEDED');
  });

  it('answers 404 for a story the caller cannot see, 400 for bad bodies, 401 without a session', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    const theirs = await insertNarratedStory(t, { ownerUserId: other.id });
    expect((await batch(user, { storyId: theirs.id })).statusCode).toBe(404);
    for (const body of [{}, { storyId: 'nope' }, { storyId: theirs.id, extra: true }]) {
      const response = await batch(user, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_ERROR');
    }
    expect((await batch(null, { storyId: theirs.id })).statusCode).toBe(401);
  });
});

describe('GET /voice/story/audio/batch/status/:batchJobId (TTS-02)', () => {
  it('reports the batch from its job row, to its owner only', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t, { textContent: 'One.\n\nTwo.\n\nThree.\n\nFour.' });
    const { batchJobId } = (await batch(user, { storyId: story.id })).json().data;

    const processing = await status(user, batchJobId);
    expect(processing.statusCode).toBe(200);
    expect(processing.json().data).toEqual({
      status: 'processing',
      completedParagraphs: [],
      failedParagraphs: [],
      totalQueued: 2,
    });

    await query(
      t,
      `update job_requests set status = 'completed',
         params = params || '{"completed":[{"index":2,"audioUrl":"https://cdn.example.com/p2.mp3"}],"failed":[3]}'::jsonb
       where id = $1`,
      [batchJobId],
    );
    expect((await status(user, batchJobId)).json().data).toEqual({
      status: 'completed',
      completedParagraphs: [{ index: 2, audioUrl: 'https://cdn.example.com/p2.mp3' }],
      failedParagraphs: [3],
      totalQueued: 2,
    });

    const other = await createUser(t.app);
    expect((await status(other, batchJobId)).statusCode).toBe(404);
    expect((await status(user, randomUUID())).statusCode).toBe(404);
    expect((await status(user, 'not-a-uuid')).statusCode).toBe(400);
    expect((await status(null, batchJobId)).statusCode).toBe(401);
  });

  it('does not expose other kinds of jobs', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const jobId = (await call(t, 'GET', `/voice/story/audio/${story.id}`, { as: user })).json().data.jobId;
    expect((await status(user, jobId)).statusCode).toBe(404);
  });
});

describe('audio cache provider preference with ElevenLabs configured (rules.md §7.4)', () => {
  let keyed: TestApp;

  beforeAll(async () => {
    keyed = await createTestApp({ env: { AUDIO_WAIT_TIMEOUT_MS: '100', ELEVEN_LABS_KEY: 'configured-key' } });
  });
  afterAll(async () => keyed.close());

  const narrate = (user: TestUser, storyId: string) =>
    call(keyed, 'GET', `/stories/story/audio/${storyId}`, { as: user });

  it('synthesises again while ElevenLabs is allowed, and serves the cached fallback once it is not', async () => {
    const user = await createUser(keyed.app);
    const story = await insertNarratedStory(keyed);
    const localUrl = await cacheAudio(keyed, { storyId: story.id, voiceKey: 'CHARLIE', text: story.text });
    expect((await narrate(user, story.id)).statusCode).toBe(202);

    // Two ElevenLabs narrations this month: a free user's allowance is spent.
    // (The usage row exists: metering the first read created it.)
    await query(
      keyed,
      'update user_usages set eleven_labs_count = 2, current_month = $2 where user_id = $1',
      [user.id, new Date().toISOString().slice(0, 7)],
    );
    const fallback = await narrate(user, story.id);
    expect(fallback.statusCode).toBe(200);
    expect(fallback.json().data.audioUrl).toBe(localUrl);
  });

  it('always serves cached ElevenLabs audio', async () => {
    const user = await createUser(keyed.app);
    const story = await insertNarratedStory(keyed);
    await cacheAudio(keyed, { storyId: story.id, voiceKey: 'CHARLIE', text: story.text, provider: 'local' });
    const elevenLabsUrl = await cacheAudio(keyed, {
      storyId: story.id,
      voiceKey: 'CHARLIE',
      text: story.text,
      provider: 'elevenlabs',
    });
    const response = await narrate(user, story.id);
    expect(response.statusCode).toBe(200);
    expect(response.json().data.audioUrl).toBe(elevenLabsUrl);
  });
});
