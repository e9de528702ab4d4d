import { counter, currentWorkContext, histogram, type Logger } from '@storytime/observability';
import type { PoolClient } from 'pg';

/**
 * Per-statement instrumentation (platform.md §8): duration histogram, slow-query counter and log,
 * and the optional per-unit-of-work query counter tests use to catch N+1 patterns.
 */

export type SqlOperation = 'select' | 'insert' | 'update' | 'delete' | 'other';

const queryDuration = histogram(
  'db_query_duration_seconds',
  'Duration of PostgreSQL statements',
  ['operation', 'table'] as const,
  [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

const slowQueries = counter('db_slow_queries_total', 'Statements slower than DB_SLOW_QUERY_MS');

const MAX_LOGGED_SQL = 2000;

const TABLE_PATTERNS: Record<Exclude<SqlOperation, 'other'>, RegExp> = {
  // The lookahead skips function calls such as `extract(epoch from now())`.
  select: /\bfrom\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)(?![\w$.])(?!\s*\()/i,
  insert: /\binsert\s+into\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/i,
  update: /\bupdate\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/i,
  delete: /\bdelete\s+from\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/i,
};

function operationOf(sql: string): SqlOperation {
  const keyword = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  if (keyword === 'select' || keyword === 'insert' || keyword === 'update' || keyword === 'delete') {
    return keyword;
  }
  if (keyword === 'with') {
    // A CTE's main statement is a write when any write keyword appears; otherwise it reads.
    const write = /\b(insert\s+into|update|delete\s+from)\b/i.exec(sql)?.[1]?.toLowerCase();
    if (write?.startsWith('insert')) return 'insert';
    if (write?.startsWith('delete')) return 'delete';
    if (write === 'update') return 'update';
    return 'select';
  }
  return 'other';
}

/** Parses `{ operation, table }` labels; the table is bounded to identifier characters to cap label cardinality. */
export function describeSql(sql: string): { operation: SqlOperation; table: string } {
  const operation = operationOf(sql);
  const pattern = operation === 'other' ? undefined : TABLE_PATTERNS[operation];
  const raw = pattern?.exec(sql)?.[1];
  const name = raw?.split('.').pop()?.replaceAll('"', '').toLowerCase();
  const table = name && /^[a-z_][a-z0-9_$]{0,62}$/.test(name) ? name : 'unknown';
  return { operation, table };
}

export interface InstrumentationOptions {
  slowQueryMs: number;
  logger?: Logger;
}

type QueryFn = (...args: unknown[]) => unknown;

function sqlTextOf(first: unknown): string {
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { text?: unknown }).text === 'string') {
    return (first as { text: string }).text;
  }
  return '';
}

/**
 * Wraps `client.query` of one pooled connection. Installed from the pool's `connect` event, so it
 * covers pool.query (which runs on a pooled client) and explicit transactions alike. Handles the
 * three call styles pg supports: promise, trailing callback, and `config.callback`.
 */
export function instrumentClient(client: PoolClient, options: InstrumentationOptions): void {
  const original = client.query.bind(client) as QueryFn;

  const instrumented: QueryFn = (...args) => {
    const first = args[0];
    // Submittables (cursors, streams) report completion through their own events; pass them through.
    if (first && typeof first === 'object' && typeof (first as { submit?: unknown }).submit === 'function') {
      return original(...args);
    }
    const sql = sqlTextOf(first);
    const context = currentWorkContext();
    if (context?.queryCounter) {
      context.queryCounter.count += 1;
      context.queryCounter.statements.push(sql);
    }
    const started = process.hrtime.bigint();
    const finish = () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { operation, table } = describeSql(sql);
      queryDuration.observe({ operation, table }, seconds);
      const durationMs = seconds * 1000;
      if (durationMs > options.slowQueryMs) {
        slowQueries.inc();
        // SQL text only: parameters may carry personal data or secrets.
        options.logger?.warn(
          {
            sql: sql.length > MAX_LOGGED_SQL ? `${sql.slice(0, MAX_LOGGED_SQL)}…` : sql,
            durationMs: Math.round(durationMs * 10) / 10,
            operation,
            table,
            requestId: context?.requestId,
            jobId: context?.jobId,
          },
          'slow query',
        );
      }
    };

    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        finish();
        (last as (error: unknown, result: unknown) => void)(error, result);
      };
      return original(...args);
    }
    const config = first as { callback?: unknown } | undefined;
    if (config && typeof config === 'object' && typeof config.callback === 'function') {
      const callback = config.callback as (error: unknown, result: unknown) => void;
      config.callback = (error: unknown, result: unknown) => {
        finish();
        callback(error, result);
      };
      return original(...args);
    }
    return (original(...args) as Promise<unknown>).then(
      (result) => {
        finish();
        return result;
      },
      (error: unknown) => {
        finish();
        throw error;
      },
    );
  };

  client.query = instrumented as PoolClient['query'];
}
