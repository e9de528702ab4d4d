import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { TestApp } from './helpers';

/**
 * Runs one request and counts the SQL statements it made: the request-context plugin hands the
 * counter registered under the request's id to the database layer. Used to prove a route's query
 * count does not grow with the page size (no N+1).
 */
export async function countQueries(t: TestApp, options: InjectOptions) {
  const requestId = `count-${randomUUID()}`;
  const counter = { count: 0, statements: [] as string[] };
  const counters = t.deps.queryCounters!;
  counters.set(requestId, counter);
  try {
    const response = await t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), 'x-request-id': requestId },
    });
    return { response, count: counter.count, statements: counter.statements };
  } finally {
    counters.delete(requestId);
  }
}
