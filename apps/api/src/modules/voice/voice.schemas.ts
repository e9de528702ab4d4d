import type { VoiceRow } from '@storytime/db/repositories/voice-catalogue';
import { z } from 'zod';
import { str, uuid } from '../../lib/schemas';
import { identiconAvatar, initialsAvatar } from './voice-access';

/** Request and response shapes of the voice module and the audio routes (api.md §4.10, §6, Part 2 §B). */

export const voiceDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  previewUrl: z.string().nullable(),
  voiceAvatar: z.string(),
  elevenLabsVoiceId: z.string().nullable(),
});

export type VoiceDto = z.infer<typeof voiceDtoSchema>;

/** VOICE-05 without a preferred voice (reference client contract). */
export const emptyVoiceSchema = z.object({ id: z.literal(''), name: z.literal(''), type: z.literal('') });

export const EMPTY_VOICE = { id: '', name: '', type: '' } as const;

/** `VoiceDto` (api.md §0.3): `voiceAvatar` falls back to a generated avatar (rules.md §7.1). */
export function toVoiceDto(row: VoiceRow): VoiceDto {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    previewUrl: row.url,
    voiceAvatar:
      row.voiceAvatar ??
      (row.type === 'elevenlabs' && row.elevenLabsVoiceId
        ? identiconAvatar(row.elevenLabsVoiceId)
        : initialsAvatar(row.name)),
    elevenLabsVoiceId: row.elevenLabsVoiceId,
  };
}

/** A catalogue key, a Voice UUID or an ElevenLabs voice id. */
export const voiceIdInput = str(1, 64);

export const voiceIdBody = z.object({ voiceId: voiceIdInput }).strict();

export const elevenLabsVoiceBody = z
  .object({
    name: str(1, 100),
    elevenLabsVoiceId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9]+$/, 'must contain letters and digits only'),
  })
  .strict();

/** VOICE-01's text fields (multipart). */
export const uploadFields = z.object({ name: str(1, 100) }).strict();

export const uploadResultSchema = z.object({
  message: z.string(),
  voice: voiceDtoSchema,
  cloudinary: z.object({ url: z.string(), publicId: z.string() }),
});

export const secondVoiceResultSchema = z.object({ message: z.string(), voiceId: z.string() });

export const voiceAccessSchema = z.object({
  isPremium: z.boolean(),
  unlimited: z.boolean(),
  defaultVoice: z.literal('CHARLIE'),
  selectedSecondVoice: z.string().nullable(),
  maxVoices: z.number().int(),
});

export const transcriptionSchema = z.object({ text: z.string() });

// Audio routes.

export const storyIdParams = z.object({ id: uuid });

export const audioQuery = z.object({ voiceId: voiceIdInput.optional() });

export const textAudioBody = z.object({ content: str(1, 5000), voiceId: voiceIdInput.optional() }).strict();

/** The reference's answer, `statusCode` included even on the 201 of STORY-47 (client contract). */
export const audioResultSchema = z.object({
  message: z.string(),
  audioUrl: z.string(),
  voiceId: z.string(),
  statusCode: z.literal(200),
});

/** `Job202` (api.md §0.3). */
export const job202Schema = z.object({
  jobId: z.string(),
  status: z.string(),
  retryAfterSeconds: z.number().int(),
});

export const paragraphBatchBody = z.object({ storyId: uuid, voiceId: voiceIdInput.optional() }).strict();

const ttsProvider = z.enum(['elevenlabs', 'deepgram', 'local']);

export const paragraphBatchSchema = z.object({
  message: z.string(),
  paragraphs: z.array(
    z.object({
      index: z.number().int(),
      text: z.string(),
      audioUrl: z.string().nullable(),
      status: z.enum(['ready', 'pending', 'failed']),
    }),
  ),
  totalParagraphs: z.number().int(),
  batchJobId: z.string().optional(),
  voiceId: z.string(),
  usedProvider: ttsProvider.nullable(),
  wasTruncated: z.boolean(),
});

export const batchJobParams = z.object({ batchJobId: uuid });

export const batchStatusSchema = z.object({
  status: z.enum(['processing', 'completed', 'failed']),
  completedParagraphs: z.array(z.object({ index: z.number().int(), audioUrl: z.string() })),
  failedParagraphs: z.array(z.number().int()),
  totalQueued: z.number().int(),
});
