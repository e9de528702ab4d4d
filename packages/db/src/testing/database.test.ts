import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { quoteIdent, withMaintenanceClient } from '../admin';
import { createTestDatabase, testAdminUrl } from './database';

async function databaseExists(name: string): Promise<boolean> {
  return withMaintenanceClient(testAdminUrl(), async (client) => {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return result.rowCount === 1;
  });
}

describe('createTestDatabase', () => {
  it('creates a migrated database, drops stale leftovers and keeps recent ones', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = `st_test_${now - 4 * 3600}_zzzzzz`;
    const recent = `st_test_${now - 60}_yyyyyy`;
    await withMaintenanceClient(testAdminUrl(), async (client) => {
      await client.query(`create database ${quoteIdent(stale)}`);
      await client.query(`create database ${quoteIdent(recent)}`);
    });
    try {
      const database = await createTestDatabase();
      expect(database.name).toMatch(/^st_test_\d+_[a-z0-9]{6}$/);
      expect(await databaseExists(stale)).toBe(false);
      expect(await databaseExists(recent)).toBe(true);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const migrated = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      await client.end();
      expect(migrated.rows[0]?.n).toBeGreaterThanOrEqual(2);
      await database.drop();
      expect(await databaseExists(database.name)).toBe(false);
    } finally {
      await withMaintenanceClient(testAdminUrl(), (client) =>
        client.query(`drop database if exists ${quoteIdent(recent)} with (force)`),
      );
    }
  });
});
