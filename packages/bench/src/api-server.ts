import { buildApp } from '@storytime/api/app';
import { loadApiConfig } from '@storytime/api/config';
import { createInfrastructure } from '@storytime/api/infrastructure';
import { createLogger } from '@storytime/observability';
import { announceReady, onStop } from './child-protocol';

/**
 * The real API in a child process (forked by run.ts), so the load generator never shares its event
 * loop. Built exactly as apps/api/src/main.ts builds it, from the environment run.ts prepared
 * (production mode, docs off, high rate limits, a Redis prefix of its own), minus what a benchmark
 * does not exercise: tracing, the metrics port and the outbox relay.
 */

const config = loadApiConfig(process.env);
const logger = createLogger({ service: 'api-bench', level: config.env.LOG_LEVEL });
const infra = createInfrastructure(config, logger);
await infra.connect();
const app = await buildApp({ config, logger, ...infra });
await app.listen({ port: config.env.PORT, host: config.env.HOST });

/** Leaves Redis as it was found: the run's cache, limiter and queue keys all carry its prefixes. */
async function deleteRunKeys(): Promise<void> {
  for (const pattern of [`${config.env.CACHE_PREFIX}*`, `${config.env.QUEUE_PREFIX}:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await infra.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await infra.redis.del(...keys);
    } while (cursor !== '0');
  }
}

onStop(async () => {
  await app.close();
  await deleteRunKeys().catch((error: unknown) => logger.warn({ err: error }, 'bench keys not deleted'));
  await infra.close();
});
announceReady(app.server.address());
