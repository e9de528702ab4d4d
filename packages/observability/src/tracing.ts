import {
  type Attributes,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

export interface TracingOptions {
  /** `storytime-api`, `storytime-worker-story`, … (platform.md §8). */
  serviceName: string;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); tracing stays off when it is empty. */
  endpoint?: string | undefined;
}

export interface TracingHandle {
  /** Flushes buffered spans and unpatches nothing: call it last, while draining. */
  shutdown(): Promise<void>;
}

const TRACER_NAME = '@storytime/observability';

let running: TracingHandle | undefined;

/**
 * Starts the OpenTelemetry SDK (OTLP/HTTP traces; http, fetch, pg and ioredis instrumented) when
 * an endpoint is configured, and does nothing otherwise. It must run before the modules it
 * instruments are loaded, so entry points call it first and import the app afterwards. Metrics
 * stay with prom-client and logs with pino: the SDK exports traces only.
 */
export async function startTracing(options: TracingOptions): Promise<TracingHandle | undefined> {
  const endpoint = options.endpoint?.trim();
  if (!endpoint) return undefined;
  if (running) return running;

  // Loaded on demand so a process without an endpoint never pays for the SDK.
  const [sdkNode, exporter, http, undici, pg, ioredis] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-ioredis'),
  ]);
  // A concurrent caller may have won the race while the imports resolved.
  if (running) return running;

  const sdk = new sdkNode.NodeSDK({
    serviceName: options.serviceName,
    traceExporter: new exporter.OTLPTraceExporter({ url: tracesUrl(endpoint) }),
    // Empty lists stop the SDK from adding OTLP metric and log exporters from the environment.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new http.HttpInstrumentation({
        // Scrapes and probes would drown the real traffic.
        ignoreIncomingRequestHook: (request) => isProbe(request.url),
      }),
      new undici.UndiciInstrumentation(),
      new pg.PgInstrumentation({ requireParentSpan: true }),
      new ioredis.IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();

  const handle: TracingHandle = {
    async shutdown() {
      if (running !== handle) return;
      running = undefined;
      await sdk.shutdown();
    },
  };
  running = handle;
  return handle;
}

/** OTLP/HTTP appends the signal path to the base endpoint (OTel spec), unless it is already there. */
export function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

function isProbe(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0] ?? '';
  return path === '/metrics' || path === '/health' || path === '/ready' || path.startsWith('/api/v1/health');
}

/** W3C carrier stored in `_meta` of a job and in `job_requests.traceparent`. */
interface TraceCarrier {
  traceparent?: string;
}

/** The W3C `traceparent` of the active span, to hand to work that continues elsewhere (a job). */
export function currentTraceparent(): string | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs `fn` inside a new span that is a child of the given W3C `traceparent` (the producer's
 * context), so a job joins the trace of the request that enqueued it. Without a traceparent the
 * span starts a trace of its own; without the SDK the tracer is a no-op and this costs nothing.
 */
export function withTraceparent<T>(
  traceparent: string | undefined,
  name: string,
  fn: (span: Span) => Promise<T>,
  attributes: Attributes = {},
): Promise<T> {
  const parent = traceparent
    ? propagation.extract(context.active(), { traceparent } satisfies TraceCarrier)
    : context.active();
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

const NO_TRACE: Record<string, never> = {};

/**
 * Trace and span ids of the active span for log lines (platform.md §2). Called for every log
 * line, so it only reads the current context and allocates nothing when no span is active.
 */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return NO_TRACE;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
