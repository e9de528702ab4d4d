import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cache, cacheKeys, cacheTags, createCache } from '../src/index';
import { connect, countingLoader, removePrefix, uniquePrefix, waitFor } from './helpers';

// Two instances as two API processes would be: separate command and subscriber connections, one Redis.
const prefix = uniquePrefix();
let redisA: Redis;
let redisB: Redis;
let subscriberB: Redis;
let a: Cache;
let b: Cache;

beforeAll(async () => {
  redisA = connect();
  redisB = connect();
  subscriberB = connect();
  a = createCache({ redis: redisA, prefix, instanceId: 'instance-a' });
  b = createCache({ redis: redisB, subscriber: subscriberB, prefix, instanceId: 'instance-b' });
  await waitFor(() => a.stats().subscribed && b.stats().subscribed);
});

afterAll(async () => {
  await a.close();
  await b.close();
  // B's subscriber was passed in, so close() unsubscribed but left the connection to its owner.
  expect(subscriberB.status).toBe('ready');
  await removePrefix(redisA, prefix);
  await Promise.all([redisA.quit(), redisB.quit(), subscriberB.quit()]);
});

describe('cross-instance invalidation', () => {
  it('drops B’s memory copy when A deletes a key or invalidates a tag', async () => {
    const kidLoader = countingLoader(() => ({ name: 'Mia' }));
    const categoriesLoader = countingLoader(() => ['Animals']);
    const kidKey = cacheKeys.kidProfile('k1');
    const tagged = { tags: [cacheTags.catalogue] };

    await b.getOrSet(kidKey, 300, kidLoader);
    await b.getOrSet(cacheKeys.categoriesAll, 3600, categoriesLoader, tagged);
    // Both are in B's memory now: a second read is an L1 hit.
    await b.getOrSet(kidKey, 300, kidLoader);
    expect(b.stats().l1.kid).toEqual({ hit: 1, miss: 1 });

    const received = b.stats().invalidationsReceived;
    await a.del([kidKey]);
    await a.invalidateTags([cacheTags.catalogue]);
    await waitFor(() => b.stats().invalidationsReceived >= received + 2);

    await b.getOrSet(kidKey, 300, kidLoader);
    await b.getOrSet(cacheKeys.categoriesAll, 3600, categoriesLoader, tagged);
    expect(kidLoader.calls).toBe(2);
    expect(categoriesLoader.calls).toBe(2);
    // A skips its own messages: it applied them before publishing.
    expect(a.stats().invalidationsReceived).toBe(0);
  });

  it('drops an entry B read with get() (no tag known locally) when its tag is invalidated', async () => {
    await a.getOrSet('seasons:all', 3600, async () => ['winter'], { tags: [cacheTags.catalogue] });
    expect(await b.get('seasons:all')).toEqual(['winter']);

    const received = b.stats().invalidationsReceived;
    await a.invalidateTags([cacheTags.catalogue]);
    await waitFor(() => b.stats().invalidationsReceived > received);

    expect(await b.get('seasons:all')).toBeUndefined();
  });

  it('makes B see a value A overwrote with set()', async () => {
    const key = cacheKeys.userSubscription('u1');
    await a.set(key, { isPremium: false }, 60);
    expect(await b.get(key)).toEqual({ isPremium: false });

    const received = b.stats().invalidationsReceived;
    await a.set(key, { isPremium: true }, 60);
    await waitFor(() => b.stats().invalidationsReceived > received);

    expect(await b.get(key)).toEqual({ isPremium: true });
  });
});
