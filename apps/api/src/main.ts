import {
  createLogger,
  installLifecycleHandlers,
  startDefaultMetrics,
  startMetricsServer,
  withTimeout,
} from '@storytime/observability';
import { buildApp } from './app';
import { loadApiConfig } from './config';
import { createInfrastructure } from './infrastructure';

const config = loadApiConfig();
const logger = createLogger({ service: 'api', level: config.env.LOG_LEVEL });
startDefaultMetrics('api');

const infra = createInfrastructure(config, logger);
await infra.connect();
let shuttingDown = false;
const app = await buildApp({ config, logger, ...infra, isShuttingDown: () => shuttingDown });

await app.listen({ port: config.env.PORT, host: config.env.HOST });
const metrics = await startMetricsServer(config.env.METRICS_PORT, config.env.HOST);
logger.info({ port: config.env.PORT, metricsPort: metrics.port }, 'api listening');

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
    await infra.close();
  },
});
