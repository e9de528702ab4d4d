import { randomUUID } from 'node:crypto';
import { type Flight, Flights } from './flights';
import { RedisHealth, rateLimitedWarn } from './health';
import { InvalidationBus, type InvalidationMessage, PendingInvalidations } from './invalidation';
import { DEGRADED_L1_TTL_SECONDS, namespaceOf, SESSION_L1_TTL_SECONDS } from './keys';
import { L1Store } from './l1';
import { CacheMetrics } from './metrics';
import { RedisTier } from './redis-tier';
import type { Cache, CacheEntryOptions, CacheStats, CreateCacheOptions } from './types';

const DEGRADED_L1_TTL_MS = DEGRADED_L1_TTL_SECONDS * 1000;
const noTags: readonly string[] = [];

/** The two-tier cache of decision D14 (platform.md §6). Nothing here throws because of Redis. */
export function createCache(options: CreateCacheOptions): Cache {
  const { redis, logger } = options;
  const prefix = options.prefix ?? 'st:';
  const now = options.now ?? Date.now;
  const instanceId = options.instanceId ?? randomUUID();
  const channel = `${prefix}cache:invalidate`;

  const metrics = new CacheMetrics();
  const l1 = new L1Store(options.l1MaxEntries ?? 5000, now);
  metrics.track(l1);
  // getOrSet loads and plain get() reads are kept apart: a get() must never satisfy a getOrSet with a miss.
  const loads = new Flights();
  const reads = new Flights();
  const pending = new PendingInvalidations();
  const warn = rateLimitedWarn(logger, now);
  const health = new RedisHealth({ redis, metrics, now, logger, onRecover: () => void replayPending() });
  const l2 = new RedisTier({
    redis,
    health,
    prefix,
    channel,
    readTimeoutMs: options.readTimeoutMs ?? 200,
    writeTimeoutMs: options.writeTimeoutMs ?? 1000,
  });
  let invalidationsReceived = 0;
  let replaying = false;

  const bus = new InvalidationBus({
    subscriber: options.subscriber ?? redis.duplicate(),
    owned: !options.subscriber,
    channel,
    instanceId,
    onMessage: (message: InvalidationMessage) => {
      invalidationsReceived += 1;
      dropLocal(message.keys, message.tags);
    },
    // Whatever was published during the gap never reached us, so nothing in memory can be vouched for.
    onResubscribed: () => l1.clear(),
    onError: (error) => warn({ err: error }, 'cache: invalidation subscriber error'),
  });
  bus.start();

  const onRedisReady = () => {
    health.success();
    void replayPending();
  };
  redis.on('ready', onRedisReady);
  // With lazyConnect nothing else may ever send a command, and the cache never sends one to a connection
  // that is not ready, so it has to start the connection itself.
  if (redis.status === 'wait') redis.connect().catch(() => undefined);

  /** No pub/sub, or no Redis: memory may miss invalidations, so it is trusted for 30 s at most. */
  const degraded = () => health.down || !bus.subscribed;

  function l1TtlMs(key: string, ttlSeconds: number, opts: CacheEntryOptions, remoteTtlMs?: number): number {
    const preferred = opts.l1TtlSeconds ?? (key.startsWith('session:') ? SESSION_L1_TTL_SECONDS : ttlSeconds);
    let ms = Math.min(preferred, ttlSeconds) * 1000;
    if (remoteTtlMs !== undefined) ms = Math.min(ms, remoteTtlMs);
    if (degraded()) ms = Math.min(ms, DEGRADED_L1_TTL_MS);
    return ms;
  }

  function readL1(key: string) {
    const hit = l1.get(key, degraded() ? DEGRADED_L1_TTL_MS : undefined);
    metrics.request('l1', namespaceOf(key), hit ? 'hit' : 'miss');
    return hit;
  }

  /** JSON once for Redis, and parsed back so every tier hands out the same shape. */
  function encode(key: string, value: unknown): { raw: string; value: unknown } | undefined {
    try {
      const raw = JSON.stringify(value);
      return raw === undefined ? undefined : { raw, value: JSON.parse(raw) as unknown };
    } catch (error) {
      metrics.error(namespaceOf(key));
      warn({ err: error, key }, 'cache: value is not JSON-serialisable, not cached');
      return undefined;
    }
  }

  function decode(key: string, raw: string): { value: unknown } | undefined {
    try {
      return { value: JSON.parse(raw) as unknown };
    } catch (error) {
      metrics.error(namespaceOf(key));
      warn({ err: error, key }, 'cache: unreadable value in Redis, treated as a miss');
      return undefined;
    }
  }

  /** Redis lookup shared by get() and getOrSet(); undefined means miss or Redis unavailable. */
  async function readL2(key: string, flight: Flight, ttlMs: (remoteTtlMs?: number) => number | undefined) {
    const remote = await l2.read(key);
    if (!remote) return undefined;
    const decoded = remote.hit ? decode(key, remote.raw) : undefined;
    metrics.request('l2', namespaceOf(key), decoded ? 'hit' : 'miss');
    if (!decoded || !remote.hit) return undefined;
    const l1Ms = ttlMs(remote.ttlMs);
    if (!flight.stale && l1Ms !== undefined) l1.set(key, decoded.value, l1Ms, flight.tags);
    return decoded;
  }

  async function loadThrough<T>(
    key: string,
    ttlSeconds: number,
    loader: () => Promise<T>,
    opts: CacheEntryOptions,
    flight: Flight,
  ): Promise<T> {
    const found = await readL2(key, flight, (remoteTtlMs) => l1TtlMs(key, ttlSeconds, opts, remoteTtlMs));
    if (found) return found.value as T;
    const loaded = await loader();
    if (loaded === undefined) return loaded;
    const encoded = encode(key, loaded);
    if (!encoded) return loaded;
    if (!flight.stale) {
      l1.set(key, encoded.value, l1TtlMs(key, ttlSeconds, opts), flight.tags);
      await l2.write(key, encoded.raw, ttlSeconds, flight.tags);
    }
    return encoded.value as T;
  }

  function dropLocal(keys: readonly string[], tags: readonly string[]): void {
    l1.delete(keys);
    loads.invalidateKeys(keys);
    reads.invalidateKeys(keys);
    if (tags.length === 0) return;
    l1.deleteTags(tags);
    loads.invalidateTags(tags);
    // get() reads do not know their key's tags; they are short, so all of them yield to the invalidation.
    reads.invalidateAll();
  }

  const announce = (keys: readonly string[], tags: readonly string[]) =>
    JSON.stringify({ keys, tags, origin: instanceId } satisfies InvalidationMessage);

  /** Redis half of an invalidation; whatever cannot be done now is kept for replay. */
  async function invalidateRemote(keys: readonly string[], tags: readonly string[]): Promise<void> {
    let published = [...keys];
    if (tags.length > 0) {
      const members = await l2.deleteTags(tags);
      if (members === undefined) return remember(keys, tags);
      // Drops memory entries stored without their tags (via get()), here and, through `keys`, elsewhere.
      dropLocal(members, noTags);
      published = [...new Set([...keys, ...members])];
    }
    if (!(await l2.deleteKeys(keys, announce(published, tags)))) remember(published, tags);
  }

  function remember(keys: readonly string[], tags: readonly string[]): void {
    if (!pending.add(keys, tags)) {
      logger?.error({ keys: keys.length, tags: tags.length }, 'cache: invalidation backlog full, dropping');
    }
  }

  async function replayPending(): Promise<void> {
    if (replaying || pending.size === 0) return;
    replaying = true;
    try {
      const { keys, tags } = pending.take();
      await invalidateRemote(keys, tags);
    } finally {
      replaying = false;
    }
  }

  /** Redis wants whole seconds; anything not positive means "do not cache". */
  const normaliseTtl = (ttlSeconds: number) => (Number.isFinite(ttlSeconds) ? Math.ceil(ttlSeconds) : 0);

  return {
    async getOrSet<T>(
      key: string,
      ttlSeconds: number,
      loader: () => Promise<T>,
      opts: CacheEntryOptions = {},
    ) {
      const ttl = normaliseTtl(ttlSeconds);
      if (ttl <= 0) return loader();
      const local = readL1(key);
      if (local) return local.value as T;
      const running = loads.join(key);
      if (running) return running as Promise<T>;
      return loads.start(key, opts.tags ?? noTags, (flight) => loadThrough(key, ttl, loader, opts, flight));
    },

    async get<T>(key: string) {
      const local = readL1(key);
      if (local) return local.value as T;
      const running = reads.join(key);
      if (running) return running as Promise<T | undefined>;
      return reads.start(key, noTags, async (flight) => {
        // Without a caller TTL, memory follows what Redis has left (session keys still 1 s).
        const found = await readL2(key, flight, (remoteTtlMs) =>
          remoteTtlMs === undefined ? undefined : l1TtlMs(key, remoteTtlMs / 1000, {}, remoteTtlMs),
        );
        return found?.value as T | undefined;
      });
    },

    async set<T>(key: string, value: T, ttlSeconds: number, opts: CacheEntryOptions = {}) {
      const ttl = normaliseTtl(ttlSeconds);
      if (value === undefined || ttl <= 0) return;
      const encoded = encode(key, value);
      if (!encoded) return;
      // Loads already running read the old value; they must not overwrite this one.
      loads.invalidateKeys([key]);
      reads.invalidateKeys([key]);
      const tags = opts.tags ?? noTags;
      l1.set(key, encoded.value, l1TtlMs(key, ttl, opts), tags);
      // If Redis missed this write it may still hold the old value: delete it once Redis is back.
      if (!(await l2.write(key, encoded.raw, ttl, tags, announce([key], noTags)))) remember([key], noTags);
    },

    async del(keys: readonly string[]) {
      if (keys.length === 0) return;
      dropLocal(keys, noTags);
      await invalidateRemote(keys, noTags);
    },

    async invalidateTags(tags: readonly string[]) {
      if (tags.length === 0) return;
      dropLocal(noTags, tags);
      await invalidateRemote(noTags, tags);
    },

    stats(): CacheStats {
      return {
        ...metrics.snapshot(),
        l1Entries: l1.size,
        degraded: degraded(),
        subscribed: bus.subscribed,
        invalidationsReceived,
        pendingInvalidations: pending.size,
      };
    },

    async close() {
      redis.off('ready', onRedisReady);
      health.close();
      await bus.close();
      l1.clear();
      metrics.untrack(l1);
    },
  };
}
