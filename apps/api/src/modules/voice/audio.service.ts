import type { Tx } from '@storytime/db';
import {
  findCachedAudio,
  findCachedAudioById,
  findNarratableStory,
  type NarratableStory,
} from '@storytime/db/repositories/audio-cache';
import type { JobRecord } from '@storytime/db/repositories/job-requests';
import { ConflictError, NotFoundError, ProviderError, ValidationError } from '@storytime/errors';
import { narrationTextHash, normalizeNarrationText } from '@storytime/providers/speech-types';
import {
  type OutboxScope,
  PRIORITY,
  QUEUE,
  synthesizeStoryIntent,
  synthesizeTextIntent,
} from '@storytime/queue';
import type { CoreServices } from '../../composition';
import type { QuotaService } from '../quota/quota.service';
import type { JobWaiter } from './job-waiter';
import {
  isDedupeRace,
  type NarrationRules,
  type NarrationVoice,
  pickCachedAudio,
  type RecordedSynthesis,
  recordOrJoin,
  resolveNarrationVoice,
} from './narration';
import type { VoiceLock } from './voice-access';

/**
 * STORY-39/VOICE-09 and STORY-47/VOICE-10 (api.md §4.10, §6): a cached narration answers at once;
 * otherwise the synthesis job is recorded (or joined) through the outbox and the request waits for it
 * up to `AUDIO_WAIT_TIMEOUT_MS`, then answers 202 with the job id (platform.md §10.3 item 6).
 */

/** Characters a story narration may have (rules.md §7.4). */
export const NARRATION_TEXT_LIMIT = 50_000;

/** `Job202.retryAfterSeconds` of the audio routes (api.md §0.3). */
export const AUDIO_RETRY_AFTER_SECONDS = 5;

export type AudioOutcome =
  | { kind: 'ready'; audioUrl: string; voiceKey: string }
  | { kind: 'pending'; jobId: string; status: string; voiceKey: string };

type Started =
  | { kind: 'ready'; audioUrl: string; voiceKey: string }
  | ({ kind: 'job'; voiceKey: string } & RecordedSynthesis);

export interface AudioServiceDeps {
  quota: QuotaService;
  lock: VoiceLock;
  rules: NarrationRules;
  waiter: JobWaiter;
}

export function createAudioService(core: CoreServices, deps: AudioServiceDeps) {
  const timeoutMs = () => core.config.env.AUDIO_WAIT_TIMEOUT_MS;

  /** One run of `work` in an outbox transaction, run again once if a parallel request won the dedupe race. */
  async function inTransaction<T>(work: (tx: Tx, outbox: OutboxScope) => Promise<T>): Promise<T> {
    try {
      return await core.outbox.transaction(work);
    } catch (error) {
      if (!isDedupeRace(error)) throw error;
      return core.outbox.transaction(work);
    }
  }

  /** The voice, with the free-tier lock applied (rules.md §7.2). */
  async function voiceFor(tx: Tx, userId: string, requested: string | undefined): Promise<NarrationVoice> {
    const voice = await resolveNarrationVoice(tx, userId, requested);
    await deps.lock.assertMayNarrate(tx, userId, voice.voice);
    return voice;
  }

  function storyText(story: NarratableStory): string {
    const text = normalizeNarrationText(story.textContent ?? '');
    if (!text) throw new ConflictError('INVALID_STATE', 'This story has no text to narrate');
    if (text.length > NARRATION_TEXT_LIMIT)
      throw new ValidationError(`A narration may have at most ${NARRATION_TEXT_LIMIT} characters`, [
        { path: 'textContent', message: 'too long to narrate' },
      ]);
    return text;
  }

  /** A joined job now has a waiting request: move it up the queue too (best effort; the row is updated). */
  async function prioritise(jobId: string): Promise<void> {
    try {
      const job = await core.producer.queue(QUEUE.voiceSynthesis).getJob(jobId);
      if (!job || job.priority <= PRIORITY.high) return;
      // Jobs with a priority wait in the `prioritized` state, not `waiting`.
      const state = await job.getState();
      if (state === 'prioritized' || state === 'waiting')
        await job.changePriority({ priority: PRIORITY.high });
    } catch (error) {
      core.logger.warn({ err: error, jobRequestId: jobId }, 'could not raise a narration job priority');
    }
  }

  /** The audio URL of a completed narration job: copied into its params, else its cache row. */
  async function audioUrlOf(row: JobRecord): Promise<string | undefined> {
    const fromParams = row.params.audioUrl;
    if (typeof fromParams === 'string' && fromParams.length > 0) return fromParams;
    if (!row.resultRef) return undefined;
    return (await findCachedAudioById(core.db, row.resultRef))?.audioUrl;
  }

  async function settle(started: Started): Promise<AudioOutcome> {
    if (started.kind === 'ready') return started;
    if (started.joined) await prioritise(started.jobId);
    const row = await deps.waiter.wait(started.jobId, timeoutMs());
    const { jobId, voiceKey } = started;
    if (row?.status === 'completed') {
      const audioUrl = await audioUrlOf(row);
      if (audioUrl) return { kind: 'ready', audioUrl, voiceKey };
    }
    if (row && (row.status === 'failed' || row.status === 'cancelled' || row.status === 'completed'))
      throw new ProviderError('PROVIDER_ERROR', 'speech', 'The narration could not be produced', {
        details: { jobId },
      });
    return { kind: 'pending', jobId, status: row?.status ?? started.status, voiceKey };
  }

  /** STORY-39 / VOICE-09: metered by the quota in the transaction that reads the cache or records the job. */
  async function narrateStory(userId: string, storyId: string, requested: string | undefined) {
    const started = await inTransaction<Started>(async (tx, outbox) => {
      const story = await findNarratableStory(tx, storyId, userId);
      if (!story) throw new NotFoundError('Story');
      const voice = await voiceFor(tx, userId, requested);
      await deps.quota.meter(tx, userId, story);
      const textHash = narrationTextHash(storyText(story));
      const cached = pickCachedAudio(
        await findCachedAudio(tx, { storyId, voiceKey: voice.key, textHash }),
        await deps.rules.elevenLabsEligible(tx, userId, voice),
      );
      if (cached) return { kind: 'ready', audioUrl: cached.audioUrl, voiceKey: voice.key };
      const intent = synthesizeStoryIntent(
        { storyId, voiceKey: voice.key, userId, textHash },
        { waiting: true },
      );
      return { kind: 'job', voiceKey: voice.key, ...(await recordOrJoin(tx, outbox, intent)) };
    });
    return settle(started);
  }

  /** STORY-47 / VOICE-10: raw text, cached by (text hash, voice, provider) with no story. */
  async function narrateText(userId: string, content: string, requested: string | undefined) {
    const text = normalizeNarrationText(content);
    if (!text)
      throw new ValidationError('There is no text to narrate', [{ path: 'body.content', message: 'empty' }]);
    const textHash = narrationTextHash(text);
    const started = await inTransaction<Started>(async (tx, outbox) => {
      const voice = await voiceFor(tx, userId, requested);
      const cached = pickCachedAudio(
        await findCachedAudio(tx, { storyId: null, voiceKey: voice.key, textHash }),
        await deps.rules.elevenLabsEligible(tx, userId, voice),
      );
      if (cached) return { kind: 'ready', audioUrl: cached.audioUrl, voiceKey: voice.key };
      const intent = synthesizeTextIntent({ text, voiceKey: voice.key, userId, textHash });
      return { kind: 'job', voiceKey: voice.key, ...(await recordOrJoin(tx, outbox, intent)) };
    });
    return settle(started);
  }

  return { narrateStory, narrateText, voiceFor, inTransaction, prioritise };
}

export type AudioService = ReturnType<typeof createAudioService>;
