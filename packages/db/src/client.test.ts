import { createLogger, registry, runWithWorkContext } from '@storytime/observability';
import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool, type Db, pingDatabase } from './client';
import { users } from './schema';
import { testDatabaseConfig, withQueryCount } from './testing';

interface LogLine {
  level: string;
  msg: string;
  sql?: string;
  durationMs?: number;
  requestId?: string;
  jobId?: string;
  table?: string;
}

const logLines: LogLine[] = [];
const logger = createLogger({
  service: 'db-test',
  level: 'debug',
  destination: { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) },
});

let pool: pg.Pool;
let db: Db;

beforeAll(() => {
  pool = createPool(testDatabaseConfig({ slowQueryMs: 30, statementTimeoutMs: 300 }), {
    logger,
    applicationName: 'db-client-test',
  });
  db = createDb(pool);
});

afterAll(async () => {
  await pool.end();
});

async function metricValues(name: string) {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  return (await metric.get()).values;
}

async function slowQueryCount(): Promise<number> {
  return (await metricValues('db_slow_queries_total'))[0]?.value ?? 0;
}

describe('createPool instrumentation', () => {
  it('logs queries slower than slowQueryMs with SQL, duration and work ids but no parameters', async () => {
    const before = await slowQueryCount();
    await runWithWorkContext({ requestId: 'req-slow', jobId: 'job-slow' }, () =>
      pool.query('select pg_sleep($1::float), $2::text as secret', [0.06, 'hunter2-secret']),
    );
    const line = logLines.find((l) => l.msg === 'slow query' && l.requestId === 'req-slow');
    expect(line).toMatchObject({
      level: 'warn',
      jobId: 'job-slow',
      sql: 'select pg_sleep($1::float), $2::text as secret',
    });
    expect(line?.durationMs).toBeGreaterThanOrEqual(50);
    expect(JSON.stringify(logLines)).not.toContain('hunter2-secret');
    expect(await slowQueryCount()).toBe(before + 1);
  });

  it('does not log fast queries', async () => {
    const before = logLines.length;
    await pool.query('select 1');
    expect(logLines.slice(before).filter((l) => l.msg === 'slow query')).toEqual([]);
  });

  it('records db_query_duration_seconds by operation and table, for drizzle and transactions too', async () => {
    await db.select({ id: users.id }).from(users).where(eq(users.email, 'nobody@example.test'));
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ email: `tx-${crypto.randomUUID()}@example.test`, passwordHash: 'x' });
    });
    // Histogram values carry the series name (`…_bucket`, `…_sum`, `…_count`) beside the labels.
    const counts = (await metricValues('db_query_duration_seconds')).filter((v) =>
      String((v as { metricName?: string }).metricName).endsWith('_count'),
    );
    const count = (operation: string, table: string) =>
      counts.find((v) => v.labels.operation === operation && v.labels.table === table)?.value ?? 0;
    expect(count('select', 'users')).toBeGreaterThanOrEqual(1);
    expect(count('insert', 'users')).toBeGreaterThanOrEqual(1);
    expect(count('other', 'unknown')).toBeGreaterThanOrEqual(2); // begin, commit
  });

  it('counts statements in the work context query counter', async () => {
    const { result, count, statements } = await withQueryCount(async () => {
      await db.select().from(users).limit(1);
      await db.execute(sql`select 2 as two`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(count).toBe(2);
    expect(statements[0]).toMatch(/^select .* from "users"/);
    expect(statements[1]).toBe('select 2 as two');
  });

  it('applies statement_timeout to every statement', async () => {
    await expect(pool.query('select pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
  });

  it('reports pool connections in db_pool_connections', async () => {
    await pool.query('select 1');
    const values = await metricValues('db_pool_connections');
    const total = values.find((v) => v.labels.state === 'total')?.value ?? 0;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(values.map((v) => v.labels.state).sort()).toEqual(['idle', 'total', 'waiting']);
  });
});

describe('pingDatabase', () => {
  it('answers ok with the response time', async () => {
    const result = await pingDatabase(pool, 2000);
    expect(result.ok).toBe(true);
    expect(result.responseTimeMs).toBeGreaterThanOrEqual(0);
  });

  it('reports an unreachable server without throwing', async () => {
    const dead = createPool({
      ...testDatabaseConfig(),
      url: 'postgres://postgres@127.0.0.1:1/none',
      poolTimeoutMs: 500,
    });
    const result = await pingDatabase(dead, 300);
    expect(result.ok).toBe(false);
    expect(result.error).toBeTruthy();
    await dead.end();
  });
});
