import type { DatabaseConfig } from '../client';

/** The URL global-setup.ts created for this run; fails loudly when the setup is not configured. */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url?.includes('st_test_')) {
    throw new Error(
      "No test database: add globalSetup: ['../../packages/db/src/testing/global-setup.ts'] to vitest.config.ts",
    );
  }
  return url;
}

/** Pool settings for tests: small pool, short timeouts so a hang fails fast. */
export function testDatabaseConfig(overrides: Partial<DatabaseConfig> = {}): DatabaseConfig {
  return {
    url: testDatabaseUrl(),
    poolMax: 5,
    poolTimeoutMs: 5_000,
    idleTimeoutMs: 1_000,
    statementTimeoutMs: 10_000,
    slowQueryMs: 1_000,
    ...overrides,
  };
}
