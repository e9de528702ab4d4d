import { newId } from '@storytime/db';
import type { GenerateStoryParams } from '@storytime/db/repositories/generated-stories';
import {
  cancelJob,
  countJobsByStatus,
  findJobRecord,
  type JobRecord,
} from '@storytime/db/repositories/job-requests';
import { findKnownCatalogueIds } from '@storytime/db/repositories/story-admin';
import { findStoryDetail, type StoryDetailRow } from '@storytime/db/repositories/story-detail';
import { visibleStoryTo } from '@storytime/db/repositories/story-list';
import { AppError, ConflictError, NotFoundError, ValidationError } from '@storytime/errors';
import { JOB, PRIORITY, publishJobEvent, QUEUE, type Redis, waitForJob } from '@storytime/queue';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import type { GenerateBody } from './generation.schemas';

/** Seconds a client should wait before polling a generation job again (api.md `Job202`, decision). */
export const GENERATION_RETRY_AFTER_SECONDS = 10;

/** About 35 s per story with a concurrency of 2 (api.md GEN-01, decision). */
const SECONDS_PER_STORY = 35;

const GENERIC_DEFAULTS = {
  themes: ['Adventure'],
  categories: ['Bedtime Stories'],
  ageMin: 4,
  ageMax: 8,
  language: 'English',
};

/** What a generation asks for, from STORY-48's body or STORY-49's path and query. */
export type GenerationRequest = GenerateBody;

export interface SubmittedJob {
  jobId: string;
  storyId: string;
  /** story-generation jobs waiting before this one (pending or queued). */
  waitingBefore: number;
}

export type GenerationOutcome =
  | { kind: 'completed'; story: StoryDetailRow }
  | { kind: 'pending'; jobId: string; status: JobRecord['status'] };

/**
 * Story generation on the API side (rules.md §12, platform.md §10.3): the request is recorded as a
 * `job_requests` row with a story id fixed up front and enqueued through the outbox; worker-story
 * does the work. The synchronous routes then wait on the row; the job routes read it.
 */
export function createGenerationService(core: CoreServices, deps: { subscriber: () => Promise<Redis> }) {
  const { db } = core;
  const env = core.config.env;

  /** The params stored with the job; the kid path keeps the request's lists as given (rules.md §12). */
  function paramsFor(request: GenerationRequest, storyId: string): GenerateStoryParams {
    const kidPath = request.kidId !== undefined;
    const given = (list: string[] | undefined, fallback: string[]) =>
      kidPath ? (list ?? []) : list && list.length > 0 ? list : fallback;
    const ageMin = request.ageMin ?? GENERIC_DEFAULTS.ageMin;
    return {
      storyId,
      mode: kidPath ? 'kid' : 'generic',
      themes: given(request.themes, GENERIC_DEFAULTS.themes),
      categories: given(request.categories, GENERIC_DEFAULTS.categories),
      seasonIds: [...new Set(request.seasonIds ?? [])],
      kidName: request.kidName ?? null,
      ageMin,
      // A lone ageMin above the default maximum keeps the range valid instead of refusing it.
      ageMax: request.ageMax ?? Math.max(GENERIC_DEFAULTS.ageMax, ageMin),
      language: kidPath ? GENERIC_DEFAULTS.language : (request.language ?? GENERIC_DEFAULTS.language),
      additionalContext: request.additionalContext ?? null,
    };
  }

  /** Records the job (D16: row and enqueue through the outbox; a Redis outage leaves it pending). */
  async function submit(caller: Principal, request: GenerationRequest): Promise<SubmittedJob> {
    if (request.kidId) await requireOwnedKid(db, caller, request.kidId);
    const storyId = newId();
    const params = paramsFor(request, storyId);
    return core.outbox.transaction(async (tx, outbox) => {
      if (params.seasonIds.length > 0) {
        const known = await findKnownCatalogueIds(tx, { seasonIds: params.seasonIds });
        const missing = params.seasonIds.filter((id) => !known.seasons.has(id));
        if (missing.length > 0) {
          throw new ValidationError('Unknown season', [
            { path: 'body.seasonIds', message: `unknown ids: ${missing.join(', ')}` },
          ]);
        }
      }
      const waitingBefore = await countJobsByStatus(tx, QUEUE.storyGeneration, ['pending', 'queued']);
      const job = await outbox.add({
        kind: 'story_generation',
        queue: QUEUE.storyGeneration,
        jobName: JOB.generateStory,
        params: params as unknown as Record<string, unknown>,
        userId: caller.userId,
        kidId: request.kidId ?? null,
        priority: PRIORITY.normal,
      });
      return { jobId: job.id, storyId, waitingBefore };
    });
  }

  /** GEN-01's estimate: 35 × (1 + ⌊waiting / 2⌋). */
  function estimatedWaitSeconds(waitingBefore: number): number {
    return SECONDS_PER_STORY * (1 + Math.floor(waitingBefore / 2));
  }

  /**
   * STORY-48/49: records the job, then waits up to GENERATION_WAIT_TIMEOUT_MS for it. A failure
   * answers 502 AI_OUTPUT_INVALID or 503 PROVIDER_UNAVAILABLE after the recorded error.
   */
  async function generate(caller: Principal, request: GenerationRequest): Promise<GenerationOutcome> {
    const submitted = await submit(caller, request);
    const row = await waitForJob({
      db,
      subscriber: await deps.subscriber(),
      prefix: env.CACHE_PREFIX,
      jobId: submitted.jobId,
      timeoutMs: env.GENERATION_WAIT_TIMEOUT_MS,
    });
    if (!row) throw new NotFoundError('Job');
    if (row.status === 'completed') {
      return { kind: 'completed', story: await storyOf(caller, row.resultRef ?? submitted.storyId) };
    }
    if (row.status === 'failed') throw failureOf(row);
    if (row.status === 'cancelled') throw notCompleted(row);
    return { kind: 'pending', jobId: row.id, status: row.status };
  }

  /** The caller's own generation job; anything else is 404 (api.md §0.1). */
  async function ownJob(caller: Principal, jobId: string): Promise<JobRecord> {
    const row = await findJobRecord(db, jobId);
    if (row?.kind !== 'story_generation' || row.userId !== caller.userId) {
      throw new NotFoundError('Job');
    }
    return row;
  }

  /** GEN-02. */
  async function status(caller: Principal, jobId: string) {
    const row = await ownJob(caller, jobId);
    return {
      jobId: row.id,
      status: row.status,
      stage: row.stage,
      progress: row.progress,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      completedAt: row.completedAt,
      storyId: row.status === 'completed' ? row.resultRef : null,
      error: row.error,
    };
  }

  /** GEN-03: the family's own story, never metered by the free-tier quota. */
  async function result(caller: Principal, jobId: string): Promise<GenerationOutcome> {
    const row = await ownJob(caller, jobId);
    if (row.status === 'completed' && row.resultRef) {
      return { kind: 'completed', story: await storyOf(caller, row.resultRef) };
    }
    if (row.status === 'failed' || row.status === 'cancelled') throw notCompleted(row);
    return { kind: 'pending', jobId: row.id, status: row.status };
  }

  /** GEN-04: only before a worker started it (platform.md §10.2). */
  async function cancel(caller: Principal, jobId: string) {
    await ownJob(caller, jobId);
    if (!(await cancelJob(db, jobId))) {
      throw new ConflictError('JOB_NOT_CANCELLABLE', 'The job has already started or finished');
    }
    // Best effort: a job left in Redis finds its row cancelled and does nothing (startJobAttempt).
    await core.producer
      .queue(QUEUE.storyGeneration)
      .remove(jobId)
      .catch((error: unknown) =>
        core.logger.warn({ err: error, jobId }, 'could not remove the cancelled job'),
      );
    await publishJobEvent(core.redis, env.CACHE_PREFIX, jobId, { status: 'cancelled' });
    return { cancelled: true as const };
  }

  async function storyOf(caller: Principal, storyId: string): Promise<StoryDetailRow> {
    const story = await findStoryDetail(db, storyId, visibleStoryTo(caller.userId));
    if (!story) throw new NotFoundError('Story');
    return story;
  }

  return { submit, estimatedWaitSeconds, generate, ownJob, status, result, cancel };
}

export type GenerationService = ReturnType<typeof createGenerationService>;

/** The code at the start of a recorded error (`AI_OUTPUT_INVALID: …`, written by worker-story). */
export function errorCodeOf(error: string | null): string | undefined {
  return error?.match(/^([A-Z][A-Z_]*):/)?.[1];
}

/** rules.md §12 "Failures": unusable output → 502, anything else the provider did → 503. */
function failureOf(row: JobRecord): AppError {
  const details = { jobId: row.id };
  switch (errorCodeOf(row.error)) {
    case 'AI_OUTPUT_INVALID':
      return new AppError('AI_OUTPUT_INVALID', 'The story generator returned an unusable story', { details });
    case 'RESOURCE_NOT_FOUND':
      return new NotFoundError('Kid', { details });
    default:
      return new AppError(
        'PROVIDER_UNAVAILABLE',
        'The story generator is unavailable, please try again later',
        {
          details,
        },
      );
  }
}

function notCompleted(row: JobRecord): ConflictError {
  return new ConflictError('JOB_NOT_COMPLETED', `The job is ${row.status}`, {
    details: { status: row.status, error: row.error },
  });
}
