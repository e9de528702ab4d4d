import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the current unit of work is (an HTTP request or a job), carried implicitly through awaits
 * so that deep code (the slow-query log, provider clients) can tag its output with the request or
 * job id without threading it through every signature.
 */
export interface WorkContext {
  requestId?: string;
  jobId?: string;
  queue?: string;
  userId?: string;
  /** W3C trace context of the request, stored with the jobs it causes (platform.md §8). */
  traceparent?: string;
  /** When set, the database layer counts every statement it runs here (tests assert on it). */
  queryCounter?: { count: number; statements: string[] };
}

export const workContext = new AsyncLocalStorage<WorkContext>();

export function currentWorkContext(): WorkContext | undefined {
  return workContext.getStore();
}

export function runWithWorkContext<T>(context: WorkContext, fn: () => T): T {
  return workContext.run(context, fn);
}
