import { runWithWorkContext } from '@storytime/observability';

export interface QueryCount<T> {
  result: T;
  /** Statements sent to PostgreSQL, BEGIN/COMMIT of transactions included. */
  count: number;
  statements: string[];
}

/**
 * Runs `fn` with a fresh query counter in the work context; every statement the instrumented pool
 * runs inside it is counted. Tests assert on `count` to catch N+1 loops.
 */
export async function withQueryCount<T>(fn: () => T | Promise<T>): Promise<QueryCount<T>> {
  const queryCounter = { count: 0, statements: [] as string[] };
  const result = await runWithWorkContext({ queryCounter }, fn);
  return { result, count: queryCounter.count, statements: queryCounter.statements };
}
