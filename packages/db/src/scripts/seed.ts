import { baseEnv, databaseEnv, parseEnv, toDatabaseConfig } from '@storytime/config';
import { createLogger } from '@storytime/observability';
import { createDb, createPool } from '../client';
import { seedCatalogue } from '../seed';

/** `pnpm db:seed`: the catalogue and demo stories (rules.md §20). Safe to run any number of times. */
const env = parseEnv({ ...baseEnv, ...databaseEnv(2) });
const logger = createLogger({ service: 'storytime-seed', level: env.LOG_LEVEL });

async function main(): Promise<void> {
  const pool = createPool(toDatabaseConfig(env), { logger, applicationName: 'storytime-seed' });
  try {
    const report = await seedCatalogue(createDb(pool), {
      mediaDir: env.MEDIA_LOCAL_DIR,
      mediaBaseUrl: env.PUBLIC_MEDIA_BASE_URL ?? env.BACKEND_BASE_URL,
    });
    logger.info(report, 'catalogue seeded');
  } finally {
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logger.error({ err: error }, 'seeding failed');
    process.exit(1);
  },
);
