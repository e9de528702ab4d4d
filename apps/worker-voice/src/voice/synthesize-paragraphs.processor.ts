import type { DbOrTx } from '@storytime/db';
import { completeJob } from '@storytime/db/repositories/job-requests';
import { deleteMediaAsset } from '@storytime/db/repositories/media-transfers';
import {
  type CachedParagraphAudio,
  findNarrationStory,
  findParagraphAudio,
  insertParagraphAudio,
  saveJobProgress,
  type TtsProvider,
} from '@storytime/db/repositories/narration';
import { narrationTextHash, splitStoryParagraphs } from '@storytime/providers/speech-types';
import { type SynthesizeParagraphsParams, synthesizeParagraphsParamsSchema } from '@storytime/queue';
import type { VoiceWorkerDeps } from '../deps';
import { type JobRun, permanent, type QueueJob, runJobRecord } from '../jobs/job-run';
import { isElevenLabsEligible } from './allowance';
import { audioObjectId, recordAudioAsset, scheduleAudioTransfer, storeAudio } from './audio-store';
import { countElevenLabs } from './narrate';
import { selectNarration } from './selection';
import { resolveVoice } from './voices';

/**
 * The paragraphs of a story's text as TTS-01 splits it (api.md §B): the first 50,000 characters,
 * cut at blank lines, each paragraph normalised like any narrated text, empty ones dropped. A
 * paragraph's cache key is the hash of its normalised text.
 */
/** The paragraphs as texts, split exactly as the API split them (shared definition). */
export function splitNarrationParagraphs(text: string): { paragraphs: string[]; truncated: boolean } {
  const { paragraphs, wasTruncated } = splitStoryParagraphs(text);
  return { paragraphs: paragraphs.map((paragraph) => paragraph.text), truncated: wasTruncated };
}

interface BatchState {
  completed: Map<number, string>;
  failed: Set<number>;
  /** A batch counts as one ElevenLabs narration (decision), once, whatever the retries. */
  elevenLabsCounted: boolean;
}

/**
 * `synthesize-paragraphs` (phase 2, TTS-01/02): each requested paragraph is narrated with the same
 * selection as a story (rules.md §7.4) into `paragraph_audio_cache`; `params.completed` / `failed`
 * are written to the job row as paragraphs finish, so the status route reads progress from it.
 * A paragraph no provider could narrate, or whose text is no longer in the story, is listed as failed.
 */
export function createSynthesizeParagraphsHandler(deps: VoiceWorkerDeps) {
  return (job: QueueJob) =>
    runJobRecord(deps, job, synthesizeParagraphsParamsSchema, async (run) => {
      const { params } = run;
      const story = await findNarrationStory(deps.db, params.storyId);
      if (!story) throw permanent('RESOURCE_NOT_FOUND', 'Story not found');
      const { paragraphs } = splitNarrationParagraphs(story.textContent ?? '');
      const hashes = paragraphs.map((paragraph) => narrationTextHash(paragraph));
      const voice = await resolveVoice(deps.db, params.voiceKey, params.userId);
      const cachedRows = await findParagraphAudio(
        deps.db,
        story.id,
        params.voiceKey,
        params.paragraphs.map((paragraph) => paragraph.textHash),
      );
      const cachedByHash = new Map<string, Partial<Record<TtsProvider, CachedParagraphAudio>>>();
      for (const row of cachedRows)
        cachedByHash.set(row.textHash, { ...cachedByHash.get(row.textHash), [row.provider]: row });
      const eligible = await isElevenLabsEligible(
        deps.db,
        deps.speech,
        voice.params,
        params.userId,
        deps.now(),
      );

      const state: BatchState = {
        completed: new Map(params.completed.map((entry) => [entry.index, entry.audioUrl])),
        failed: new Set(params.failed),
        elevenLabsCounted: run.row.params.elevenLabsCounted === true,
      };
      const requested = [...params.paragraphs].sort((a, b) => a.index - b.index);
      const snapshot = () => paramsOf(run, params, state);
      const progress = () =>
        Math.floor((100 * (state.completed.size + state.failed.size)) / requested.length);

      for (const paragraph of requested) {
        if (state.completed.has(paragraph.index)) continue;
        const text =
          hashes[paragraph.index] === paragraph.textHash
            ? paragraphs[paragraph.index]
            : paragraphs[hashes.indexOf(paragraph.textHash)];
        if (text === undefined) {
          run.log.info({ index: paragraph.index }, 'paragraph no longer in the story text');
          state.failed.add(paragraph.index);
          await saveJobProgress(deps.db, run.row.id, snapshot(), progress());
          continue;
        }
        try {
          await narrateParagraph(deps, run, {
            storyId: story.id,
            index: paragraph.index,
            text,
            textHash: paragraph.textHash,
            cached: cachedByHash.get(paragraph.textHash) ?? {},
            eligible,
            voice: voice.params,
            state,
            save: (tx) => saveJobProgress(tx, run.row.id, snapshot(), progress()),
          });
        } catch (error) {
          run.log.warn({ index: paragraph.index, err: error }, 'paragraph not narrated');
          state.failed.add(paragraph.index);
          await saveJobProgress(deps.db, run.row.id, snapshot(), progress());
        }
      }
      await completeJob(deps.db, run.row.id, { resultRef: null, params: snapshot() });
      return {
        resultRef: null,
        result: { completed: state.completed.size, failed: [...state.failed].sort((a, b) => a - b) },
      };
    });
}

function paramsOf(run: JobRun<unknown>, params: SynthesizeParagraphsParams, state: BatchState) {
  return {
    ...run.row.params,
    ...params,
    completed: [...state.completed]
      .sort(([a], [b]) => a - b)
      .map(([index, audioUrl]) => ({ index, audioUrl })),
    failed: [...state.failed].sort((a, b) => a - b),
    elevenLabsCounted: state.elevenLabsCounted,
  };
}

async function narrateParagraph(
  deps: VoiceWorkerDeps,
  run: JobRun<SynthesizeParagraphsParams>,
  input: {
    storyId: string;
    index: number;
    text: string;
    textHash: string;
    cached: Partial<Record<TtsProvider, CachedParagraphAudio>>;
    eligible: boolean;
    voice: Parameters<typeof selectNarration>[0]['voice'];
    state: BatchState;
    save: (tx: DbOrTx) => Promise<void>;
  },
): Promise<void> {
  const { params } = run;
  const { state } = input;
  const selection = await selectNarration({
    speech: deps.speech,
    cached: input.cached,
    elevenLabsEligible: input.eligible,
    text: input.text,
    voice: input.voice,
    log: run.log.child({ index: input.index }),
  });
  if (selection.kind === 'cached') {
    state.completed.set(input.index, selection.row.audioUrl);
    state.failed.delete(input.index);
    await input.save(deps.db);
    return;
  }
  const { provider } = selection;
  const objectId = audioObjectId(`paragraph_${input.storyId}`, provider, [
    params.voiceKey,
    input.textHash,
    provider,
  ]);
  const stored = await storeAudio(deps, selection.audio, objectId, params.userId);
  const before = { counted: state.elevenLabsCounted, failed: state.failed.has(input.index) };
  // A lost insert (another run wrote this paragraph first) wrote the same object id, so no second file.
  await deps.outbox
    .transaction(async (tx, outbox) => {
      await recordAudioAsset(tx, stored);
      const written = await insertParagraphAudio(tx, {
        storyId: input.storyId,
        voiceKey: params.voiceKey,
        textHash: input.textHash,
        provider,
        audioUrl: stored.url,
        mediaId: stored.mediaId,
      });
      if (!written.created) await deleteMediaAsset(tx, stored.mediaId);
      else {
        await scheduleAudioTransfer(
          outbox,
          stored,
          [{ table: 'paragraph_audio_cache', column: 'audio_url', id: written.id }],
          params.userId,
        );
        if (provider === 'elevenlabs' && params.userId && !state.elevenLabsCounted) {
          await countElevenLabs(tx, params.userId, deps.now());
          state.elevenLabsCounted = true;
        }
      }
      state.completed.set(input.index, written.audioUrl);
      state.failed.delete(input.index);
      await input.save(tx);
    })
    .catch((error: unknown) => {
      // Rolled back: the batch state must not claim what the database does not hold.
      state.completed.delete(input.index);
      state.elevenLabsCounted = before.counted;
      if (before.failed) state.failed.add(input.index);
      throw error;
    });
}
