import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_TTL, type Cache, cacheKeys, cacheTags, createCache } from '../src/index';
import { connect, countingLoader, metricValue, removePrefix, sleep, uniquePrefix, waitFor } from './helpers';

const prefix = uniquePrefix();
let redis: Redis;
let cache: Cache;
const opened: Cache[] = [];

async function open(): Promise<Cache> {
  const instance = createCache({ redis, prefix });
  opened.push(instance);
  await waitFor(() => instance.stats().subscribed);
  return instance;
}

beforeAll(() => {
  redis = connect();
});

beforeEach(async () => {
  cache = await open();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((instance) => instance.close()));
  await removePrefix(redis, prefix);
});

afterAll(async () => {
  await removePrefix(redis, prefix);
  await redis.quit();
});

describe('getOrSet', () => {
  it('loads on a miss, writes both tiers, then answers from memory', async () => {
    const loader = countingLoader(() => [{ id: 'c1', name: 'Animals' }]);
    const first = await cache.getOrSet(cacheKeys.categoriesAll, CACHE_TTL.categoriesAll, loader);
    const second = await cache.getOrSet(cacheKeys.categoriesAll, CACHE_TTL.categoriesAll, loader);

    expect(first).toEqual([{ id: 'c1', name: 'Animals' }]);
    expect(second).toEqual(first);
    expect(loader.calls).toBe(1);
    expect(JSON.parse((await redis.get(`${prefix}categories:all`)) ?? 'null')).toEqual(first);
    const ttl = await redis.ttl(`${prefix}categories:all`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    expect(cache.stats().l1.categories).toEqual({ hit: 1, miss: 1 });
    expect(cache.stats().l2.categories).toEqual({ hit: 0, miss: 1 });
  });

  it('answers from Redis when memory is empty (another instance)', async () => {
    await cache.getOrSet('themes:all', 60, async () => ['sea']);
    const other = await open();
    const loader = countingLoader(() => ['never']);

    expect(await other.getOrSet('themes:all', 60, loader)).toEqual(['sea']);
    expect(loader.calls).toBe(0);
    expect(other.stats().l2.themes).toEqual({ hit: 1, miss: 0 });
    // Now in the other instance's memory too.
    expect(await other.getOrSet('themes:all', 60, loader)).toEqual(['sea']);
    expect(other.stats().l1.themes).toEqual({ hit: 1, miss: 1 });
  });

  it('caches null but not undefined', async () => {
    const nullLoader = countingLoader(() => null);
    expect(await cache.getOrSet('kid:none:profile', 60, nullLoader)).toBeNull();
    expect(await cache.getOrSet('kid:none:profile', 60, nullLoader)).toBeNull();
    expect(nullLoader.calls).toBe(1);
    expect(await redis.get(`${prefix}kid:none:profile`)).toBe('null');

    const undefinedLoader = countingLoader(() => undefined);
    expect(await cache.getOrSet('kid:gone:profile', 60, undefinedLoader)).toBeUndefined();
    expect(await cache.getOrSet('kid:gone:profile', 60, undefinedLoader)).toBeUndefined();
    expect(undefinedLoader.calls).toBe(2);
    expect(await redis.exists(`${prefix}kid:gone:profile`)).toBe(0);
  });

  it('hands out the JSON shape on the first call too', async () => {
    const at = new Date('2030-01-02T03:04:05.000Z');
    const value = await cache.getOrSet('user:u1:subscription', 60, async () => ({ endsAt: at }));
    expect(value).toEqual({ endsAt: '2030-01-02T03:04:05.000Z' });
  });

  it('expires both tiers with the key TTL', async () => {
    const loader = countingLoader(() => 'v');
    await cache.getOrSet('voices:all', 1, loader);
    await cache.getOrSet('voices:all', 1, loader);
    expect(loader.calls).toBe(1);
    await sleep(1_100);
    await cache.getOrSet('voices:all', 1, loader);
    expect(loader.calls).toBe(2);
  });

  it('keeps session keys 1 s in memory while Redis keeps them for the key TTL', async () => {
    const loader = countingLoader(() => ({ userId: 'u1', revoked: false }));
    await cache.getOrSet(cacheKeys.session('s1'), CACHE_TTL.session, loader);
    await sleep(1_100);
    await cache.getOrSet(cacheKeys.session('s1'), CACHE_TTL.session, loader);
    expect(loader.calls).toBe(1);
    expect(cache.stats().l2.session).toEqual({ hit: 1, miss: 1 });
  });

  it('honours an explicit memory TTL', async () => {
    const loader = countingLoader(() => 1);
    await cache.getOrSet('admin:dashboard:stats', 60, loader, { l1TtlSeconds: 1 });
    await sleep(1_100);
    await cache.getOrSet('admin:dashboard:stats', 60, loader, { l1TtlSeconds: 1 });
    expect(loader.calls).toBe(1);
    expect(cache.stats().l2.admin).toEqual({ hit: 1, miss: 1 });
  });

  it('shares one loader call between concurrent misses', async () => {
    const loader = countingLoader(async () => {
      await sleep(50);
      return { picks: [1, 2, 3] };
    });
    const key = cacheKeys.topPicksParents(10);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => cache.getOrSet(key, CACHE_TTL.topPicksParents, loader)),
    );

    expect(loader.calls).toBe(1);
    for (const result of results) expect(result).toEqual({ picks: [1, 2, 3] });
    expect(cache.stats().l2.stories).toEqual({ hit: 0, miss: 1 });
  });

  it('propagates a loader error to every waiter and caches nothing', async () => {
    const loader = countingLoader(async (): Promise<string> => {
      await sleep(20);
      throw new Error('database down');
    });
    const attempts = Array.from({ length: 3 }, () => cache.getOrSet('seasons:all', 60, loader));
    for (const attempt of attempts) await expect(attempt).rejects.toThrow('database down');
    expect(loader.calls).toBe(1);
    expect(await redis.exists(`${prefix}seasons:all`)).toBe(0);
  });

  it('does not cache a load that an invalidation overtook', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const loading = cache.getOrSet('user:u9:kids', 60, async () => {
      await gate;
      return ['old'];
    });
    await sleep(20);
    await cache.del(['user:u9:kids']);
    release();

    expect(await loading).toEqual(['old']);
    expect(await redis.exists(`${prefix}user:u9:kids`)).toBe(0);
    expect(await cache.getOrSet('user:u9:kids', 60, async () => ['new'])).toEqual(['new']);
  });
});

describe('get, set and del', () => {
  it('round-trips through both tiers and deletes from both', async () => {
    await cache.set(cacheKeys.userKids('p1'), [{ id: 'k1' }], CACHE_TTL.userKids);
    expect(await cache.get(cacheKeys.userKids('p1'))).toEqual([{ id: 'k1' }]);
    expect(await redis.ttl(`${prefix}user:p1:kids`)).toBeGreaterThan(250);

    const other = await open();
    expect(await other.get(cacheKeys.userKids('p1'))).toEqual([{ id: 'k1' }]);

    await cache.del([cacheKeys.userKids('p1')]);
    expect(await cache.get(cacheKeys.userKids('p1'))).toBeUndefined();
    expect(await redis.exists(`${prefix}user:p1:kids`)).toBe(0);
  });

  it('returns undefined for an unknown key', async () => {
    expect(await cache.get('kid:nobody:profile')).toBeUndefined();
    expect(cache.stats().l2.kid).toEqual({ hit: 0, miss: 1 });
  });
});

describe('tags', () => {
  it('deletes every tagged key and the tag set, leaving untagged keys', async () => {
    const loader = countingLoader(() => 'x');
    await cache.getOrSet('categories:all', 3600, loader, {
      tags: [cacheTags.catalogue, cacheTags.storyContent],
    });
    await cache.getOrSet('admin:story:stats', 60, loader, { tags: [cacheTags.storyContent] });
    await cache.getOrSet('themes:all', 3600, loader, { tags: [cacheTags.catalogue] });
    await cache.getOrSet('admin:dashboard:stats', 60, loader);
    expect(loader.calls).toBe(4);

    const members = await redis.smembers(`${prefix}tag:story-content`);
    expect(members.sort()).toEqual([`${prefix}admin:story:stats`, `${prefix}categories:all`]);
    // The short-lived member must not shorten the set under the long-lived one.
    expect(await redis.ttl(`${prefix}tag:story-content`)).toBeGreaterThan(3500);

    await cache.invalidateTags([cacheTags.storyContent]);

    expect(await redis.exists(`${prefix}tag:story-content`)).toBe(0);
    expect(await redis.exists(`${prefix}categories:all`, `${prefix}admin:story:stats`)).toBe(0);
    expect(await redis.exists(`${prefix}themes:all`, `${prefix}admin:dashboard:stats`)).toBe(2);

    await cache.getOrSet('categories:all', 3600, loader, { tags: [cacheTags.catalogue] });
    await cache.getOrSet('admin:story:stats', 60, loader, { tags: [cacheTags.storyContent] });
    await cache.getOrSet('themes:all', 3600, loader, { tags: [cacheTags.catalogue] });
    await cache.getOrSet('admin:dashboard:stats', 60, loader);
    expect(loader.calls).toBe(6);
  });

  it('invalidates per-user progress tags', async () => {
    const loader = countingLoader(() => ({ minutes: 3 }));
    const tags = [cacheTags.progress('u1')];
    await cache.getOrSet(cacheKeys.progressHome('u1', 'k1'), CACHE_TTL.progressHome, loader, { tags });
    await cache.getOrSet(cacheKeys.progressOverview('u1'), CACHE_TTL.progressOverview, loader, { tags });
    await cache.invalidateTags(tags);
    await cache.getOrSet(cacheKeys.progressHome('u1', 'k1'), CACHE_TTL.progressHome, loader, { tags });
    expect(loader.calls).toBe(3);
  });
});

describe('metrics', () => {
  it('counts requests per tier, namespace and result, and memory entries', async () => {
    const l1Hits = await metricValue('cache_requests_total', {
      tier: 'l1',
      namespace: 'voices',
      result: 'hit',
    });
    const l2Misses = await metricValue('cache_requests_total', {
      tier: 'l2',
      namespace: 'voices',
      result: 'miss',
    });

    await cache.getOrSet('voices:all', 60, async () => ['v1']);
    await cache.getOrSet('voices:all', 60, async () => ['v1']);

    expect(
      await metricValue('cache_requests_total', { tier: 'l1', namespace: 'voices', result: 'hit' }),
    ).toBe(l1Hits + 1);
    expect(
      await metricValue('cache_requests_total', { tier: 'l2', namespace: 'voices', result: 'miss' }),
    ).toBe(l2Misses + 1);
    expect(await metricValue('cache_l1_entries')).toBeGreaterThanOrEqual(1);
  });
});
