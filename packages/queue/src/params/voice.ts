import { z } from 'zod';
import { JOB, PRIORITY, QUEUE } from '../names';
import type { JobIntent } from '../outbox/record';

/**
 * `job_requests.params` of the voice-synthesis jobs, shared by their producers (the API's audio
 * routes, worker-story's narration of a generated story) and their consumer (worker-voice).
 * The job's result is a `story_audio_cache` row (`resultRef`); its `audioUrl` is also copied into
 * params when the job completes, so waiting requests can answer from the row alone.
 */

/** A catalogue key (`CHARLIE`…) or a Voice UUID: the resolved voice the audio is cached under. */
const voiceKey = z.string().min(1).max(64);

export const synthesizeStoryParamsSchema = z.object({
  storyId: z.uuid(),
  voiceKey,
  /** Whose ElevenLabs allowance and voice rights apply; null = system narration (seed, admin). */
  userId: z.uuid().nullable(),
  /** The story text hash the request saw; a different current hash means the text changed since. */
  textHash: z.string().min(1),
  /** The default narration of a story (generation, CHARLIE): also sets `stories.audioUrl`. */
  setStoryAudioUrl: z.boolean().default(false),
  audioUrl: z.string().optional(),
});

export const synthesizeTextParamsSchema = z.object({
  text: z.string().min(1).max(5000),
  voiceKey,
  userId: z.uuid().nullable(),
  textHash: z.string().min(1),
  audioUrl: z.string().optional(),
});

export const synthesizeParagraphsParamsSchema = z.object({
  storyId: z.uuid(),
  voiceKey,
  userId: z.uuid().nullable(),
  paragraphs: z.array(z.object({ index: z.number().int().min(0), textHash: z.string().min(1) })).min(1),
  /** Filled by the worker as paragraphs finish (TTS-02 reads the job row, not Redis). */
  completed: z.array(z.object({ index: z.number().int(), audioUrl: z.string() })).default([]),
  failed: z.array(z.number().int()).default([]),
});

export type SynthesizeStoryParams = z.infer<typeof synthesizeStoryParamsSchema>;
export type SynthesizeTextParams = z.infer<typeof synthesizeTextParamsSchema>;
export type SynthesizeParagraphsParams = z.infer<typeof synthesizeParagraphsParamsSchema>;

/**
 * One active job per piece of work (platform.md §10.1): a second request for the same story, voice
 * and text waits on the first job's row instead of synthesising again.
 */
export function synthesisDedupeKey(target: string, voiceKeyValue: string, textHash: string): string {
  return `tts:${target}:${voiceKeyValue}:${textHash}`;
}

/** Priority 1 when a request is waiting on it, 5 for background narration (platform.md §10.1). */
export function synthesizeStoryIntent(
  params: z.input<typeof synthesizeStoryParamsSchema>,
  options: { waiting: boolean; kidId?: string | null },
): JobIntent {
  const parsed = synthesizeStoryParamsSchema.parse(params);
  return {
    kind: 'story_audio',
    queue: QUEUE.voiceSynthesis,
    jobName: JOB.synthesizeStory,
    params: parsed,
    userId: parsed.userId,
    kidId: options.kidId ?? null,
    priority: options.waiting ? PRIORITY.high : PRIORITY.normal,
    dedupeKey: synthesisDedupeKey(parsed.storyId, parsed.voiceKey, parsed.textHash),
  };
}

export function synthesizeTextIntent(params: z.input<typeof synthesizeTextParamsSchema>): JobIntent {
  const parsed = synthesizeTextParamsSchema.parse(params);
  return {
    kind: 'text_audio',
    queue: QUEUE.voiceSynthesis,
    jobName: JOB.synthesizeText,
    params: parsed,
    userId: parsed.userId,
    priority: PRIORITY.high,
    dedupeKey: synthesisDedupeKey('text', parsed.voiceKey, parsed.textHash),
  };
}

export function synthesizeParagraphsIntent(
  params: z.input<typeof synthesizeParagraphsParamsSchema>,
): JobIntent {
  const parsed = synthesizeParagraphsParamsSchema.parse(params);
  return {
    kind: 'paragraph_audio',
    queue: QUEUE.voiceSynthesis,
    jobName: JOB.synthesizeParagraphs,
    params: parsed,
    userId: parsed.userId,
    priority: PRIORITY.low,
  };
}
