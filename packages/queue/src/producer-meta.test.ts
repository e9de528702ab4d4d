import { randomUUID } from 'node:crypto';
import { runWithWorkContext } from '@storytime/observability';
import { afterAll, describe, expect, it } from 'vitest';
import { createQueueProducer, createRedis, JOB, QUEUE } from './index';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-${randomUUID().slice(0, 8)}`;
const connection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(connection, prefix);

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

afterAll(async () => {
  for (const queue of producer.all()) await queue.obliterate({ force: true });
  await producer.close();
  connection.disconnect();
});

async function metaOf(jobId: string) {
  const job = await producer.queue(QUEUE.email).getJob(jobId);
  return (job?.data as { _meta?: Record<string, string> } | undefined)?._meta;
}

describe('producer job metadata', () => {
  it('stamps the request id, trace context and enqueue time of the current work', async () => {
    const jobRequestId = randomUUID();
    const before = Date.now();
    await runWithWorkContext({ requestId: 'req-1', traceparent: TRACEPARENT }, () =>
      producer.enqueue(QUEUE.email, JOB.sendEmail, { jobRequestId }, { jobId: jobRequestId }),
    );
    const meta = await metaOf(jobRequestId);
    expect(meta).toMatchObject({ requestId: 'req-1', traceparent: TRACEPARENT });
    expect(Date.parse(meta?.enqueuedAt ?? '')).toBeGreaterThanOrEqual(before - 1);
  });

  it('keeps metadata the caller already gave (an outbox row relayed later)', async () => {
    const jobRequestId = randomUUID();
    const given = {
      requestId: 'req-original',
      traceparent: TRACEPARENT,
      enqueuedAt: '2026-01-01T00:00:00.000Z',
    };
    await runWithWorkContext({ requestId: 'req-relay' }, () =>
      producer.enqueue(QUEUE.email, JOB.sendEmail, { jobRequestId, _meta: given }, { jobId: jobRequestId }),
    );
    expect(await metaOf(jobRequestId)).toEqual(given);
  });

  it('adds only the enqueue time outside any request', async () => {
    const jobRequestId = randomUUID();
    await producer.enqueue(QUEUE.email, JOB.sendEmail, { jobRequestId }, { jobId: jobRequestId });
    const meta = await metaOf(jobRequestId);
    expect(Object.keys(meta ?? {})).toEqual(['enqueuedAt']);
  });
});
