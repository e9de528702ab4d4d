import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertHandlersComplete,
  createQueueProducer,
  createRedis,
  emailPriority,
  JOB,
  MissingHandlerError,
  QUEUE,
  QUEUE_CONTRACTS,
  QUEUE_OWNERS,
} from './index';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-${randomUUID().slice(0, 8)}`;
const connection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(connection, prefix);

afterAll(async () => {
  for (const queue of producer.all()) await queue.obliterate({ force: true });
  await producer.close();
  connection.disconnect();
});

describe('queue contracts', () => {
  it('gives every queue exactly one owning worker', () => {
    const owned = Object.values(QUEUE_OWNERS).flat().sort();
    expect(owned).toEqual(Object.values(QUEUE).sort());
  });

  it('keeps the retry and retention rules of the spec', () => {
    const email = QUEUE_CONTRACTS[QUEUE.email].defaults;
    expect(email.attempts).toBe(5);
    expect(email.backoff).toEqual({ type: 'exponential', delay: 30_000 });
    expect(email.removeOnFail).toEqual({ age: 7 * 24 * 3600 });
    expect(QUEUE_CONTRACTS[QUEUE.storyGeneration].lockDurationMs).toBe(120_000);
  });

  it('maps email categories to priorities', () => {
    expect(emailPriority('EMAIL_VERIFICATION')).toBe(1);
    expect(emailPriority('FEEDBACK')).toBe(5);
    expect(emailPriority('WEEKLY_REPORT')).toBe(10);
  });
});

describe('producer', () => {
  it('rejects a payload that breaks the contract before it reaches Redis', async () => {
    await expect(
      producer.enqueue(QUEUE.email, JOB.sendEmail, { jobRequestId: 'not-a-uuid' } as never),
    ).rejects.toThrow();
    expect(await producer.queue(QUEUE.email).count()).toBe(0);
  });

  it('adds a job once per deterministic id, with the queue defaults', async () => {
    const jobRequestId = randomUUID();
    await producer.enqueue(
      QUEUE.email,
      JOB.sendEmail,
      { jobRequestId },
      { jobId: jobRequestId, priority: 1 },
    );
    await producer.enqueue(
      QUEUE.email,
      JOB.sendEmail,
      { jobRequestId },
      { jobId: jobRequestId, priority: 1 },
    );
    const queue = producer.queue(QUEUE.email);
    expect(await queue.getJobCountByTypes('prioritized', 'waiting')).toBe(1);
    const job = await queue.getJob(jobRequestId);
    expect(job?.opts.attempts).toBe(5);
    expect(job?.opts.priority).toBe(1);
  });
});

describe('handler tables', () => {
  it('refuses a table with a missing job handler', () => {
    expect(() => assertHandlersComplete(QUEUE.media, { [JOB.mediaTransfer]: async () => {} })).toThrow(
      MissingHandlerError,
    );
    expect(() =>
      assertHandlersComplete(QUEUE.media, {
        [JOB.mediaTransfer]: async () => {},
        [JOB.mediaDelete]: async () => {},
      }),
    ).not.toThrow();
  });
});
