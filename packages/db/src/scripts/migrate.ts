import { loadDatabaseConfig } from '@storytime/config';
import { createLogger } from '@storytime/observability';
import { createDatabaseIfMissing, databaseNameOf } from '../admin';
import { runMigrations } from '../migrate';

/**
 * `pnpm migrate`: creates the database named in DATABASE_URL when it does not exist (first
 * local run), then applies pending migrations.
 */
const logger = createLogger({ service: 'storytime-migrate', level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const { url } = loadDatabaseConfig(process.env);
  const database = databaseNameOf(url);
  if (await createDatabaseIfMissing(url)) logger.info({ database }, 'database created');
  const started = performance.now();
  await runMigrations(url);
  logger.info({ database, durationMs: Math.round(performance.now() - started) }, 'migrations applied');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logger.error({ err: error }, 'migration failed');
    process.exit(1);
  },
);
