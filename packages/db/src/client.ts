import type { DatabaseConfig } from '@storytime/config';
import { gauge, type Logger } from '@storytime/observability';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { instrumentClient } from './instrumentation';
import * as schema from './schema';

export type { DatabaseConfig };

export interface CreatePoolOptions {
  logger?: Logger;
  /** Shows in pg_stat_activity, so an operator can tell the API's connections from a worker's. */
  applicationName?: string;
}

// Every live pool of the process, so db_pool_connections sums them (an app may open a second pool
// with other timeouts, e.g. for maintenance jobs).
const livePools = new Set<pg.Pool>();

gauge('db_pool_connections', 'PostgreSQL pool connections by state', ['state'] as const, function collect() {
  let total = 0;
  let idle = 0;
  let waiting = 0;
  for (const pool of livePools) {
    if (pool.ending) {
      livePools.delete(pool);
      continue;
    }
    total += pool.totalCount;
    idle += pool.idleCount;
    waiting += pool.waitingCount;
  }
  this.set({ state: 'total' }, total);
  this.set({ state: 'idle' }, idle);
  this.set({ state: 'waiting' }, waiting);
});

export function createPool(config: DatabaseConfig, options: CreatePoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    idleTimeoutMillis: config.idleTimeoutMs,
    connectionTimeoutMillis: config.poolTimeoutMs,
    ...(config.statementTimeoutMs > 0 ? { statement_timeout: config.statementTimeoutMs } : {}),
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });

  pool.on('connect', (client) => {
    instrumentClient(client, { slowQueryMs: config.slowQueryMs, logger: options.logger });
  });
  // An idle client losing its connection (server restart, network) emits here; without a listener
  // the process would crash. The pool replaces the client on next use.
  pool.on('error', (error) => {
    options.logger?.error({ err: error }, 'idle PostgreSQL client error');
  });

  livePools.add(pool);
  const end = pool.end.bind(pool);
  pool.end = ((callback?: (error?: Error) => void) => {
    livePools.delete(pool);
    return callback ? end(callback) : end();
  }) as pg.Pool['end'];
  return pool;
}

export function createDb(pool: pg.Pool) {
  return drizzle(pool, { schema, casing: 'snake_case' });
}

export type Db = ReturnType<typeof createDb>;
/** The handle a `db.transaction(async (tx) => …)` callback receives. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repository functions take either, so the service decides where a transaction starts. */
export type DbOrTx = Db | Tx;

export interface PingResult {
  ok: boolean;
  responseTimeMs: number;
  error?: string;
}

/** `SELECT 1` within `timeoutMs` (health check, platform.md §8); never throws. */
export async function pingDatabase(pool: pg.Pool, timeoutMs: number): Promise<PingResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // The race also bounds the wait for a free connection, which query_timeout alone would not.
    await Promise.race([pool.query('select 1'), timeout]);
    return { ok: true, responseTimeMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      responseTimeMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
