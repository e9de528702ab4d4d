// Brings 'vitest' into the program so the ProvidedContext augmentation below resolves.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * Vitest globalSetup shared by every package that needs PostgreSQL:
 *
 *   test: { globalSetup: ['../../packages/db/src/testing/global-setup.ts'] }
 *
 * Creates one migrated database for the run and exposes its URL both as `process.env.DATABASE_URL`
 * (test workers start after global setup and inherit the environment) and as
 * `inject('databaseUrl')`. The returned teardown drops the database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  project.provide('databaseUrl', database.url);
  return async () => {
    await database.drop();
  };
}
