import { randomUUID } from 'node:crypto';
import { createDb, createPool } from '@storytime/db';
import { findCatalogueNames } from '@storytime/db/repositories/generated-stories';
import { testDatabaseConfig } from '@storytime/db/testing';
import { createLogger } from '@storytime/observability';
import { createQueueProducer, createRedis, jobEventsChannel, QUEUE } from '@storytime/queue';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGenerateStoryHandler } from '../src/generation/generate-story.processor';
import { createStoryTextProvider, type StoryTextProvider } from '../src/providers';
import {
  createCategory,
  createGeminiClient,
  createKid,
  createSeason,
  createTheme,
  createUser,
  createVoices,
  type FakeGemini,
  fakeStory,
  genericParams,
  jobFor,
  jobRow,
  preferCategory,
  recordGeneration,
  resetCircuitBreakers,
  run,
  startFakeGemini,
} from './fixtures';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-${run}`;
const eventPrefix = `st:test:${run}:`;
const logger = createLogger({ service: 'worker-story-test', level: 'silent' });
const pool = createPool(testDatabaseConfig());
const db = createDb(pool);
const producerConnection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(producerConnection, prefix);
const redis = createRedis(redisUrl, 'command');
const subscriber = createRedis(redisUrl, 'subscriber');
const listener = createRedis(redisUrl, 'subscriber');
const NOW = new Date('2026-03-15T10:00:00.000Z');

let fake: FakeGemini;
let gemini: StoryTextProvider;
const offline = createStoryTextProvider({});

/** Gemini against the fake server, with instant backoff waits. */
function geminiFor(server: FakeGemini): StoryTextProvider {
  return createGeminiClient({
    apiKey: server.apiKey,
    baseUrl: server.baseUrl,
    timeoutMs: 5_000,
    sleep: async () => {},
    logger,
  });
}

function handler(storyText: StoryTextProvider = gemini, random: () => number = () => 0) {
  return createGenerateStoryHandler({
    db,
    producer,
    redis,
    subscriber,
    logger,
    storyText,
    eventPrefix,
    audioWaitMs: 200,
    coverTemplate: undefined,
    publicMediaBaseUrl: 'http://media.test',
    random,
    now: () => NOW,
  });
}

/** Collects the events published for a job. */
async function collectEvents(jobId: string) {
  const channel = `${eventPrefix}${jobEventsChannel(jobId)}`;
  const events: Array<Record<string, unknown>> = [];
  const onMessage = (received: string, message: string) => {
    if (received === channel) events.push(JSON.parse(message));
  };
  listener.on('message', onMessage);
  await listener.subscribe(channel);
  return {
    events,
    async stop() {
      listener.off('message', onMessage);
      await listener.unsubscribe(channel);
    },
  };
}

async function storiesWithId(id: string) {
  const { rows } = await pool.query('select * from stories where id = $1', [id]);
  return rows;
}

async function usageOf(userId: string) {
  const { rows } = await pool.query(
    'select current_month, gemini_story_count, eleven_labs_count, gemini_image_count from user_usages where user_id = $1',
    [userId],
  );
  return rows[0];
}

async function generationLogs(userId: string) {
  const { rows } = await pool.query(
    `select kid_id, status, details from activity_logs where user_id = $1 and action = 'AI_GENERATION'`,
    [userId],
  );
  return rows;
}

beforeAll(async () => {
  fake = await startFakeGemini();
  gemini = geminiFor(fake);
});

beforeEach(() => {
  fake.reset();
  resetCircuitBreakers();
});

afterAll(async () => {
  await fake?.close();
  for (const queue of producer.all()) await queue.obliterate({ force: true }).catch(() => {});
  await producer.close();
  producerConnection.disconnect();
  redis.disconnect();
  subscriber.disconnect();
  listener.disconnect();
  await pool.end();
});

describe('generate-story: the generic path', () => {
  it('persists the story with its questions, links, usage, activity and narration, publishing each stage', async () => {
    const userId = await createUser(db);
    const categoryId = await createCategory(db, `Gen Sea ${run}`);
    const themeId = await createTheme(db, `Gen Sky ${run}`);
    const seasonId = await createSeason(db, `Gen Winter ${run}`);
    // A row of an older month: every monthly counter resets before this generation counts.
    await pool.query(
      `insert into user_usages (id, user_id, current_month, gemini_story_count, eleven_labs_count, gemini_image_count)
       values ($1, $2, '2025-12', 7, 2, 3)`,
      [randomUUID(), userId],
    );
    const questions = [
      ...fakeStory().questions,
      { question: 'A sixth?', options: ['a', 'b', 'c', 'd'], answer: 1 },
    ];
    fake.reply({ kind: 'story', story: { difficultyLevel: 14, questions } });
    const params = genericParams({
      themes: [`gen sky ${run}`, `Unknown Theme ${run}`],
      categories: [`GEN SEA ${run}`],
      seasonIds: [seasonId],
      kidName: 'Mia',
      ageMin: 5,
      ageMax: 7,
    });
    const jobId = await recordGeneration(db, userId, params);
    const listening = await collectEvents(jobId);

    expect(await handler()(jobFor(jobId))).toEqual({ storyId: params.storyId });

    const row = await jobRow(db, jobId);
    expect(row).toMatchObject({
      status: 'completed',
      stage: 'completed',
      progress: 100,
      resultRef: params.storyId,
      attempts: 1,
      error: null,
    });
    const [story] = await storiesWithId(params.storyId);
    expect(story).toMatchObject({
      ai_generated: true,
      owner_user_id: userId,
      creator_kid_id: null,
      title: 'Maya and the Whispering Library',
      language: 'English',
      age_min: 5,
      age_max: 7,
      difficulty_level: 10,
      is_published: true,
    });
    expect(story.text_content).toBe(fakeStory().content);
    expect(story.word_count).toBe(fakeStory().content.trim().split(/\s+/).length);
    expect(story.duration_seconds).toBe(Math.ceil((story.word_count / 150) * 60));
    expect(story.text_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(story.cover_image_url).toMatch(
      /^https:\/\/image\.pollinations\.ai\/prompt\/Children's%20storybook/,
    );

    const { rows: storedQuestions } = await pool.query(
      'select question, options, correct_option, position from story_questions where story_id = $1 order by position',
      [params.storyId],
    );
    expect(storedQuestions).toHaveLength(5);
    expect(storedQuestions[1]).toMatchObject({
      question: 'What did the bird carry?',
      options: ['A letter', 'A silver key', 'A seed', 'A ribbon'],
      correct_option: 1,
      position: 1,
    });

    const links = await pool.query(
      `select (select array_agg(category_id) from story_categories where story_id = $1) as categories,
              (select array_agg(theme_id) from story_themes where story_id = $1) as themes,
              (select array_agg(season_id) from story_seasons where story_id = $1) as seasons,
              (select count(*)::int from themes where name ilike $2) as unknown_themes`,
      [params.storyId, `Unknown Theme ${run}`],
    );
    expect(links.rows[0]).toEqual({
      categories: [categoryId],
      themes: [themeId],
      seasons: [seasonId],
      unknown_themes: 0,
    });

    expect(await usageOf(userId)).toEqual({
      current_month: '2026-03',
      gemini_story_count: 1,
      eleven_labs_count: 0,
      gemini_image_count: 0,
    });
    expect(await generationLogs(userId)).toEqual([
      {
        kid_id: null,
        status: 'SUCCESS',
        details: '{"provider":"Gemini","type":"story_generation","credits":1}',
      },
    ]);

    // The narration: recorded in the persistence transaction, enqueued after it, default voice.
    const narration = await db.query.jobRequests.findFirst({
      where: (t, { and, eq }) => and(eq(t.kind, 'story_audio'), eq(t.userId, userId)),
    });
    expect(narration).toMatchObject({
      queue: QUEUE.voiceSynthesis,
      jobName: 'synthesize-story',
      status: 'queued',
      priority: 5,
      dedupeKey: `tts:${params.storyId}:CHARLIE:${story.text_hash}`,
      params: {
        storyId: params.storyId,
        voiceKey: 'CHARLIE',
        userId,
        textHash: story.text_hash,
        setStoryAudioUrl: true,
      },
    });
    expect(await producer.queue(QUEUE.voiceSynthesis).getJob(narration!.id)).toBeDefined();

    const prompt = fake.requests[0]?.prompt ?? '';
    expect(prompt).toContain('Main character: Mia');
    expect(prompt).toContain(`Season: Gen Winter ${run}`);
    expect(prompt).toContain('Reader age: 5 to 7 years');

    await listening.stop();
    expect(listening.events.map((event) => [event.status, event.stage, event.progress])).toEqual([
      ['running', 'generating_content', 30],
      ['running', 'persisting', 70],
      ['running', 'generating_audio', 90],
      ['completed', 'completed', 100],
    ]);
    expect(listening.events.at(-1)).toMatchObject({ storyId: params.storyId });
  });

  it('uses the offline storyteller without a key, with the default cover', async () => {
    const userId = await createUser(db);
    const params = genericParams({ kidName: 'Ola' });
    const jobId = await recordGeneration(db, userId, params);
    await handler(offline)(jobFor(jobId));
    const [story] = await storiesWithId(params.storyId);
    expect(story.cover_image_url).toBe('http://media.test/media/defaults/cover.png');
    expect(story.title).toContain('Ola');
    const { rows } = await pool.query('select count(*)::int as n from story_questions where story_id = $1', [
      params.storyId,
    ]);
    expect(rows[0].n).toBe(5);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('generate-story: the kid path', () => {
  it('builds the prompt from the kid and stores the story as the family’s', async () => {
    const userId = await createUser(db);
    const preferred = await createCategory(db, `Gen Pref ${run}`);
    const requested = await createCategory(db, `Gen Asked ${run}`);
    const voices = await createVoices(db, userId, 'JESSICA', 'Jessica');
    const kidId = await createKid(db, userId, {
      name: 'Zed',
      ageRange: '6',
      excludedTags: ['spiders', 'thunder'],
      preferredVoiceId: voices.ownNamedLikeCatalogue,
    });
    await preferCategory(db, kidId, preferred);
    const params = genericParams({
      mode: 'kid',
      themes: [],
      categories: [`gen asked ${run}`, `GEN PREF ${run}`],
      language: 'English',
    });
    const jobId = await recordGeneration(db, userId, params, kidId);
    const catalogue = await findCatalogueNames(db);

    await handler(gemini, () => 0)(jobFor(jobId));

    const prompt = fake.requests[0]?.prompt ?? '';
    expect(prompt).toContain('Reader age: 6 to 8 years');
    expect(prompt).toContain('Main character: Zed');
    expect(prompt).toContain('Strictly avoid these topics, creatures and elements');
    expect(prompt).toContain('spiders, thunder');
    expect(prompt).toContain(`Themes: ${catalogue.themes[0]}`);
    expect(prompt).toContain(`Categories: gen asked ${run}, GEN PREF ${run}`);

    const [story] = await storiesWithId(params.storyId);
    expect(story).toMatchObject({ creator_kid_id: kidId, owner_user_id: userId, age_min: 6, age_max: 8 });
    const { rows: linked } = await pool.query(
      'select category_id from story_categories where story_id = $1 order by category_id',
      [params.storyId],
    );
    expect(linked.map((row) => row.category_id).sort()).toEqual([preferred, requested].sort());
    const { rows: themeLinks } = await pool.query(
      'select t.name from story_themes st join themes t on t.id = st.theme_id where st.story_id = $1',
      [params.storyId],
    );
    expect(themeLinks.map((row) => row.name)).toEqual([catalogue.themes[0]]);

    const narration = await db.query.jobRequests.findFirst({
      where: (t, { and, eq }) => and(eq(t.kind, 'story_audio'), eq(t.userId, userId)),
    });
    expect(narration?.params).toMatchObject({ voiceKey: 'JESSICA' });
    expect(narration?.kidId).toBe(kidId);
    expect((await usageOf(userId)).gemini_story_count).toBe(1);
    expect(await generationLogs(userId)).toMatchObject([{ kid_id: kidId }]);
  });

  it('falls back to Hero, the random category, 4–8 and a custom voice id', async () => {
    const userId = await createUser(db);
    const voices = await createVoices(db, userId, 'JESSICA', 'Jessica');
    const kidId = await createKid(db, userId, {
      name: null,
      ageRange: 'toddler',
      preferredVoiceId: voices.custom,
    });
    const params = genericParams({ mode: 'kid', themes: ['Courage'], categories: [] });
    const jobId = await recordGeneration(db, userId, params, kidId);
    const catalogue = await findCatalogueNames(db);
    // 0.999… picks the last name of the list.
    await handler(gemini, () => 0.9999)(jobFor(jobId));
    const prompt = fake.requests[0]?.prompt ?? '';
    expect(prompt).toContain('Main character: Hero');
    expect(prompt).toContain('Reader age: 4 to 8 years');
    expect(prompt).toContain(`Categories: ${catalogue.categories.at(-1)}`);
    expect(prompt).toContain('Themes: Courage');
    const narration = await db.query.jobRequests.findFirst({
      where: (t, { and, eq }) => and(eq(t.kind, 'story_audio'), eq(t.userId, userId)),
    });
    expect(narration?.params).toMatchObject({ voiceKey: voices.custom });
  });

  it('fails permanently when the kid is gone', async () => {
    const userId = await createUser(db);
    const otherParent = await createUser(db);
    const kidId = await createKid(db, otherParent);
    const params = genericParams({ mode: 'kid' });
    const jobId = await recordGeneration(db, userId, params, kidId);
    await expect(handler()(jobFor(jobId))).rejects.toBeInstanceOf(UnrecoverableError);
    const row = await jobRow(db, jobId);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^RESOURCE_NOT_FOUND: /);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('generate-story: failures and retries', () => {
  it('survives one 500 inside the client’s own retries', async () => {
    const userId = await createUser(db);
    fake.reply({ kind: 'status', status: 500 });
    const params = genericParams();
    const jobId = await recordGeneration(db, userId, params);
    await handler()(jobFor(jobId));
    expect(fake.requests).toHaveLength(2);
    expect((await jobRow(db, jobId)).status).toBe('completed');
  });

  it('retries a provider outage as a new attempt, then succeeds', async () => {
    const userId = await createUser(db);
    fake.reply(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    const params = genericParams();
    const jobId = await recordGeneration(db, userId, params);

    const failure = await handler()(jobFor(jobId, 0)).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(UnrecoverableError);
    expect(failure).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    let row = await jobRow(db, jobId);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.error).toMatch(/^PROVIDER_UNAVAILABLE: /);
    expect(await storiesWithId(params.storyId)).toHaveLength(0);

    await handler()(jobFor(jobId, 1));
    row = await jobRow(db, jobId);
    expect(row).toMatchObject({ status: 'completed', attempts: 2, error: null, resultRef: params.storyId });
    expect(await storiesWithId(params.storyId)).toHaveLength(1);
  });

  it('marks the row failed with PROVIDER_UNAVAILABLE when the last attempt fails', async () => {
    const userId = await createUser(db);
    fake.setDefault({ kind: 'status', status: 503 });
    const params = genericParams();
    const jobId = await recordGeneration(db, userId, params);
    const listening = await collectEvents(jobId);
    await expect(handler()(jobFor(jobId, 2))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    const row = await jobRow(db, jobId);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^PROVIDER_UNAVAILABLE: /);
    expect(row.completedAt).toBeInstanceOf(Date);
    await listening.stop();
    expect(listening.events.at(-1)).toMatchObject({ status: 'failed', error: row.error });
  });

  it('fails AI_OUTPUT_INVALID at once after two unusable answers, writing nothing', async () => {
    const userId = await createUser(db);
    fake.reply({ kind: 'malformed' }, { kind: 'wrong-shape' });
    const params = genericParams();
    const jobId = await recordGeneration(db, userId, params);
    await expect(handler()(jobFor(jobId, 0))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(fake.requests).toHaveLength(2);
    const row = await jobRow(db, jobId);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^AI_OUTPUT_INVALID: /);
    expect(await storiesWithId(params.storyId)).toHaveLength(0);
    expect(await usageOf(userId)).toBeUndefined();
  });

  it('refuses a row without usable params permanently', async () => {
    const userId = await createUser(db);
    const jobId = await recordGeneration(db, userId, { ...genericParams(), storyId: 'nope' });
    await expect(handler()(jobFor(jobId))).rejects.toBeInstanceOf(UnrecoverableError);
    expect((await jobRow(db, jobId)).error).toMatch(/^VALIDATION_ERROR: /);
  });
});

describe('generate-story: idempotency (D16)', () => {
  it('writes one story when the same job is processed twice', async () => {
    const userId = await createUser(db);
    const params = genericParams();
    const jobId = await recordGeneration(db, userId, params);
    await handler()(jobFor(jobId, 0));
    expect(await handler()(jobFor(jobId, 1))).toEqual({ skipped: true });
    expect(fake.requests).toHaveLength(1);
    expect(await storiesWithId(params.storyId)).toHaveLength(1);
    expect((await usageOf(userId)).gemini_story_count).toBe(1);
  });

  it('finishes a job whose story was persisted before a crash, without asking the model again', async () => {
    const userId = await createUser(db);
    const params = genericParams();
    const jobId = await recordGeneration(db, userId, params);
    await handler()(jobFor(jobId, 0));
    // As if the worker died after the persistence commit but before completing the row.
    await pool.query(
      `update job_requests set status = 'running', stage = 'persisting', progress = 70, result_ref = null where id = $1`,
      [jobId],
    );
    await handler()(jobFor(jobId, 1));
    expect(fake.requests).toHaveLength(1);
    expect(await jobRow(db, jobId)).toMatchObject({ status: 'completed', resultRef: params.storyId });
    expect(await storiesWithId(params.storyId)).toHaveLength(1);
    expect((await usageOf(userId)).gemini_story_count).toBe(1);
    expect(await generationLogs(userId)).toHaveLength(1);
    const { rows } = await pool.query(
      `select count(*)::int as n from job_requests where kind = 'story_audio' and user_id = $1`,
      [userId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('does nothing for a cancelled job', async () => {
    const userId = await createUser(db);
    const params = genericParams();
    const jobId = await recordGeneration(db, userId, params);
    await pool.query(`update job_requests set status = 'cancelled' where id = $1`, [jobId]);
    expect(await handler()(jobFor(jobId))).toEqual({ skipped: true });
    expect(fake.requests).toHaveLength(0);
    expect((await jobRow(db, jobId)).status).toBe('cancelled');
    expect(await storiesWithId(params.storyId)).toHaveLength(0);
  });
});
