import type { Db } from '@storytime/db';
import {
  findGeneratedStoryNarration,
  generateStoryParamsOf,
  persistGeneratedStory,
} from '@storytime/db/repositories/generated-stories';
import {
  completeJob,
  failJobAttempt,
  findActiveJobByDedupeKey,
  setJobStage,
  startJobAttempt,
} from '@storytime/db/repositories/job-requests';
import { AppError, isAppError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import {
  createOutbox,
  type JobMeta,
  publishJobEvent,
  type QueueProducer,
  type Redis,
  synthesisDedupeKey,
  synthesizeStoryIntent,
  waitForJob,
} from '@storytime/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import { coverImageUrl, type StoryTextProvider } from '../providers';
import { planGeneration } from './prompt-input';

export interface GenerateStoryDeps {
  db: Db;
  producer: QueueProducer;
  /** Command connection: job events are published on it. */
  redis: Redis;
  /** Subscriber connection for waiting on the narration job. */
  subscriber: Redis;
  logger: Logger;
  storyText: StoryTextProvider;
  /** `CACHE_PREFIX`: job events go to `${prefix}job-events:{jobId}` (platform.md §10.2). */
  eventPrefix: string;
  /** `GENERATION_AUDIO_WAIT_MS`. */
  audioWaitMs: number;
  /** `COVER_IMAGE_URL_TEMPLATE` (providers.md §1.5). */
  coverTemplate: string | undefined;
  publicMediaBaseUrl: string;
  /** Random theme/category picks and the cover seed; injected by tests. */
  random?: () => number;
  now?: () => Date;
}

type GenerationJob = Pick<Job<{ jobRequestId: string; _meta?: JobMeta }>, 'data' | 'attemptsMade' | 'opts'>;

/** Stages and progress of platform.md §10.2. */
const STAGE = {
  generatingContent: ['generating_content', 30],
  persisting: ['persisting', 70],
  generatingAudio: ['generating_audio', 90],
} as const;

function isPermanent(error: unknown): boolean {
  return error instanceof UnrecoverableError || (isAppError(error) && !error.retryable);
}

/**
 * The row's error text: `CODE: message`. The API reads the code to answer 502 AI_OUTPUT_INVALID
 * or 503 PROVIDER_UNAVAILABLE; anything unexpected is not described to the client.
 */
function failureMessage(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return 'INTERNAL_ERROR: Story generation failed';
}

/**
 * `story-generation` / `generate-story` (rules.md §12, platform.md §10.1–10.3). The BullMQ payload
 * carries the job_requests id only; the row holds the request. Idempotent: a finished row does
 * nothing, and the story id fixed in `params.storyId` is inserted with ON CONFLICT DO NOTHING, so a
 * retried or redelivered job writes the story, its counters and its narration job once.
 */
export function createGenerateStoryHandler(deps: GenerateStoryDeps) {
  const { db } = deps;
  const outbox = createOutbox(db, deps.producer, deps.logger);
  const random = deps.random ?? Math.random;
  const now = deps.now ?? (() => new Date());

  return async function generateStory(job: GenerationJob) {
    const jobId = job.data.jobRequestId;
    const attempt = job.attemptsMade + 1;
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    const row = await startJobAttempt(db, jobId);
    if (!row) {
      deps.logger.info({ jobRequestId: jobId }, 'generation job already finished or missing; nothing to do');
      return { skipped: true };
    }
    const log = deps.logger.child({ jobRequestId: jobId, attempt, userId: row.userId, kidId: row.kidId });
    let current: { stage: string; progress: number } = {
      stage: row.stage ?? 'queued',
      progress: row.progress,
    };
    const enter = async ([stage, progress]: readonly [string, number]) => {
      current = { stage, progress };
      await setJobStage(db, jobId, stage, progress);
      await publishJobEvent(deps.redis, deps.eventPrefix, jobId, { status: 'running', stage, progress });
    };

    try {
      const params = generateStoryParamsOf(row.params);
      if (!params || row.kind !== 'story_generation' || !row.userId) {
        throw new AppError('VALIDATION_ERROR', 'The generation request is incomplete', { retryable: false });
      }
      const userId = row.userId;
      const storyId = params.storyId;
      await enter(STAGE.generatingContent);
      const plan = await planGeneration(db, { userId, kidId: row.kidId }, params, random);

      let narrationJobId: string | undefined;
      const existing = await findGeneratedStoryNarration(db, storyId);
      if (existing) {
        // An earlier attempt persisted the story (and recorded its narration in that transaction)
        // but stopped before completing the job: finish it without asking the model again.
        log.info({ storyId }, 'story already persisted by an earlier attempt');
        await enter(STAGE.persisting);
        if (existing.textHash && !existing.audioUrl) {
          const active = await findActiveJobByDedupeKey(
            db,
            synthesisDedupeKey(storyId, plan.voiceKey, existing.textHash),
          );
          narrationJobId = active?.id;
        }
      } else {
        const story = await deps.storyText.generateStory(plan.prompt);
        await enter(STAGE.persisting);
        narrationJobId = await outbox.transaction(async (tx, scope) => {
          const persisted = await persistGeneratedStory(tx, {
            id: storyId,
            ownerUserId: userId,
            creatorKidId: plan.creatorKidId,
            title: story.title,
            description: story.description,
            language: plan.language,
            ageMin: plan.ageMin,
            ageMax: plan.ageMax,
            textContent: story.content,
            difficultyLevel: story.difficultyLevel,
            coverImageUrl: coverImageUrl({
              title: story.title,
              description: story.description,
              template: deps.coverTemplate,
              publicMediaBaseUrl: deps.publicMediaBaseUrl,
              offline: deps.storyText.name === 'offline',
              random,
            }),
            questions: story.questions,
            categoryNames: plan.categoryNames,
            themeNames: plan.themeNames,
            seasonIds: plan.seasonIds,
            month: now().toISOString().slice(0, 7),
            requestId: job.data._meta?.requestId ?? null,
          });
          if (!persisted.inserted) return undefined;
          // The voice worker sets stories.audioUrl when it finishes (setStoryAudioUrl).
          const narration = await scope.add(
            synthesizeStoryIntent(
              {
                storyId,
                voiceKey: plan.voiceKey,
                userId,
                textHash: persisted.textHash,
                setStoryAudioUrl: true,
              },
              { waiting: false, kidId: plan.creatorKidId },
            ),
          );
          return narration.id;
        });
      }

      await enter(STAGE.generatingAudio);
      if (narrationJobId) await waitForNarration(narrationJobId, log);

      await completeJob(db, jobId, { resultRef: storyId });
      await publishJobEvent(deps.redis, deps.eventPrefix, jobId, {
        status: 'completed',
        stage: 'completed',
        progress: 100,
        storyId,
        resultRef: storyId,
      });
      log.info({ storyId, provider: deps.storyText.name }, 'story generated');
      return { storyId };
    } catch (error) {
      const permanent = isPermanent(error);
      const final = permanent || lastAttempt;
      const message = failureMessage(error);
      await failJobAttempt(db, jobId, message, final).catch((writeError: unknown) =>
        log.error({ err: writeError }, 'could not record the generation failure'),
      );
      await publishJobEvent(deps.redis, deps.eventPrefix, jobId, {
        status: final ? 'failed' : 'queued',
        stage: current.stage,
        progress: current.progress,
        error: message,
      });
      log.warn({ err: error, permanent, final }, 'story generation failed');
      if (permanent && !(error instanceof UnrecoverableError)) throw new UnrecoverableError(message);
      throw error;
    }
  };

  /** Up to GENERATION_AUDIO_WAIT_MS; a slow or failed narration never fails the generation. */
  async function waitForNarration(narrationJobId: string, log: Logger): Promise<void> {
    try {
      const narration = await waitForJob({
        db,
        subscriber: deps.subscriber,
        prefix: deps.eventPrefix,
        jobId: narrationJobId,
        timeoutMs: deps.audioWaitMs,
      });
      log.info({ narrationJobId, narrationStatus: narration?.status }, 'narration wait ended');
    } catch (error) {
      log.warn({ err: error, narrationJobId }, 'could not wait for the narration');
    }
  }
}
