import { type FakeElevenLabs, startFakeElevenLabs } from '@storytime/providers/elevenlabs-testing';
import { resetCircuitBreakers } from '@storytime/providers/resilience';
import { narrationTextHash } from '@storytime/providers/speech-types';
import { synthesizeParagraphsIntent } from '@storytime/queue';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createSynthesizeParagraphsHandler,
  splitNarrationParagraphs,
} from '../src/voice/synthesize-paragraphs.processor';
import {
  aiLogs,
  closeHarness,
  createStory,
  createUser,
  depsFor,
  harnessReady,
  jobFor,
  jobRow,
  pool,
  recordOnly,
  startMediaServer,
  usageOf,
} from './voice-harness';

let media: Awaited<ReturnType<typeof startMediaServer>>;
let elevenLabs: FakeElevenLabs;

beforeAll(async () => {
  await harnessReady();
  [media, elevenLabs] = await Promise.all([startMediaServer(), startFakeElevenLabs()]);
});
beforeEach(() => {
  elevenLabs.reset();
  resetCircuitBreakers();
});
afterAll(async () => {
  await Promise.all([media.close(), elevenLabs.close()]);
  await closeHarness();
});

const TEXT =
  'The fox woke early.\r\n\r\nShe packed   bread and jam.\n \nThen she   walked to the river.\n\n\n';

async function paragraphRows(storyId: string) {
  const { rows } = await pool.query(
    `select text_hash as "textHash", provider, audio_url as "audioUrl" from paragraph_audio_cache where story_id = $1`,
    [storyId],
  );
  return rows as Array<{ textHash: string; provider: string; audioUrl: string }>;
}

describe('splitNarrationParagraphs', () => {
  it('cuts at blank lines, normalises each paragraph and drops empty ones', () => {
    expect(splitNarrationParagraphs(TEXT)).toEqual({
      paragraphs: ['The fox woke early.', 'She packed bread and jam.', 'Then she walked to the river.'],
      truncated: false,
    });
    expect(splitNarrationParagraphs(`${'a'.repeat(50_000)}\n\nlost`)).toMatchObject({ truncated: true });
  });
});

describe('synthesize-paragraphs', () => {
  it('narrates the requested paragraphs, records progress in the job row, and lists the missing ones as failed', async () => {
    const story = await createStory(TEXT);
    const { paragraphs } = splitNarrationParagraphs(TEXT);
    const hashes = paragraphs.map((paragraph) => narrationTextHash(paragraph));
    const intent = synthesizeParagraphsIntent({
      storyId: story.id,
      voiceKey: 'LAURA',
      userId: null,
      paragraphs: [
        { index: 2, textHash: hashes[2]! },
        { index: 0, textHash: hashes[0]! },
        { index: 5, textHash: 'not-in-the-story' },
      ],
    });
    const id = await recordOnly(intent);
    await createSynthesizeParagraphsHandler(depsFor({ mediaBaseUrl: media.baseUrl }))(jobFor(id));

    const rows = await paragraphRows(story.id);
    expect(rows.map((row) => row.textHash).sort()).toEqual([hashes[0], hashes[2]].sort());
    expect(rows.every((row) => row.provider === 'local' && row.audioUrl.endsWith('.wav'))).toBe(true);
    const job = await jobRow(id);
    expect(job).toMatchObject({ status: 'completed', progress: 100 });
    expect(job.params.completed).toEqual([
      { index: 0, audioUrl: rows.find((row) => row.textHash === hashes[0])!.audioUrl },
      { index: 2, audioUrl: rows.find((row) => row.textHash === hashes[2])!.audioUrl },
    ]);
    expect(job.params.failed).toEqual([5]);
    const audio = await fetch(rows[0]!.audioUrl);
    expect(
      Buffer.from(await audio.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('RIFF');

    // A second batch for the same paragraphs is served from the paragraph cache.
    const again = await recordOnly(intent);
    await createSynthesizeParagraphsHandler(depsFor({ mediaBaseUrl: media.baseUrl }))(jobFor(again));
    expect(await paragraphRows(story.id)).toHaveLength(2);
    expect((await jobRow(again)).params.completed).toEqual(job.params.completed);
  });

  it('counts a batch narrated with ElevenLabs as one narration', async () => {
    const user = await createUser();
    const story = await createStory(TEXT);
    const hashes = splitNarrationParagraphs(TEXT).paragraphs.map((paragraph) => narrationTextHash(paragraph));
    const id = await recordOnly(
      synthesizeParagraphsIntent({
        storyId: story.id,
        voiceKey: 'JESSICA',
        userId: user,
        paragraphs: hashes.map((textHash, index) => ({ index, textHash })),
      }),
    );
    await createSynthesizeParagraphsHandler(depsFor({ mediaBaseUrl: media.baseUrl, elevenLabs }))(jobFor(id));
    expect(elevenLabs.ttsCalls()).toHaveLength(3);
    expect(elevenLabs.ttsCalls()[0]!.voiceId).toBe('cgSgspJ2msm6clMCkdW9');
    expect((await paragraphRows(story.id)).map((row) => row.provider)).toEqual([
      'elevenlabs',
      'elevenlabs',
      'elevenlabs',
    ]);
    expect(await usageOf(user)).toMatchObject({ count: 1 });
    expect(await aiLogs(user)).toHaveLength(1);
    expect((await jobRow(id)).params).toMatchObject({ elevenLabsCounted: true, failed: [] });
  });
});
