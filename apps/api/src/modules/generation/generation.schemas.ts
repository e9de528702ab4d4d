import { z } from 'zod';
import { isoDate, isoDateNullable, str, uuid } from '../../lib/schemas';

/** Request and response schemas of STORY-48/49 (api.md §4.11) and GEN-01..05 (api.md Part 2 §A). */

const name = str(1, 100);
const age = z.number().int().min(1).max(18);

/** STORY-48 and GEN-01. Defaults are applied by the service (they differ on the kid path). */
export const generateBody = z
  .object({
    themes: z.array(name).max(5).optional(),
    categories: z.array(name).max(5).optional(),
    seasonIds: z.array(uuid).max(5).optional(),
    kidId: uuid.optional(),
    kidName: str(1, 50).optional(),
    ageMin: age.optional(),
    ageMax: age.optional(),
    language: str(1, 50).optional(),
    additionalContext: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((body) => body.ageMin === undefined || body.ageMax === undefined || body.ageMax >= body.ageMin, {
    path: ['ageMax'],
    message: 'must be greater than or equal to ageMin',
  });

export type GenerateBody = z.infer<typeof generateBody>;

/** STORY-49. Unknown query parameters are ignored (api.md §0.2). */
export const kidGenerationParams = z.object({ kidId: uuid }).strict();
export const kidGenerationQuery = z.object({ theme: name.optional(), category: name.optional() });

export const jobIdParams = z.object({ jobId: uuid }).strict();

const jobStatus = z.enum(['pending', 'queued', 'running', 'completed', 'failed', 'cancelled']);

/** `Job202` (api.md §0.3): the synchronous routes' answer when the story is not ready in time. */
export const job202Schema = z.object({
  jobId: z.string(),
  status: jobStatus,
  retryAfterSeconds: z.number().int(),
});

/** GEN-01. */
export const queuedJobSchema = z.object({
  queued: z.literal(true),
  jobId: z.string(),
  status: z.literal('queued'),
  estimatedWaitSeconds: z.number().int(),
});

/** GEN-02. */
export const jobStatusSchema = z.object({
  jobId: z.string(),
  status: jobStatus,
  stage: z.string().nullable(),
  progress: z.number().int(),
  createdAt: isoDate,
  startedAt: isoDateNullable,
  completedAt: isoDateNullable,
  storyId: z.string().nullable(),
  error: z.string().nullable(),
});

/** GEN-03 while the job is not finished. */
export const jobNotReadySchema = z.object({
  jobId: z.string(),
  ready: z.literal(false),
  status: jobStatus,
});

/** GEN-04. */
export const cancelledSchema = z.object({ cancelled: z.literal(true) });
