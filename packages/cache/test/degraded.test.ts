import type { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Cache, cacheTags, createCache } from '../src/index';
import {
  closedPort,
  connect,
  countingLoader,
  metricValue,
  redisProxy,
  removePrefix,
  uniquePrefix,
  waitFor,
} from './helpers';

const prefix = uniquePrefix();
const cleanup: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

afterAll(async () => {
  const redis = connect();
  await removePrefix(redis, prefix);
  await redis.quit();
});

describe('Redis unreachable', () => {
  it('serves loader values, never throws, counts errors and caps memory TTLs at 30 s', async () => {
    const { Redis } = await import('ioredis');
    const redis: Redis = new Redis({
      host: '127.0.0.1',
      port: await closedPort(),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    redis.on('error', () => undefined);
    let clock = Date.now();
    const cache: Cache = createCache({ redis, prefix, now: () => clock });
    cleanup.push(
      () => redis.disconnect(),
      () => cache.close(),
    );
    const errorsBefore = await metricValue('cache_errors_total', { namespace: 'categories' });

    const loader = countingLoader(() => ['Animals']);
    expect(await cache.getOrSet('categories:all', 3600, loader)).toEqual(['Animals']);
    expect(await cache.getOrSet('categories:all', 3600, loader)).toEqual(['Animals']);
    expect(loader.calls).toBe(1);

    clock += 29_000;
    await cache.getOrSet('categories:all', 3600, loader);
    expect(loader.calls).toBe(1);
    clock += 2_000;
    expect(await cache.getOrSet('categories:all', 3600, loader)).toEqual(['Animals']);
    expect(loader.calls).toBe(2);

    await expect(cache.get('categories:all')).resolves.toEqual(['Animals']);
    await expect(cache.set('themes:all', ['sea'], 3600)).resolves.toBeUndefined();
    await expect(cache.del(['categories:all'])).resolves.toBeUndefined();
    await expect(cache.invalidateTags([cacheTags.catalogue])).resolves.toBeUndefined();

    const stats = cache.stats();
    expect(stats.degraded).toBe(true);
    expect(stats.errors.categories).toBeGreaterThanOrEqual(2);
    expect(stats.pendingInvalidations).toBeGreaterThan(0);
    expect(await metricValue('cache_errors_total', { namespace: 'categories' })).toBeGreaterThan(
      errorsBefore,
    );
  });
});

describe('Redis hanging or dropping connections', () => {
  async function proxiedCache() {
    const proxy = await redisProxy();
    const { Redis } = await import('ioredis');
    const redis = new Redis({ port: proxy.port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    const cache = createCache({ redis, prefix, readTimeoutMs: 100, writeTimeoutMs: 200 });
    cleanup.push(
      () => proxy.close(),
      () => redis.disconnect(),
      () => cache.close(),
    );
    await waitFor(() => cache.stats().subscribed);
    return { proxy, cache };
  }

  it('times out a hung read, falls through to the loader and recovers', async () => {
    const { proxy, cache } = await proxiedCache();
    proxy.hang();

    const loader = countingLoader(() => ({ isPremium: true }));
    expect(await cache.getOrSet('user:h1:subscription', 60, loader)).toEqual({ isPremium: true });
    expect(loader.calls).toBe(1);
    expect(cache.stats().errors.user).toBeGreaterThanOrEqual(1);
    expect(cache.stats().degraded).toBe(true);

    proxy.resume();
    // A background probe notices without any traffic; then reads and writes use Redis again.
    await waitFor(() => !cache.stats().degraded);
    await cache.getOrSet('user:h2:subscription', 60, loader);
    expect(cache.stats().l2.user).toEqual({ hit: 0, miss: 1 });
    expect(await cache.get('user:h2:subscription')).toEqual({ isPremium: true });
  });

  it('replays invalidations missed during an outage and forgets memory after resubscribing', async () => {
    const { proxy, cache } = await proxiedCache();
    const observer = connect();
    cleanup.push(() => observer.quit());
    const loader = countingLoader(() => ['v1']);
    await cache.getOrSet('stories:top-picks-from-us:limit=5', 1800, loader, {
      tags: [cacheTags.storyContent],
    });
    await cache.getOrSet('themes:all', 3600, loader);

    proxy.setDown(true);
    await waitFor(() => cache.stats().degraded);
    await cache.invalidateTags([cacheTags.storyContent]);
    expect(cache.stats().pendingInvalidations).toBe(1);
    // Still in Redis: the delete could not be sent.
    expect(await observer.exists(`${prefix}stories:top-picks-from-us:limit=5`)).toBe(1);

    proxy.setDown(false);
    await waitFor(() => !cache.stats().degraded && cache.stats().pendingInvalidations === 0, 10_000);
    await waitFor(async () => (await observer.exists(`${prefix}stories:top-picks-from-us:limit=5`)) === 0);

    // The subscription had a gap, so memory was cleared: themes:all now comes from Redis.
    await cache.getOrSet('themes:all', 3600, loader);
    expect(loader.calls).toBe(2);
    expect(cache.stats().l2.themes).toEqual({ hit: 1, miss: 1 });
  });
});
