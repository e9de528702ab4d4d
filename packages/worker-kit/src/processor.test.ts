import { createServer, type Server } from 'node:http';
import { createPool } from '@storytime/db';
import { testDatabaseConfig } from '@storytime/db/testing';
import { createLogger, currentWorkContext, startTracing, type TracingHandle } from '@storytime/observability';
import { JOB, QUEUE } from '@storytime/queue';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessor } from './processor';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PRODUCER_SPAN_ID = '00f067aa0ba902b7';

// Created before tracing starts, as in a worker whose entry imports everything first: the pg
// queries must still be traced (startTracing instruments modules that are already loaded).
const pool = createPool(testDatabaseConfig());
const logger = createLogger({ service: 'worker-test', level: 'silent' });
const spans: OtlpSpan[] = [];
let collector: Server;
let tracing: TracingHandle | undefined;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const parsed = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const resource of parsed.resourceSpans) {
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  tracing = await startTracing({
    serviceName: 'storytime-worker-test',
    endpoint: `http://127.0.0.1:${port}`,
  });
});

afterAll(async () => {
  await tracing?.shutdown();
  await pool.end();
  await new Promise<void>((resolve) => collector.close(() => resolve()));
});

describe('job processor tracing', () => {
  it('runs a job as a child span of the producer and passes its trace on', async () => {
    const processor = createProcessor(
      QUEUE.media,
      {
        [JOB.mediaTransfer]: async () => {
          await pool.query('select 1');
          return currentWorkContext();
        },
        [JOB.mediaDelete]: async () => undefined,
      },
      logger,
    );
    const job = {
      name: JOB.mediaTransfer,
      id: 'job-1',
      attemptsMade: 0,
      data: {
        jobRequestId: '0190c0de-0000-7000-8000-000000000001',
        _meta: { requestId: 'req-1', traceparent: `00-${TRACE_ID}-${PRODUCER_SPAN_ID}-01` },
      },
    } as unknown as Job;

    const context = (await processor(job)) as ReturnType<typeof currentWorkContext>;
    expect(context).toMatchObject({ queue: QUEUE.media, jobId: 'job-1', requestId: 'req-1' });
    expect(context?.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));

    await tracing?.shutdown();
    const jobSpan = spans.find((span) => span.name === 'media.media-transfer');
    expect(jobSpan).toMatchObject({ traceId: TRACE_ID, parentSpanId: PRODUCER_SPAN_ID });
    expect(context?.traceparent).toContain(jobSpan?.spanId);
    const query = spans.find((span) => span.name.startsWith('pg.query'));
    expect(query).toMatchObject({ traceId: TRACE_ID, parentSpanId: jobSpan?.spanId });
  });
});
