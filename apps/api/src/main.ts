import {
  createLogger,
  installLifecycleHandlers,
  startDefaultMetrics,
  startMetricsServer,
  startTracing,
  withTimeout,
} from '@storytime/observability';
import { loadApiConfig } from './config';

const config = loadApiConfig();
const logger = createLogger({ service: 'api', level: config.env.LOG_LEVEL });
// Tracing patches http, pg and ioredis as they load, so it starts before the app is imported.
const tracing = await startTracing({
  serviceName: config.env.OTEL_SERVICE_NAME ?? 'storytime-api',
  endpoint: config.env.OTEL_EXPORTER_OTLP_ENDPOINT,
}).catch((error: unknown) => {
  logger.warn({ err: error }, 'tracing could not start; running without it');
  return undefined;
});
const { buildApp } = await import('./app');
const { createInfrastructure } = await import('./infrastructure');
const { createOutboxRelay } = await import('@storytime/queue');
startDefaultMetrics('api');

const infra = createInfrastructure(config, logger);
await infra.connect();
// Every process relays committed-but-unqueued jobs (D16); one leader at a time through an advisory lock.
const relay = createOutboxRelay({
  db: infra.db,
  producer: infra.producer,
  logger,
  pollMs: config.env.OUTBOX_POLL_MS,
});
let shuttingDown = false;
const app = await buildApp({ config, logger, ...infra, isShuttingDown: () => shuttingDown });

await app.listen({ port: config.env.PORT, host: config.env.HOST });
const metrics = await startMetricsServer(config.env.METRICS_PORT, config.env.HOST);
logger.info({ port: config.env.PORT, metricsPort: metrics.port, tracing: Boolean(tracing) }, 'api listening');

installLifecycleHandlers({
  logger,
  exitOnUnhandledRejection: config.production,
  async shutdown() {
    // Readiness turns 503 first so load balancers stop sending traffic while requests drain.
    shuttingDown = true;
    await withTimeout(app.close(), config.env.SHUTDOWN_TIMEOUT_MS, 'http drain').catch((error) =>
      logger.warn({ err: error }, 'in-flight requests did not finish in time'),
    );
    await new Promise<void>((resolve) => metrics.server.close(() => resolve()));
    await relay.stop();
    await infra.close();
    // Last, so the spans of the drained requests are flushed too.
    if (tracing) await withTimeout(tracing.shutdown(), 5_000, 'trace flush').catch(() => {});
  },
});
