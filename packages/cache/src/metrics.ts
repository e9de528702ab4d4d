import { counter, gauge } from '@storytime/observability';

export type Tier = 'l1' | 'l2';
export type Outcome = 'hit' | 'miss';

export interface HitMiss {
  hit: number;
  miss: number;
}

export interface CacheCounts {
  l1: Record<string, HitMiss>;
  l2: Record<string, HitMiss>;
  errors: Record<string, number>;
}

/**
 * Every live L1 store in the process. The gauge sums them at scrape time, so several caches (tests, or
 * an app and a worker kit in one process) report one total without fighting over `set()`.
 */
const liveStores = new Set<{ readonly size: number }>();

function l1EntriesGauge() {
  return gauge('cache_l1_entries', 'Entries held in the in-process cache tier', [], function collect() {
    let total = 0;
    for (const store of liveStores) total += store.size;
    this.set(total);
  });
}

/**
 * Prometheus series (platform.md §6) plus the same counts kept per cache instance in memory, so tests and
 * /health can read them without parsing the registry.
 */
export class CacheMetrics {
  readonly #requests = counter('cache_requests_total', 'Cache lookups by tier, namespace and result', [
    'tier',
    'namespace',
    'result',
  ]);
  readonly #errors = counter('cache_errors_total', 'Cache operations that failed or skipped Redis', [
    'namespace',
  ]);
  readonly #counts: CacheCounts = { l1: {}, l2: {}, errors: {} };

  constructor() {
    l1EntriesGauge();
  }

  request(tier: Tier, namespace: string, result: Outcome): void {
    this.#requests.inc({ tier, namespace, result });
    const perTier = this.#counts[tier];
    const entry = perTier[namespace] ?? { hit: 0, miss: 0 };
    entry[result] += 1;
    perTier[namespace] = entry;
  }

  error(namespace: string): void {
    this.#errors.inc({ namespace });
    this.#counts.errors[namespace] = (this.#counts.errors[namespace] ?? 0) + 1;
  }

  /** A deep copy: callers may keep it around to diff against a later snapshot. */
  snapshot(): CacheCounts {
    return structuredClone(this.#counts);
  }

  track(store: { readonly size: number }): void {
    liveStores.add(store);
  }

  untrack(store: { readonly size: number }): void {
    liveStores.delete(store);
  }
}
