import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { narrationTextHash } from '@storytime/providers/speech-types';
import { createRedis, jobEventsChannel, synthesizeStoryIntent, synthesizeTextIntent } from '@storytime/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSynthesizeStoryHandler, createSynthesizeTextHandler } from '../src/voice/synthesize.processor';
import {
  aiLogs,
  audioFiles,
  audioRows,
  cachePrefix,
  closeHarness,
  createStory,
  createUser,
  depsFor,
  harnessReady,
  jobFor,
  jobRow,
  mediaDir,
  narrateStory,
  pool,
  recordOnly,
  redisUrl,
  setStoryText,
  startMediaServer,
} from './voice-harness';

/** No provider keys: the offline defaults of providers.md §8 (local voice, local media store). */
let media: Awaited<ReturnType<typeof startMediaServer>>;

beforeAll(async () => {
  await harnessReady();
  media = await startMediaServer();
});
afterAll(async () => {
  await media.close();
  await closeHarness();
});

describe('synthesize-story without provider keys', () => {
  it('narrates with the local voice into a real WAV in the local media store, served back', async () => {
    const deps = depsFor({ mediaBaseUrl: media.baseUrl });
    const story = await createStory('Once upon a time a small fox found a lantern.\r\n\r\nThe end.');
    const subscriber = createRedis(redisUrl, 'subscriber');
    const events: string[] = [];
    subscriber.on('message', (_channel, message) => events.push(message));
    const user = await createUser();

    const id = await recordOnly(
      synthesizeStoryIntent(
        {
          storyId: story.id,
          voiceKey: 'charlie',
          userId: user,
          textHash: story.textHash,
          setStoryAudioUrl: true,
        },
        { waiting: true },
      ),
    );
    await subscriber.subscribe(`${cachePrefix}${jobEventsChannel(id)}`);
    await createSynthesizeStoryHandler(deps)(jobFor(id));

    const [row] = await audioRows(story.id);
    expect(row).toMatchObject({ provider: 'local', voiceKey: 'charlie', textHash: story.textHash });
    expect(row!.audioUrl).toMatch(
      new RegExp(`^${media.baseUrl}/media/storytime/audio/story_${story.id}_local_[0-9a-f]{24}\\.wav$`),
    );
    expect(row!.durationMs).toBeGreaterThan(500);
    const response = await fetch(row!.audioUrl);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(
      bytes.equals(await readFile(join(mediaDir, new URL(row!.audioUrl).pathname.replace('/media/', '')))),
    ).toBe(true);

    const { rows: assets } = await pool.query(
      `select store, status, kind, mime_type, local_path, bytes from media_assets where id = $1`,
      [row!.mediaId],
    );
    expect(assets[0]).toMatchObject({
      store: 'local',
      status: 'stored',
      kind: 'audio',
      mime_type: 'audio/wav',
    });
    expect(Number(assets[0].bytes)).toBe(bytes.length);

    const job = await jobRow(id);
    expect(job).toMatchObject({ status: 'completed', resultRef: row!.id, progress: 100 });
    expect(job.params).toMatchObject({ audioUrl: row!.audioUrl, provider: 'local' });
    const { rows: stories } = await pool.query(`select audio_url from stories where id = $1`, [story.id]);
    expect(stories[0].audio_url).toBe(row!.audioUrl);
    // The local voice is free: nothing counted.
    expect(await aiLogs(user)).toEqual([]);

    for (let waited = 0; events.length < 2 && waited < 5_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.map((event) => JSON.parse(event).status)).toEqual(['running', 'completed']);
    expect(JSON.parse(events[1]!)).toMatchObject({ resultRef: row!.id });
    subscriber.disconnect();
  });

  it('is idempotent: a repeated job is skipped, a re-run and a concurrent run write one row and one file', async () => {
    const deps = depsFor({ mediaBaseUrl: media.baseUrl });
    const story = await createStory('A quiet owl counted the stars until morning came.');
    const first = await narrateStory(deps, story);
    expect(await createSynthesizeStoryHandler(deps)(jobFor(first.id, 1))).toEqual({ skipped: 'completed' });

    // A crash after the write and before completion: the retry finds the row instead of synthesising.
    await pool.query(`update job_requests set status = 'running' where id = $1`, [first.id]);
    expect(await createSynthesizeStoryHandler(deps)(jobFor(first.id, 1))).toMatchObject({ cached: true });
    expect((await jobRow(first.id)).status).toBe('completed');

    // Two jobs for the same fresh work at once (the API dedupes, a race may still do it twice).
    const other = await createStory('Two hedgehogs raced to the old oak tree and both won.');
    const ids = await Promise.all(
      [0, 1].map(() =>
        recordOnly({
          ...synthesizeStoryIntent(
            { storyId: other.id, voiceKey: 'WILL', userId: null, textHash: other.textHash },
            { waiting: false },
          ),
          dedupeKey: undefined,
        }),
      ),
    );
    await Promise.all(ids.map((id) => createSynthesizeStoryHandler(deps)(jobFor(id))));
    const rows = await audioRows(other.id);
    expect(rows).toHaveLength(1);
    expect(await audioFiles(`story_${other.id}_`)).toHaveLength(1);
    // The losing run's asset row goes with its lost insert: one asset for the one file.
    const { rows: assets } = await pool.query(`select id from media_assets where local_path like $1`, [
      `storytime/audio/story_${other.id}_%`,
    ]);
    expect(assets.map((asset) => asset.id)).toEqual([rows[0]!.mediaId]);
    for (const id of ids)
      expect(await jobRow(id)).toMatchObject({ status: 'completed', resultRef: rows[0]!.id });
    expect(await audioFiles(`story_${story.id}_`)).toHaveLength(1);
  });

  it('caches new text under a new row, and narrates the current text when it changed since the request', async () => {
    const deps = depsFor({ mediaBaseUrl: media.baseUrl });
    const story = await createStory('The moon hummed a song for the sleepy sea.');
    await narrateStory(deps, story);
    const secondHash = await setStoryText(story.id, 'The moon hummed a new song for the sleepy whales.');
    await narrateStory(deps, { id: story.id, textHash: secondHash });
    expect((await audioRows(story.id)).map((row) => row.textHash)).toEqual([story.textHash, secondHash]);

    // The request saw the second text; the story changed again before the job ran.
    const thirdHash = await setStoryText(story.id, 'The moon hummed a third song for the sleepy crabs.');
    const stale = await narrateStory(deps, { id: story.id, textHash: secondHash });
    const rows = await audioRows(story.id);
    expect(rows.map((row) => row.textHash)).toEqual([story.textHash, secondHash, thirdHash]);
    expect(stale.row).toMatchObject({ status: 'completed', resultRef: rows[2]!.id });
    expect(stale.row.params).toMatchObject({ narratedTextHash: thirdHash, textHash: secondHash });
    expect(await audioFiles(`story_${story.id}_`)).toHaveLength(3);
  });

  it("fails permanently for a missing story or someone else's voice", async () => {
    const deps = depsFor({ mediaBaseUrl: media.baseUrl });
    const gone = await createStory('Soon deleted.');
    await pool.query(`update stories set is_deleted = true where id = $1`, [gone.id]);
    const missing = await recordOnly(
      synthesizeStoryIntent(
        { storyId: gone.id, voiceKey: 'CHARLIE', userId: null, textHash: gone.textHash },
        { waiting: true },
      ),
    );
    await expect(createSynthesizeStoryHandler(deps)(jobFor(missing))).rejects.toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      retryable: false,
    });
    expect(await jobRow(missing)).toMatchObject({ status: 'failed', error: 'Story not found' });

    const owner = await createUser();
    const stranger = await createUser();
    const { rows } = await pool.query<{ id: string }>(
      `insert into voices (id, user_id, name, type, eleven_labs_voice_id) values (gen_random_uuid(), $1, 'Mine', 'elevenlabs', 'own-voice') returning id`,
      [owner],
    );
    const story = await createStory('A voice that is not yours.');
    const foreign = await recordOnly(
      synthesizeStoryIntent(
        { storyId: story.id, voiceKey: rows[0]!.id, userId: stranger, textHash: story.textHash },
        { waiting: true },
      ),
    );
    await expect(createSynthesizeStoryHandler(deps)(jobFor(foreign))).rejects.toMatchObject({
      retryable: false,
    });
    expect(await audioRows(story.id)).toEqual([]);
  });
});

describe('synthesize-text', () => {
  it('caches raw text with storyId null, once per voice and text', async () => {
    const deps = depsFor({ mediaBaseUrl: media.baseUrl });
    const text = `Hello little reader number ${Date.now()}.`;
    const intent = synthesizeTextIntent({
      text,
      voiceKey: 'LILY',
      userId: null,
      textHash: narrationTextHash(text),
    });
    const first = await recordOnly(intent);
    await createSynthesizeTextHandler(deps)(jobFor(first));
    const second = await recordOnly(intent);
    await createSynthesizeTextHandler(deps)(jobFor(second));
    const rows = (await audioRows(null, 'LILY')).filter((row) => row.textHash === narrationTextHash(text));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ storyId: null, provider: 'local' });
    expect(rows[0]!.audioUrl).toMatch(/\/media\/storytime\/audio\/text_local_[0-9a-f]{24}\.wav$/);
    expect(await jobRow(first)).toMatchObject({ status: 'completed', resultRef: rows[0]!.id });
    expect(await jobRow(second)).toMatchObject({ status: 'completed', resultRef: rows[0]!.id });
  });
});
