import pg from 'pg';

/**
 * The benchmark's own database. It is always named `storytime_bench`, whatever database the given
 * URL names, so a stray `--force` can never drop the development or a test database.
 */
export const BENCH_DATABASE = 'storytime_bench';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Same server and credentials as `BENCH_DATABASE_URL` or `DATABASE_URL`, database `storytime_bench`. */
export function benchDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = new URL(env.BENCH_DATABASE_URL || env.DATABASE_URL || DEFAULT_SERVER_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

function maintenanceUrl(url: string): string {
  const next = new URL(url);
  next.pathname = '/postgres';
  return next.toString();
}

/** Creates `storytime_bench` when missing (with `drop`, drops it first); returns whether it created it. */
export async function ensureBenchDatabase(url: string, options: { drop?: boolean } = {}): Promise<boolean> {
  if (decodeURIComponent(new URL(url).pathname.slice(1)) !== BENCH_DATABASE) {
    throw new Error(`refusing to manage a database other than ${BENCH_DATABASE}`);
  }
  const client = new pg.Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    // FORCE: a previous run killed mid-way may still hold connections.
    if (options.drop) await client.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    const existing = await client.query('select 1 from pg_database where datname = $1', [BENCH_DATABASE]);
    if (existing.rowCount) return false;
    await client.query(`create database ${BENCH_DATABASE}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * SQL for a UUID v7 whose time part is `timestamp` (an SQL expression). PostgreSQL 15 has no
 * uuidv7(), and the application's ids are v7 (`id desc` breaks creation-time ties), so generated
 * rows follow the same rule: the 48-bit millisecond prefix, version nibble 7, and the random
 * remainder (variant bits included) of gen_random_uuid().
 */
export function uuid7Sql(timestamp: string): string {
  return `(lpad(to_hex(floor(extract(epoch from ${timestamp}) * 1000)::bigint), 12, '0') || '7' || substr(replace(gen_random_uuid()::text, '-', ''), 14, 19))::uuid`;
}
