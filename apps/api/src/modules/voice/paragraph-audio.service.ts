import { createHash } from 'node:crypto';
import {
  type CachedParagraph,
  findCachedParagraphs,
  findNarratableStory,
  type TtsProvider,
} from '@storytime/db/repositories/audio-cache';
import { findJobRecord, type JobRecord } from '@storytime/db/repositories/job-requests';
import { ConflictError, NotFoundError } from '@storytime/errors';
import {
  JOB,
  type JobIntent,
  PRIORITY,
  synthesisDedupeKey,
  synthesizeParagraphsIntent,
  synthesizeParagraphsParamsSchema,
} from '@storytime/queue';
import type { CoreServices } from '../../composition';
import type { QuotaService } from '../quota/quota.service';
import type { AudioService } from './audio.service';
import type { JobWaiter } from './job-waiter';
import { type NarrationRules, pickCachedAudio, recordOrJoin } from './narration';
import { type StoryParagraph, splitStoryParagraphs } from './paragraphs';

/**
 * TTS-01/02 (api.md Part 2 §B, D6): a story narrated paragraph by paragraph. Cached paragraphs answer
 * at once; the first uncached ones are synthesised while the request waits, the rest are queued as
 * one background batch whose progress lives in its job row.
 */

/** Uncached paragraphs synthesised within the request's wait. */
export const PARAGRAPHS_NOW = 2;

type ParagraphStatus = 'ready' | 'pending' | 'failed';

const emptyParams = { paragraphs: [], completed: [], failed: [] };

function paramsOf(row: JobRecord | undefined) {
  const parsed = synthesizeParagraphsParamsSchema.safeParse(row?.params ?? {});
  return parsed.success ? parsed.data : emptyParams;
}

/** One `synthesize-paragraphs` job; identical batches share an active job through the dedupe key. */
function paragraphsIntent(
  storyId: string,
  voiceKey: string,
  userId: string,
  paragraphs: readonly StoryParagraph[],
  priority: number,
): JobIntent {
  const list = paragraphs.map(({ index, textHash }) => ({ index, textHash }));
  const digest = createHash('sha256')
    .update(list.map((paragraph) => `${paragraph.index}:${paragraph.textHash}`).join(','))
    .digest('hex');
  return {
    ...synthesizeParagraphsIntent({ storyId, voiceKey, userId, paragraphs: list }),
    priority,
    dedupeKey: synthesisDedupeKey(`paragraphs:${storyId}`, voiceKey, digest),
  };
}

export function createParagraphAudioService(
  core: CoreServices,
  deps: { audio: AudioService; quota: QuotaService; rules: NarrationRules; waiter: JobWaiter },
) {
  /** Best cached row per paragraph hash (rules.md §7.4 provider preference). */
  function bestByHash(rows: readonly CachedParagraph[], elevenLabsEligible: boolean) {
    const byHash = new Map<string, CachedParagraph[]>();
    for (const row of rows) byHash.set(row.textHash, [...(byHash.get(row.textHash) ?? []), row]);
    const best = new Map<string, CachedParagraph>();
    for (const [hash, candidates] of byHash) {
      const row = pickCachedAudio(candidates, elevenLabsEligible);
      if (row) best.set(hash, row);
    }
    return best;
  }

  /** TTS-01: metered like STORY-39, in the transaction that reads the cache and records the jobs. */
  async function batch(userId: string, storyId: string, requested: string | undefined) {
    const plan = await deps.audio.inTransaction(async (tx, outbox) => {
      const story = await findNarratableStory(tx, storyId, userId);
      if (!story) throw new NotFoundError('Story');
      const voice = await deps.audio.voiceFor(tx, userId, requested);
      await deps.quota.meter(tx, userId, story);
      const { paragraphs, wasTruncated } = splitStoryParagraphs(story.textContent ?? '');
      if (paragraphs.length === 0 && !wasTruncated)
        throw new ConflictError('INVALID_STATE', 'This story has no text to narrate');
      const eligible = await deps.rules.elevenLabsEligible(tx, userId, voice);
      const hashes = paragraphs.map((paragraph) => paragraph.textHash);
      const cached = bestByHash(await findCachedParagraphs(tx, storyId, voice.key, hashes), eligible);
      const uncached = paragraphs.filter((paragraph) => !cached.has(paragraph.textHash));
      const first = uncached.slice(0, PARAGRAPHS_NOW);
      const rest = uncached.slice(PARAGRAPHS_NOW);
      const now =
        first.length > 0
          ? await recordOrJoin(tx, outbox, paragraphsIntent(storyId, voice.key, userId, first, PRIORITY.high))
          : undefined;
      const later =
        rest.length > 0
          ? await recordOrJoin(tx, outbox, paragraphsIntent(storyId, voice.key, userId, rest, PRIORITY.low))
          : undefined;
      return { voiceKey: voice.key, paragraphs, wasTruncated, cached, first, now, later };
    });

    const failed = new Set<number>();
    if (plan.now) {
      if (plan.now.joined) await deps.audio.prioritise(plan.now.jobId);
      const row = await deps.waiter.wait(plan.now.jobId, core.config.env.AUDIO_WAIT_TIMEOUT_MS);
      const done = await findCachedParagraphs(
        core.db,
        storyId,
        plan.voiceKey,
        plan.first.map((paragraph) => paragraph.textHash),
      );
      // Whatever the worker produced now is the audio of these paragraphs.
      for (const [hash, cachedRow] of bestByHash(done, false)) plan.cached.set(hash, cachedRow);
      for (const index of paramsOf(row).failed) failed.add(index);
      if (row?.status === 'failed' || row?.status === 'cancelled')
        for (const paragraph of plan.first) failed.add(paragraph.index);
    }

    let usedProvider: TtsProvider | null = null;
    const paragraphs = plan.paragraphs.map((paragraph) => {
      const audio = plan.cached.get(paragraph.textHash);
      usedProvider ??= audio?.provider ?? null;
      const status: ParagraphStatus = audio ? 'ready' : failed.has(paragraph.index) ? 'failed' : 'pending';
      return { index: paragraph.index, text: paragraph.text, audioUrl: audio?.audioUrl ?? null, status };
    });
    const ready = paragraphs.every((paragraph) => paragraph.status === 'ready');
    return {
      message: ready ? 'Paragraph audio is ready' : 'Paragraph audio is being prepared',
      paragraphs,
      totalParagraphs: paragraphs.length,
      ...(plan.later ? { batchJobId: plan.later.jobId } : {}),
      voiceId: plan.voiceKey,
      usedProvider,
      wasTruncated: plan.wasTruncated,
    };
  }

  /** TTS-02: the batch's progress from its job row; someone else's (or another kind of job) is 404. */
  async function batchStatus(userId: string, batchJobId: string) {
    const row = await findJobRecord(core.db, batchJobId);
    if (!row || row.userId !== userId || row.jobName !== JOB.synthesizeParagraphs)
      throw new NotFoundError('Batch job');
    const params = paramsOf(row);
    const status =
      row.status === 'completed'
        ? ('completed' as const)
        : row.status === 'failed' || row.status === 'cancelled'
          ? ('failed' as const)
          : ('processing' as const);
    return {
      status,
      completedParagraphs: params.completed,
      failedParagraphs: params.failed,
      totalQueued: params.paragraphs.length,
    };
  }

  return { batch, batchStatus };
}

export type ParagraphAudioService = ReturnType<typeof createParagraphAudioService>;
