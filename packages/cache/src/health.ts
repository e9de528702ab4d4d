import type { Logger } from '@storytime/observability';
import type { Redis } from 'ioredis';
import type { CacheMetrics } from './metrics';

/** After a failed command, skip Redis this long before letting requests probe it again. */
const PROBE_AFTER_MS = 1_000;
const LOG_EVERY_MS = 10_000;
const PROBE_TIMEOUT_MS = 1_000;

export class RedisUnavailableError extends Error {
  constructor(status: string) {
    super(`Redis connection is ${status}`);
    this.name = 'RedisUnavailableError';
  }
}

export class CacheTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis command took longer than ${ms} ms`);
    this.name = 'CacheTimeoutError';
  }
}

export interface RedisHealthDeps {
  redis: Redis;
  metrics: CacheMetrics;
  now: () => number;
  logger: Logger | undefined;
  /** Called once when commands succeed again after a failure (replay missed invalidations). */
  onRecover: () => void;
}

/**
 * Tracks whether the shared command connection can be used. Redis counts as down while its status is not
 * 'ready' or since a command last failed; the first success afterwards brings it back. Commands are never
 * sent while the status is not 'ready': with `enableOfflineQueue` ioredis would queue them until
 * reconnection and stall the request.
 */
export class RedisHealth {
  readonly #deps: RedisHealthDeps;
  readonly #warn: Warn;
  #failedAt: number | undefined;
  #probe: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(deps: RedisHealthDeps) {
    this.#deps = deps;
    this.#warn = rateLimitedWarn(deps.logger, deps.now);
  }

  get failing(): boolean {
    return this.#failedAt !== undefined;
  }

  get down(): boolean {
    return this.#deps.redis.status !== 'ready' || this.failing;
  }

  /**
   * Whether a command may be sent now. Records the skip as an error so an outage shows up in
   * `cache_errors_total` even though no command was attempted.
   */
  usable(namespace: string, operation: string): boolean {
    const { redis, now } = this.#deps;
    if (redis.status !== 'ready') {
      this.failure(namespace, operation, new RedisUnavailableError(redis.status), false);
      return false;
    }
    if (this.#failedAt !== undefined && now() - this.#failedAt < PROBE_AFTER_MS) {
      this.failure(namespace, operation, new RedisUnavailableError('failing'), false);
      return false;
    }
    return true;
  }

  /** `fresh` is false for skips, so a skipped call does not push the next probe further out. */
  failure(namespace: string, operation: string, error: unknown, fresh = true): void {
    const { metrics, now } = this.#deps;
    metrics.error(namespace);
    if (fresh || this.#failedAt === undefined) this.#failedAt = now();
    this.#scheduleProbe();
    this.#warn(
      { err: error, operation, namespace },
      'cache: Redis unavailable, serving from memory and the loader',
    );
  }

  /** Also called on the connection's 'ready' event: ioredis only emits it once the server has answered. */
  success(): void {
    if (this.#failedAt === undefined) return;
    this.#failedAt = undefined;
    this.#deps.logger?.info('cache: Redis reachable again');
    this.#deps.onRecover();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#probe);
  }

  /**
   * Recovery must not wait for traffic: /health reports `degraded` and missed invalidations wait for
   * replay. A dropped connection recovers through 'ready'; this covers a hung one whose status stayed ready.
   */
  #scheduleProbe(): void {
    if (this.#probe || this.#closed) return;
    this.#probe = setTimeout(() => {
      this.#probe = undefined;
      void this.#runProbe();
    }, PROBE_AFTER_MS);
    this.#probe.unref();
  }

  async #runProbe(): Promise<void> {
    const { redis, now } = this.#deps;
    if (this.#closed || !this.failing || redis.status !== 'ready') return;
    try {
      await withTimeout(redis.ping(), PROBE_TIMEOUT_MS);
      this.success();
    } catch {
      // Already counted and logged when the failure began; just keep probing.
      this.#failedAt = now();
      this.#scheduleProbe();
    }
  }
}

export type Warn = (fields: Record<string, unknown>, message: string) => void;

/** At most one warning per window during an outage, not one per request; says how many were dropped. */
export function rateLimitedWarn(logger: Logger | undefined, now: () => number): Warn {
  let lastAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (fields, message) => {
    if (!logger) return;
    if (now() - lastAt < LOG_EVERY_MS) {
      suppressed += 1;
      return;
    }
    logger.warn({ ...fields, suppressed }, message);
    lastAt = now();
    suppressed = 0;
  };
}

/**
 * Bounds a command's wait. The command itself is not cancelled (ioredis cannot), but the request moves on;
 * race() subscribes to `work`, so its late rejection is never unhandled.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeoutError(ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
