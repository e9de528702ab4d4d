import { createRequire, register } from 'node:module';
import {
  type Attributes,
  context,
  isSpanContextValid,
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
  /** Flushes the buffered spans and stops exporting; call it last when draining. */
  shutdown(): Promise<void>;
}

const TRACER_NAME = '@storytime/observability';

let running: TracingHandle | undefined;

/**
 * Starts the OpenTelemetry SDK (OTLP/HTTP traces; http, fetch, pg and ioredis instrumented) when
 * an endpoint is configured, and does nothing otherwise. Entry points call it before importing the
 * app; packages an entry loaded earlier are instrumented after the fact. Metrics stay with
 * prom-client and logs with pino: the SDK exports traces only. A second call returns the same
 * handle.
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
  registerEsmHook();

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
      // Only inside a request or job: the outbox relay and health pings poll every second.
      new pg.PgInstrumentation({ requireParentSpan: true }),
      new ioredis.IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  instrumentLoadedModules();

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

/** Packages imported from ESM that the instrumentations patch (pg-pool is required by pg itself). */
const ESM_PATCHED = ['pg', 'pg-pool', 'ioredis'];
let esmHookRegistered = false;

/**
 * An `import` of a CommonJS package from ESM bypasses the require hook the instrumentations rely
 * on, so pg and ioredis would go untraced; the import-in-the-middle loader covers that path. It is
 * limited to the patched packages so every other import keeps the plain loader.
 */
function registerEsmHook(): void {
  if (esmHookRegistered) return;
  esmHookRegistered = true;
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: ESM_PATCHED } });
}

const LOADED_PATCHED = /[\\/]node_modules[\\/](pg|pg-pool|ioredis)[\\/]/;

/**
 * The instrumentations patch a package when it is required, so one that was loaded before tracing
 * started (a worker's entry imports its whole graph first) would stay untraced. Requiring it again
 * goes through their hook, which patches the prototypes in place and so also covers the clients
 * already created. Cached modules are not executed again.
 */
function instrumentLoadedModules(): void {
  const require = createRequire(import.meta.url);
  for (const builtin of ['node:http', 'node:https']) require(builtin);
  for (const filename of Object.keys(require.cache)) {
    if (LOADED_PATCHED.test(filename)) require(filename);
  }
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

/**
 * Names the active HTTP server span after the route pattern: the http instrumentation only knows
 * the method, and raw paths would explode the number of distinct span names.
 */
export function nameActiveSpan(method: string, route: string): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}

/**
 * Trace and span ids of the active span for log lines (platform.md §2). Called for every log
 * line, so it only reads the current context. It returns a new object each time because pino
 * merges the line's fields into what the mixin returns.
 */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
