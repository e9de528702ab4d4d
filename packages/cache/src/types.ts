import type { Logger } from '@storytime/observability';
import type { Redis } from 'ioredis';
import type { CacheCounts } from './metrics';

export interface CreateCacheOptions {
  /** Shared command connection. Must not use ioredis `keyPrefix`: the cache prefixes keys itself. */
  redis: Redis;
  /** Dedicated pub/sub connection; when omitted the cache duplicates `redis` and owns the copy. */
  subscriber?: Redis;
  /** `CACHE_PREFIX`; default `st:`. */
  prefix?: string;
  /** Default 5,000 (platform.md §6). */
  l1MaxEntries?: number;
  logger?: Logger;
  /** Tags published messages so an instance can skip its own; default a random UUID per cache. */
  instanceId?: string;
  /** Longest a request waits for a Redis read before going to the loader; default 200 ms. */
  readTimeoutMs?: number;
  /** Longest a request waits for a Redis write or invalidation; default 1,000 ms. */
  writeTimeoutMs?: number;
  /** Milliseconds clock for memory-tier expiry, injectable so tests can move time. */
  now?: () => number;
}

export interface CacheEntryOptions {
  /** Redis sets `tag:{tag}` this key joins, for invalidateTags(). */
  tags?: readonly string[];
  /** Memory-tier TTL override; never longer than the key's own TTL. */
  l1TtlSeconds?: number;
}

export interface CacheStats extends CacheCounts {
  l1Entries: number;
  /** Redis or the invalidation subscription is unavailable: memory entries are capped at 30 s. */
  degraded: boolean;
  subscribed: boolean;
  invalidationsReceived: number;
  pendingInvalidations: number;
}

export interface Cache {
  /**
   * Memory → Redis → loader. The value is JSON round-tripped on every path (so a Date is a string even on
   * the first call) and shared by reference from memory: treat it as read-only. `undefined` is returned
   * but not cached; `null` is cached. Loader errors propagate and are not cached.
   */
  getOrSet<T>(
    key: string,
    ttlSeconds: number,
    loader: () => Promise<T>,
    opts?: CacheEntryOptions,
  ): Promise<T>;
  get<T>(key: string): Promise<T | undefined>;
  /** Writes both tiers and tells other instances to drop their memory copy. `undefined` is ignored. */
  set<T>(key: string, value: T, ttlSeconds: number, opts?: CacheEntryOptions): Promise<void>;
  del(keys: readonly string[]): Promise<void>;
  invalidateTags(tags: readonly string[]): Promise<void>;
  stats(): CacheStats;
  /** Stops listening for invalidations; quits the subscriber only if the cache created it. */
  close(): Promise<void>;
}
