import type { Tx } from '@storytime/db';
import { insertActivityLog } from '@storytime/db/repositories/activity-logs';
import { completeJob } from '@storytime/db/repositories/job-requests';
import { deleteMediaAsset } from '@storytime/db/repositories/media-transfers';
import {
  type CachedAudio,
  countElevenLabsNarration,
  findStoryAudio,
  insertStoryAudio,
  setStoryAudioUrl,
  type TtsProvider,
} from '@storytime/db/repositories/narration';
import type { MediaReference } from '@storytime/media';
import { currentWorkContext } from '@storytime/observability';
import type { VoiceWorkerDeps } from '../deps';
import type { JobOutcome, JobRun } from '../jobs/job-run';
import { isElevenLabsEligible, monthOf } from './allowance';
import {
  audioObjectId,
  discardLostAudio,
  recordAudioAsset,
  scheduleAudioTransfer,
  storeAudio,
} from './audio-store';
import { selectNarration } from './selection';
import { resolveVoice } from './voices';

/**
 * One narration (rules.md §7.3–7.4): resolve the voice, select cached audio or synthesise along the
 * chain, store the file, and in one transaction write the `story_audio_cache` row (its unique key
 * makes a second run of the same work a no-op), count a successful ElevenLabs synthesis, set
 * `stories.audioUrl` when asked, and complete the job with the row as its result.
 */

export interface NarrationTarget {
  /** Null for raw-text synthesis (STORY-47). */
  storyId: string | null;
  /** The normalised text that is narrated, and its hash (the cache key's). */
  text: string;
  textHash: string;
  voiceKey: string;
  userId: string | null;
  setStoryAudioUrl: boolean;
  /** Extra values for the completed job's params (e.g. the hash actually narrated). */
  note?: Record<string, unknown>;
}

/** `AI_GENERATION` details of one counted ElevenLabs synthesis (rules.md §7.3). */
export const ELEVENLABS_TTS_CREDIT = JSON.stringify({ provider: 'ElevenLabs', type: 'tts', credits: 1 });

/** Counts one ElevenLabs narration for the user, in the write transaction. */
export async function countElevenLabs(tx: Tx, userId: string, now: Date): Promise<void> {
  await countElevenLabsNarration(tx, userId, monthOf(now));
  await insertActivityLog(tx, {
    userId,
    action: 'AI_GENERATION',
    status: 'SUCCESS',
    details: ELEVENLABS_TTS_CREDIT,
    requestId: currentWorkContext()?.requestId ?? null,
  });
}

export async function narrate(
  deps: VoiceWorkerDeps,
  run: JobRun<unknown>,
  target: NarrationTarget,
): Promise<JobOutcome> {
  const { db, logger } = deps;
  const log = run.log.child({ storyId: target.storyId, voiceKey: target.voiceKey });
  const voice = await resolveVoice(db, target.voiceKey, target.userId);
  const key = { storyId: target.storyId, voiceKey: target.voiceKey, textHash: target.textHash };
  const cached: Partial<Record<TtsProvider, CachedAudio>> = {};
  for (const row of await findStoryAudio(db, key)) cached[row.provider] = row;
  const now = deps.now();
  const eligible = cached.elevenlabs
    ? false
    : await isElevenLabsEligible(db, deps.speech, voice.params, target.userId, now);
  const selection = await selectNarration({
    speech: deps.speech,
    cached,
    elevenLabsEligible: eligible,
    text: target.text,
    voice: voice.params,
    log,
  });

  const complete = async (tx: Tx, row: { id: string; audioUrl: string }, provider: TtsProvider) => {
    if (target.setStoryAudioUrl && target.storyId) await setStoryAudioUrl(tx, target.storyId, row.audioUrl);
    await completeJob(tx, run.row.id, {
      resultRef: row.id,
      params: { ...run.row.params, ...target.note, audioUrl: row.audioUrl, provider },
    });
  };

  if (selection.kind === 'cached') {
    await db.transaction((tx) => complete(tx, selection.row, selection.provider));
    log.info({ provider: selection.provider, cacheId: selection.row.id }, 'narration served from the cache');
    return { resultRef: selection.row.id, result: { provider: selection.provider, cached: true } };
  }

  const { provider, audio } = selection;
  const prefix = target.storyId ? `story_${target.storyId}` : 'text';
  const objectId = audioObjectId(prefix, provider, [
    target.storyId ?? '',
    target.voiceKey,
    target.textHash,
    provider,
  ]);
  const stored = await storeAudio(deps, audio, objectId, target.userId);
  const written = await deps.outbox.transaction(async (tx, outbox) => {
    await recordAudioAsset(tx, stored);
    const row = await insertStoryAudio(tx, {
      ...key,
      provider,
      audioUrl: stored.url,
      mediaId: stored.mediaId,
      durationMs: stored.durationMs,
    });
    if (!row.created) {
      // Another run wrote this key first: its row (and its count) stand.
      await deleteMediaAsset(tx, stored.mediaId);
    } else {
      const references: MediaReference[] = [{ table: 'story_audio_cache', column: 'audio_url', id: row.id }];
      if (target.setStoryAudioUrl && target.storyId)
        references.push({ table: 'stories', column: 'audio_url', id: target.storyId });
      await scheduleAudioTransfer(outbox, stored, references, target.userId);
      if (provider === 'elevenlabs' && target.userId) await countElevenLabs(tx, target.userId, now);
    }
    await complete(tx, row, provider);
    return row;
  });
  if (!written.created) await discardLostAudio({ db, stores: deps.stores, logger }, stored, written.mediaId);
  log.info(
    {
      provider,
      cacheId: written.id,
      created: written.created,
      skipped: selection.skipped,
      store: stored.store,
    },
    'narration synthesised',
  );
  return { resultRef: written.id, result: { provider, cached: !written.created } };
}
