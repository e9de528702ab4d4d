import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { JOB, QUEUE, type QueueName } from './names';

/** Carried by every job so worker logs and traces join the request that caused them (platform.md §2). */
export const jobMetaSchema = z
  .object({
    requestId: z.string().max(128).optional(),
    traceparent: z.string().max(128).optional(),
    enqueuedAt: z.string().optional(),
  })
  .strict();

export type JobMeta = z.infer<typeof jobMetaSchema>;

const withMeta = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ ...shape, _meta: jobMetaSchema.optional() }).strict();

/** Payloads hold ids only; the work's parameters live in `job_requests.params` (D16). */
const jobRequestPayload = withMeta({ jobRequestId: z.uuid() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const DAY = 24 * 3600;

interface QueueContract {
  jobs: Record<string, z.ZodType>;
  defaults: JobsOptions;
  /** Worker lock; a worker killed mid-job loses it and the job is retried (D16). */
  lockDurationMs: number;
}

export const QUEUE_CONTRACTS = {
  [QUEUE.storyGeneration]: {
    jobs: { [JOB.generateStory]: jobRequestPayload },
    defaults: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      priority: 5,
      removeOnComplete: { age: 2 * 3600, count: 500 },
      removeOnFail: { age: DAY },
    },
    lockDurationMs: 120_000,
  },
  [QUEUE.voiceSynthesis]: {
    jobs: {
      [JOB.synthesizeStory]: jobRequestPayload,
      [JOB.synthesizeText]: jobRequestPayload,
      [JOB.synthesizeParagraphs]: jobRequestPayload,
    },
    defaults: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      priority: 5,
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: DAY },
    },
    lockDurationMs: 60_000,
  },
  [QUEUE.media]: {
    jobs: { [JOB.mediaTransfer]: jobRequestPayload, [JOB.mediaDelete]: jobRequestPayload },
    defaults: {
      attempts: 2,
      backoff: { type: 'fixed', delay: 10_000 },
      priority: 10,
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * DAY },
    },
    lockDurationMs: 60_000,
  },
  [QUEUE.email]: {
    jobs: { [JOB.sendEmail]: jobRequestPayload },
    defaults: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 30_000 },
      priority: 5,
      removeOnComplete: { age: DAY, count: 1000 },
      removeOnFail: { age: 7 * DAY },
    },
    lockDurationMs: 60_000,
  },
  [QUEUE.push]: {
    jobs: { [JOB.sendPush]: jobRequestPayload, [JOB.sendPushBatch]: jobRequestPayload },
    defaults: {
      attempts: 4,
      backoff: { type: 'exponential', delay: 10_000 },
      priority: 5,
      removeOnComplete: { age: 12 * 3600, count: 500 },
      removeOnFail: { age: 3 * DAY },
    },
    lockDurationMs: 60_000,
  },
  [QUEUE.storyMaintenance]: {
    jobs: {
      // Scheduled runs carry no data (today); admin runs (STORY-32) go through the outbox with their record.
      [JOB.assignDailyChallenges]: withMeta({ date: isoDate.optional(), jobRequestId: z.uuid().optional() }),
      [JOB.cleanup]: withMeta({}),
      [JOB.dbBackup]: jobRequestPayload,
    },
    defaults: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      priority: 10,
      removeOnComplete: { age: 7 * DAY, count: 100 },
      removeOnFail: { age: 30 * DAY },
    },
    lockDurationMs: 60_000,
  },
  [QUEUE.emailMaintenance]: {
    jobs: { [JOB.weeklyReports]: withMeta({ weekStart: isoDate.optional() }) },
    defaults: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      priority: 10,
      removeOnComplete: { age: 30 * DAY },
      removeOnFail: { age: 30 * DAY },
    },
    lockDurationMs: 60_000,
  },
} as const satisfies Record<QueueName, QueueContract>;

export type QueueContracts = typeof QUEUE_CONTRACTS;
export type JobNameOf<Q extends QueueName> = keyof QueueContracts[Q]['jobs'] & string;
export type JobPayload<Q extends QueueName, N extends JobNameOf<Q>> = z.infer<
  QueueContracts[Q]['jobs'][N] extends z.ZodType ? QueueContracts[Q]['jobs'][N] : never
>;

export function jobNamesOf(queue: QueueName): string[] {
  return Object.keys(QUEUE_CONTRACTS[queue].jobs);
}

export function payloadSchema(queue: QueueName, jobName: string): z.ZodType | undefined {
  return (QUEUE_CONTRACTS[queue].jobs as Record<string, z.ZodType>)[jobName];
}
