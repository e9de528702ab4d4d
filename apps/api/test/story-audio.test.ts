import { randomUUID } from 'node:crypto';
import { completeJob, failJobAttempt } from '@storytime/db/repositories/job-requests';
import { narrationTextHash } from '@storytime/providers/speech-types';
import { publishJobEvent, synthesizeStoryIntent } from '@storytime/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { setUsage } from './stories-detail-fixtures';
import { eventually } from './users-fixtures';
import {
  cacheAudio,
  call,
  insertNarratedStory,
  jobsOf,
  ownVoice,
  premiumUser,
  query,
  type SystemVoices,
  seedSystemVoices,
} from './voice-fixtures';

/**
 * STORY-39/47 and their twins VOICE-09/10 (api.md §4.10, §6): cache hits, the synthesis job with its
 * dedupe and wait, the quota (rules.md §2) and the voice rules (rules.md §7). No worker runs here: the
 * job row is completed or failed by hand where a test needs the worker's answer.
 */

let t: TestApp;
let system: SystemVoices;

beforeAll(async () => {
  t = await createTestApp({ env: { AUDIO_WAIT_TIMEOUT_MS: '150' } });
  system = await seedSystemVoices(t);
});
afterAll(async () => t.close());

const TWINS = ['/stories/story/audio', '/voice/story/audio'] as const;

const narrate = (prefix: string, storyId: string, user: TestUser | null, voiceId?: string) =>
  call(
    t,
    'GET',
    `${prefix}/${storyId}${voiceId === undefined ? '' : `?voiceId=${encodeURIComponent(voiceId)}`}`,
    {
      as: user,
    },
  );

const accessOf = async (userId: string, storyId: string) =>
  (await query(t, 'select 1 from story_access where user_id = $1 and story_id = $2', [userId, storyId]))
    .length;

describe.each(TWINS)('GET %s/:id', (prefix) => {
  it('answers a cached narration at once, records no job and meters the quota', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const audioUrl = await cacheAudio(t, { storyId: story.id, voiceKey: 'CHARLIE', text: story.text });
    const response = await narrate(prefix, story.id, user);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      success: true,
      statusCode: 200,
      data: { message: expect.any(String), audioUrl, voiceId: 'CHARLIE', statusCode: 200 },
    });
    expect(await jobsOf(t, user.id)).toEqual([]);
    expect(await accessOf(user.id, story.id)).toBe(1);
  });

  it('resolves catalogue keys case-insensitively, ElevenLabs ids, and anything else to CHARLIE', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const audioUrl = await cacheAudio(t, { storyId: story.id, voiceKey: 'CHARLIE', text: story.text });
    for (const voiceId of ['charlie', 'IKne3meq5aSn9XLyUdCD', 'unknownVoice42']) {
      const response = await narrate(prefix, story.id, user, voiceId);
      expect(response.statusCode).toBe(200);
      expect(response.json().data).toMatchObject({ audioUrl, voiceId: 'CHARLIE' });
    }
  });

  it('records a synthesize-story job on a miss and answers 202; the same work joins the same job', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const first = await narrate(prefix, story.id, user);
    expect(first.statusCode).toBe(202);
    expect(first.headers['retry-after']).toBe('5');
    const data = first.json().data;
    expect(data).toEqual({ jobId: expect.any(String), status: expect.any(String), retryAfterSeconds: 5 });
    expect(['pending', 'queued']).toContain(data.status);

    const [job] = await jobsOf(t, user.id);
    expect(job).toMatchObject({
      id: data.jobId,
      kind: 'story_audio',
      job_name: 'synthesize-story',
      priority: 1,
      dedupe_key: `tts:${story.id}:CHARLIE:${story.textHash}`,
      params: { storyId: story.id, voiceKey: 'CHARLIE', userId: user.id, textHash: story.textHash },
    });

    const again = await narrate(prefix, story.id, user);
    expect(again.statusCode).toBe(202);
    expect(again.json().data.jobId).toBe(data.jobId);
    // Another family asking for the same narration waits on the same job.
    const other = await createUser(t.app);
    expect((await narrate(prefix, story.id, other)).json().data.jobId).toBe(data.jobId);
    expect(await jobsOf(t, user.id)).toHaveLength(1);
  });
});

describe('GET /voice/story/audio/:id details', () => {
  it('joins parallel first requests onto one job', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => narrate('/voice/story/audio', story.id, user)),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202, 202, 202]);
    expect(new Set(answers.map((answer) => answer.json().data.jobId)).size).toBe(1);
    expect(await jobsOf(t, user.id)).toHaveLength(1);
  });

  it('raises a background narration job to high priority when a request waits on it', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const background = await t.app.core.outbox.transaction((_tx, outbox) =>
      outbox.add(
        synthesizeStoryIntent(
          { storyId: story.id, voiceKey: 'CHARLIE', userId: user.id, textHash: story.textHash },
          { waiting: false },
        ),
      ),
    );
    expect(background.priority).toBe(5);
    const response = await narrate('/voice/story/audio', story.id, user);
    expect(response.json().data.jobId).toBe(background.id);
    const [job] = await jobsOf(t, user.id);
    expect(job?.priority).toBe(1);
    const queued = await t.app.core.producer.queue('voice-synthesis').getJob(background.id);
    expect(queued?.priority).toBe(1);
  });

  it('is metered: a free user out of quota gets 403 STORY_LIMIT_EXCEEDED and nothing is recorded', async () => {
    const user = await createUser(t.app);
    await setUsage(t, user.id, { read: 10 });
    const story = await insertNarratedStory(t);
    await cacheAudio(t, { storyId: story.id, voiceKey: 'CHARLIE', text: story.text });
    for (const prefix of TWINS) {
      const response = await narrate(prefix, story.id, user);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({
        code: 'STORY_LIMIT_EXCEEDED',
        details: { remaining: 0, totalAllowed: 10 },
      });
    }
    const miss = await insertNarratedStory(t);
    expect((await narrate('/voice/story/audio', miss.id, user)).statusCode).toBe(403);
    expect(await jobsOf(t, user.id)).toEqual([]);

    // A story already read, the family's own story and premium users are never refused.
    await query(t, 'insert into story_access (user_id, story_id) values ($1, $2)', [user.id, story.id]);
    expect((await narrate('/voice/story/audio', story.id, user)).statusCode).toBe(200);
    const own = await insertNarratedStory(t, { ownerUserId: user.id });
    expect((await narrate('/voice/story/audio', own.id, user)).statusCode).toBe(202);
    const premium = await premiumUser(t);
    await setUsage(t, premium.id, { read: 10 });
    expect((await narrate('/voice/story/audio', story.id, premium)).statusCode).toBe(200);
  });

  it('holds free users to CHARLIE and their second voice (403 VOICE_LOCKED), premium users to none', async () => {
    const user = await createUser(t.app);
    const story = await insertNarratedStory(t);
    const jessicaUrl = await cacheAudio(t, { storyId: story.id, voiceKey: 'JESSICA', text: story.text });

    const locked = await narrate('/voice/story/audio', story.id, user, 'JESSICA');
    expect(locked.statusCode).toBe(403);
    expect(locked.json()).toMatchObject({ code: 'VOICE_LOCKED', details: { allowedVoices: ['CHARLIE'] } });
    // A refused narration spends no quota.
    expect(await accessOf(user.id, story.id)).toBe(0);

    const claim = await call(t, 'PATCH', '/voice/second-voice', { as: user, body: { voiceId: 'JESSICA' } });
    expect(claim.statusCode).toBe(200);
    const allowed = await narrate('/voice/story/audio', story.id, user, system.JESSICA!);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().data).toMatchObject({ audioUrl: jessicaUrl, voiceId: 'JESSICA' });
    const will = await narrate('/voice/story/audio', story.id, user, 'WILL');
    expect(will.json()).toMatchObject({
      code: 'VOICE_LOCKED',
      details: { allowedVoices: ['CHARLIE', system.JESSICA] },
    });

    const premium = await premiumUser(t);
    const own = await ownVoice(t, premium.id, { elevenLabsVoiceId: `own${randomUUID().slice(0, 8)}` });
    const ownUrl = await cacheAudio(t, { storyId: story.id, voiceKey: own, text: story.text });
    expect((await narrate('/voice/story/audio', story.id, premium, 'WILL')).statusCode).toBe(202);
    const byUuid = await narrate('/voice/story/audio', story.id, premium, own);
    expect(byUuid.json().data).toMatchObject({ audioUrl: ownUrl, voiceId: own });
  });

  it('answers 404 for another user’s voice and for stories the caller cannot see', async () => {
    const user = await premiumUser(t);
    const other = await createUser(t.app);
    const theirs = await ownVoice(t, other.id);
    const story = await insertNarratedStory(t);
    const voice = await narrate('/voice/story/audio', story.id, user, theirs);
    expect(voice.statusCode).toBe(404);
    expect(voice.json().code).toBe('RESOURCE_NOT_FOUND');

    const privateStory = await insertNarratedStory(t, { ownerUserId: other.id });
    const deleted = await insertNarratedStory(t, { isDeleted: true });
    for (const id of [privateStory.id, deleted.id, randomUUID()]) {
      const response = await narrate('/stories/story/audio', id, user);
      expect(response.statusCode).toBe(404);
    }
    expect(await jobsOf(t, user.id)).toEqual([]);
  });

  it('refuses a story without text, bad ids and long voice ids', async () => {
    const user = await premiumUser(t);
    const empty = await insertNarratedStory(t, { textContent: null });
    const noText = await narrate('/voice/story/audio', empty.id, user);
    expect(noText.statusCode).toBe(409);
    expect(noText.json().code).toBe('INVALID_STATE');
    expect((await narrate('/voice/story/audio', 'not-a-uuid', user)).statusCode).toBe(400);
    const long = await narrate('/voice/story/audio', empty.id, user, 'x'.repeat(65));
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('VALIDATION_ERROR');
  });

  it('needs a session', async () => {
    const story = await insertNarratedStory(t);
    for (const prefix of TWINS) expect((await narrate(prefix, story.id, null)).statusCode).toBe(401);
  });
});

describe.each(TWINS)('POST %s', (prefix) => {
  const speak = (user: TestUser | null, body: unknown) => call(t, 'POST', prefix, { as: user, body });

  it('answers a cached raw-text narration with 201', async () => {
    const user = await createUser(t.app);
    const content = `Hello ${randomUUID()}, little fox.`;
    const audioUrl = await cacheAudio(t, { storyId: null, voiceKey: 'CHARLIE', text: content });
    const response = await speak(user, { content: `  ${content}  ` });
    expect(response.statusCode).toBe(201);
    expect(response.json().data).toEqual({
      message: expect.any(String),
      audioUrl,
      voiceId: 'CHARLIE',
      statusCode: 200,
    });
    expect(await jobsOf(t, user.id)).toEqual([]);
  });

  it('records one synthesize-text job per text and voice, answering 202', async () => {
    const user = await createUser(t.app);
    const content = `Goodnight ${randomUUID()}.`;
    const first = await speak(user, { content, voiceId: 'CHARLIE' });
    expect(first.statusCode).toBe(202);
    expect(first.headers['retry-after']).toBe('5');
    const second = await speak(user, { content });
    expect(second.json().data.jobId).toBe(first.json().data.jobId);
    const [job] = await jobsOf(t, user.id);
    expect(job).toMatchObject({
      kind: 'text_audio',
      job_name: 'synthesize-text',
      priority: 1,
      dedupe_key: `tts:text:CHARLIE:${narrationTextHash(content)}`,
      params: { text: content, voiceKey: 'CHARLIE', userId: user.id },
    });
  });

  it('applies the voice lock and validates the body', async () => {
    const user = await createUser(t.app);
    const locked = await speak(user, { content: 'Hi there.', voiceId: 'LAURA' });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().code).toBe('VOICE_LOCKED');
    for (const body of [{}, { content: '' }, { content: 'x'.repeat(5001) }, { content: 'Hi', extra: 1 }]) {
      const response = await speak(user, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_ERROR');
    }
    expect((await speak(null, { content: 'Hi' })).statusCode).toBe(401);
  });
});

describe('waiting for the synthesis job', () => {
  let slow: TestApp;

  beforeAll(async () => {
    slow = await createTestApp({ env: { AUDIO_WAIT_TIMEOUT_MS: '20000' } });
  });
  afterAll(async () => slow.close());

  const activeJob = async (userId: string) =>
    (
      await eventually(
        () => jobsOf(slow, userId),
        (rows) => rows.length > 0,
        5_000,
      )
    )[0]!;

  it('answers 200 with the audio URL as soon as the job completes', async () => {
    const user = await createUser(slow.app);
    const story = await insertNarratedStory(slow);
    const pending = call(slow, 'GET', `/stories/story/audio/${story.id}`, { as: user });
    const job = await activeJob(user.id);
    const audioUrl = 'https://cdn.example.com/audio/done.mp3';
    const started = Date.now();
    await completeJob(slow.app.core.db, job.id, { params: { ...job.params, audioUrl } });
    await publishJobEvent(slow.app.core.redis, slow.prefixes.cache, job.id, { status: 'completed' });
    const response = await pending;
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({ audioUrl, voiceId: 'CHARLIE' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers 502 PROVIDER_ERROR when the job fails for good', async () => {
    const user = await createUser(slow.app);
    const pending = call(slow, 'POST', '/voice/story/audio', {
      as: user,
      body: { content: `Fail ${randomUUID()}` },
    });
    const job = await activeJob(user.id);
    await failJobAttempt(slow.app.core.db, job.id, 'every provider failed', true);
    await publishJobEvent(slow.app.core.redis, slow.prefixes.cache, job.id, { status: 'failed' });
    const response = await pending;
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'PROVIDER_ERROR', details: { jobId: job.id } });
  });
});
