import client from 'prom-client';

/**
 * One Prometheus registry per process. Metric helpers are "get or create" so that a package can
 * declare its metrics at the call site, and several instances of one component (two caches in a
 * test, say) share the same series instead of throwing "already registered".
 */
export const registry = client.register;

type LabelNames = readonly string[];

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as client.Counter<L>;
  return new client.Counter<L>({ name, help, labelNames: labelNames as L[] });
}

export function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
  collect?: (this: client.Gauge<L>) => void | Promise<void>,
) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as client.Gauge<L>;
  return new client.Gauge<L>({
    name,
    help,
    labelNames: labelNames as L[],
    ...(collect ? { collect } : {}),
  });
}

export function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
  buckets: number[] = DURATION_BUCKETS,
) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as client.Histogram<L>;
  return new client.Histogram<L>({ name, help, labelNames: labelNames as L[], buckets });
}

/** Seconds; 5 ms to 10 s as platform.md §8 asks for request durations. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let defaultsStarted = false;

/** Node runtime metrics (heap, RSS, event-loop lag, GC) labelled with the service name. */
export function startDefaultMetrics(service: string): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

export type { LabelNames };
