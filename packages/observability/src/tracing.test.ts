import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import {
  currentTraceparent,
  startTracing,
  type TracingHandle,
  traceLogFields,
  tracesUrl,
  withTraceparent,
} from './tracing';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

interface ExportRequest {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  status?: { code?: number };
}

/** A stand-in OTLP/HTTP collector on loopback that records every export it receives. */
async function startFakeCollector(): Promise<{ server: Server; url: string; requests: ExportRequest[] }> {
  const requests: ExportRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: String(req.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}`, requests };
}

function exportedSpans(requests: ExportRequest[]): { services: string[]; spans: OtlpSpan[] } {
  const services: string[] = [];
  const spans: OtlpSpan[] = [];
  for (const request of requests) {
    const body = JSON.parse(request.body) as {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue?: string } }[] };
        scopeSpans: { spans: OtlpSpan[] }[];
      }[];
    };
    for (const resourceSpans of body.resourceSpans) {
      const service = resourceSpans.resource.attributes.find((a) => a.key === 'service.name');
      if (service?.value.stringValue) services.push(service.value.stringValue);
      for (const scope of resourceSpans.scopeSpans) spans.push(...scope.spans);
    }
  }
  return { services, spans };
}

/** A pino destination that parses each line it is given. */
function collectLines(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      callback();
    },
  });
}

// Order matters: the SDK registers process-wide globals, so the "off" cases run before it starts.
describe('tracing without an endpoint', () => {
  it('starts nothing and leaves the helpers as no-ops', async () => {
    expect(await startTracing({ serviceName: 'storytime-test' })).toBeUndefined();
    expect(await startTracing({ serviceName: 'storytime-test', endpoint: '  ' })).toBeUndefined();

    const seen = await withTraceparent(undefined, 'job', async (span) => ({
      recording: span.isRecording(),
      traceparent: currentTraceparent(),
      logFields: traceLogFields(),
    }));
    expect(seen).toEqual({ recording: false, traceparent: undefined, logFields: {} });
  });

  it('keeps the fields of one log line out of the next', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ service: 'test', destination: collectLines(lines) });
    logger.info({ port: 3000 }, 'first');
    logger.info('second');
    expect(lines[0]).toMatchObject({ port: 3000, msg: 'first' });
    expect(lines[1]).not.toHaveProperty('port');
  });
});

describe('tracing with an endpoint', () => {
  let collector: Awaited<ReturnType<typeof startFakeCollector>>;
  let tracing: TracingHandle | undefined;

  beforeAll(async () => {
    collector = await startFakeCollector();
    tracing = await startTracing({ serviceName: 'storytime-test', endpoint: collector.url });
  });

  afterAll(async () => {
    await tracing?.shutdown();
    await new Promise<void>((resolve) => collector.server.close(() => resolve()));
  });

  it('exports spans, joins a job to its producer and tags log lines', async () => {
    expect(tracing).toBeDefined();
    expect(await startTracing({ serviceName: 'other', endpoint: collector.url })).toBe(tracing);

    const logged: Record<string, unknown>[] = [];
    const logger = createLogger({ service: 'test', destination: collectLines(logged) });

    // The "request" hands its traceparent to a "job", as the producer does through `_meta`.
    const traceparent = await withTraceparent(undefined, 'POST /api/v1/stories', async () => {
      logger.info('inside the request');
      return currentTraceparent();
    });
    const match = TRACEPARENT.exec(traceparent ?? '');
    expect(match).not.toBeNull();
    const [, traceId, parentSpanId] = match ?? [];

    await withTraceparent(traceparent, 'story-generation.generate-story', async () => {
      expect(currentTraceparent()).toMatch(new RegExp(`^00-${traceId}-`));
    });
    await expect(
      withTraceparent(traceparent, 'email-queue.send-email', async () => {
        throw new Error('smtp down');
      }),
    ).rejects.toThrow('smtp down');
    logger.info('outside any span');

    // Shutting down flushes the batch processor, so every span has reached the collector.
    await tracing?.shutdown();

    expect(collector.requests.length).toBeGreaterThan(0);
    for (const request of collector.requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/v1/traces');
      expect(request.contentType).toContain('application/json');
    }
    const { services, spans } = exportedSpans(collector.requests);
    expect(new Set(services)).toEqual(new Set(['storytime-test']));

    const request = spans.find((span) => span.name === 'POST /api/v1/stories');
    const job = spans.find((span) => span.name === 'story-generation.generate-story');
    const failed = spans.find((span) => span.name === 'email-queue.send-email');
    expect(request).toMatchObject({ traceId, spanId: parentSpanId });
    expect(job).toMatchObject({ traceId, parentSpanId });
    expect(failed).toMatchObject({ traceId, parentSpanId, status: { code: 2 } });

    expect(logged[0]).toMatchObject({ msg: 'inside the request', traceId, spanId: parentSpanId });
    expect(logged[1]?.msg).toBe('outside any span');
    expect(logged[1]).not.toHaveProperty('traceId');
  });
});

describe('tracesUrl', () => {
  it('appends the OTLP traces path to the base endpoint once', () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/v1/traces')).toBe('http://collector:4318/v1/traces');
  });
});
