import { randomBytes } from 'node:crypto';
import { quoteIdent, withDatabase, withMaintenanceClient } from '../admin';
import { runMigrations } from '../migrate';

/** Test databases: one fresh, migrated database per test run (architecture.md "Running it"). */

export const DEFAULT_TEST_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const PREFIX = 'st_test_';
const NAME_PATTERN = /^st_test_(\d+)_[a-z0-9]{6}$/;
/** Older than this, a test database belongs to a crashed run (no live run lasts that long). */
const STALE_AFTER_SECONDS = 3 * 60 * 60;

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function testAdminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL;
}

function randomSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(6), (byte) => alphabet[byte % alphabet.length]).join('');
}

async function dropStaleDatabases(adminUrl: string, nowSeconds: number): Promise<string[]> {
  return withMaintenanceClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`${PREFIX.replaceAll('_', '\\_')}%`],
    );
    const dropped: string[] = [];
    for (const { datname } of rows) {
      const created = Number(NAME_PATTERN.exec(datname)?.[1]);
      if (!Number.isFinite(created) || nowSeconds - created < STALE_AFTER_SECONDS) continue;
      // FORCE: a crashed run may have left connections open.
      await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
      dropped.push(datname);
    }
    return dropped;
  });
}

/**
 * Creates `st_test_<unix-seconds>_<random6>` on the admin URL's server, applies every migration and
 * returns its URL. Leftovers of crashed runs older than 3 hours are dropped first; younger ones may
 * belong to runs still in progress in parallel, so they are left alone.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testAdminUrl();
  const nowSeconds = Math.floor(Date.now() / 1000);
  await dropStaleDatabases(adminUrl, nowSeconds);

  const name = `${PREFIX}${nowSeconds}_${randomSuffix()}`;
  await withMaintenanceClient(adminUrl, (client) => client.query(`create database ${quoteIdent(name)}`));
  const url = withDatabase(adminUrl, name);
  const drop = async () => {
    await withMaintenanceClient(adminUrl, (client) =>
      client.query(`drop database if exists ${quoteIdent(name)} with (force)`),
    );
  };
  try {
    await runMigrations(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, name, drop };
}
