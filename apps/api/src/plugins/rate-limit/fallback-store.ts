import { counter, type Logger } from '@storytime/observability';
import type { Redis } from '@storytime/queue';

const fallbackTotal = counter(
  'rate_limiter_fallback_total',
  'Rate-limit decisions taken by the in-process limiter because Redis was unavailable',
);

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** In-process fixed windows with the same arithmetic as the Redis ones; per instance only. */
class LocalWindows {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();

  incr(key: string, now: number, resetAt: number): number {
    const entry = this.counts.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.counts.size > 50_000) this.sweep(now);
      this.counts.set(key, { count: 1, resetAt });
      return 1;
    }
    entry.count += 1;
    return entry.count;
  }

  private sweep(now: number) {
    for (const [key, entry] of this.counts) if (entry.resetAt <= now) this.counts.delete(key);
  }
}

/**
 * A store for @fastify/rate-limit with fixed windows in Redis (`rl:{tier}:{key}:{window}`,
 * platform.md §5). When Redis is not connected or a command fails, the decision falls back to an
 * in-process limiter with the same limits, counted and logged: the limiter never fails a request.
 */
export function createFallbackStore(redis: Redis, prefix: string, logger: Logger) {
  const local = new LocalWindows();
  let lastWarnAt = 0;

  const warn = (error?: unknown) => {
    fallbackTotal.inc();
    const now = Date.now();
    if (now - lastWarnAt > 30_000) {
      lastWarnAt = now;
      logger.warn({ err: error }, 'rate limiter using the in-process fallback: Redis unavailable');
    }
  };

  return class FallbackRedisStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      const now = Date.now();
      const window = Math.floor(now / timeWindow);
      const resetAt = (window + 1) * timeWindow;
      const ttl = resetAt - now;
      const fallback = (error?: unknown) => {
        warn(error);
        callback(null, { current: local.incr(`${key}:${window}`, now, resetAt), ttl });
      };
      if (redis.status !== 'ready') {
        fallback();
        return;
      }
      const redisKey = `${prefix}rl:${key}:${window}`;
      redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, timeWindow)
        .exec()
        .then((results) => {
          const current = Number(results?.[0]?.[1]);
          if (Number.isFinite(current)) callback(null, { current, ttl });
          else fallback(results?.[0]?.[0]);
        })
        .catch(fallback);
    }

    child() {
      return this;
    }
  };
}
