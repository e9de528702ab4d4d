export { createCache } from './cache';
export {
  CACHE_TTL,
  cacheKeys,
  cacheTags,
  DEGRADED_L1_TTL_SECONDS,
  namespaceOf,
  SESSION_L1_TTL_SECONDS,
} from './keys';
export type { HitMiss } from './metrics';
export type { Cache, CacheEntryOptions, CacheStats, CreateCacheOptions } from './types';
