export { createTestDatabase, DEFAULT_TEST_ADMIN_URL, type TestDatabase, testAdminUrl } from './database';
export { testDatabaseConfig, testDatabaseUrl } from './env';
export { type QueryCount, withQueryCount } from './query-count';
