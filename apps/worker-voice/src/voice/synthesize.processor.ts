import { findNarrationStory } from '@storytime/db/repositories/narration';
import { narrationTextHash, normalizeNarrationText } from '@storytime/providers/speech-types';
import { synthesizeStoryParamsSchema, synthesizeTextParamsSchema } from '@storytime/queue';
import type { VoiceWorkerDeps } from '../deps';
import { permanent, type QueueJob, runJobRecord } from '../jobs/job-run';
import { narrate } from './narrate';

/** rules.md §7.4: longer input is refused (the routes check it too). */
export const MAX_NARRATION_CHARS = 50_000;

/**
 * `voice-synthesis` / `synthesize-story` (platform.md §10.1). The story's CURRENT text is narrated:
 * when it changed since the request (its hash differs from `params.textHash`), the audio is cached
 * under the new hash, never under the old one, and the job's params note `narratedTextHash`.
 */
export function createSynthesizeStoryHandler(deps: VoiceWorkerDeps) {
  return (job: QueueJob) =>
    runJobRecord(deps, job, synthesizeStoryParamsSchema, async (run) => {
      const { params } = run;
      const story = await findNarrationStory(deps.db, params.storyId);
      if (!story) throw permanent('RESOURCE_NOT_FOUND', 'Story not found');
      const text = normalizeNarrationText(story.textContent ?? '');
      if (text === '') throw permanent('VALIDATION_ERROR', 'The story has no text to narrate');
      if (text.length > MAX_NARRATION_CHARS)
        throw permanent('VALIDATION_ERROR', `The story text is over ${MAX_NARRATION_CHARS} characters`);
      const textHash = narrationTextHash(text);
      const changed = textHash !== params.textHash;
      if (changed)
        run.log.info(
          { requested: params.textHash, current: textHash },
          'story text changed since the request',
        );
      return narrate(deps, run, {
        storyId: story.id,
        text,
        textHash,
        voiceKey: params.voiceKey,
        userId: params.userId,
        setStoryAudioUrl: params.setStoryAudioUrl,
        ...(changed ? { note: { narratedTextHash: textHash } } : {}),
      });
    });
}

/** `synthesize-text` (STORY-47): raw text, cached with `storyId` null. */
export function createSynthesizeTextHandler(deps: VoiceWorkerDeps) {
  return (job: QueueJob) =>
    runJobRecord(deps, job, synthesizeTextParamsSchema, async (run) => {
      const { params } = run;
      const text = normalizeNarrationText(params.text);
      if (text === '') throw permanent('VALIDATION_ERROR', 'There is no text to narrate');
      const textHash = narrationTextHash(text);
      // The producer hashes the same normalised text; should it not, the audio follows the text.
      const changed = textHash !== params.textHash;
      return narrate(deps, run, {
        storyId: null,
        text,
        textHash,
        voiceKey: params.voiceKey,
        userId: params.userId,
        setStoryAudioUrl: false,
        ...(changed ? { note: { narratedTextHash: textHash } } : {}),
      });
    });
}
