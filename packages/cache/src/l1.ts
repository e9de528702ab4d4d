import { LRUCache } from 'lru-cache';

/**
 * The wrapper doubles as the null sentinel: lru-cache cannot hold `null`/`undefined` values, and a cached
 * `null` ("no such row") must be told apart from "not cached".
 */
interface L1Entry {
  value: unknown;
  tags: readonly string[];
  storedAt: number;
  expiresAt: number;
}

export interface L1Hit {
  value: unknown;
}

/**
 * In-process LRU with a tag → keys index, so a tag invalidation arriving over pub/sub drops this
 * process's entries without asking Redis which keys the tag holds. Expiry is checked against the injected
 * clock rather than lru-cache's own TTL so tests can move time and the degraded cap can look at entry age.
 */
export class L1Store {
  readonly #lru: LRUCache<string, L1Entry>;
  readonly #byTag = new Map<string, Set<string>>();
  readonly #now: () => number;

  constructor(maxEntries: number, now: () => number) {
    this.#now = now;
    this.#lru = new LRUCache<string, L1Entry>({
      max: maxEntries,
      // Runs on eviction, delete and overwrite, which keeps the tag index exactly as large as the LRU.
      dispose: (entry, key) => this.#unindex(key, entry.tags),
    });
  }

  get size(): number {
    return this.#lru.size;
  }

  /** `maxAgeMs` lets the caller refuse entries older than the degraded cap, whatever their own TTL. */
  get(key: string, maxAgeMs = Number.POSITIVE_INFINITY): L1Hit | undefined {
    const entry = this.#lru.get(key);
    if (!entry) return undefined;
    const now = this.#now();
    if (now >= entry.expiresAt || now - entry.storedAt > maxAgeMs) {
      this.#lru.delete(key);
      return undefined;
    }
    return { value: entry.value };
  }

  set(key: string, value: unknown, ttlMs: number, tags: readonly string[]): void {
    if (!(ttlMs > 0)) {
      this.#lru.delete(key);
      return;
    }
    const now = this.#now();
    // Index after set: set() disposes the previous entry, which unindexes the key from its old tags.
    this.#lru.set(key, { value, tags, storedAt: now, expiresAt: now + ttlMs });
    for (const tag of tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.#byTag.set(tag, keys);
      }
      keys.add(key);
    }
  }

  delete(keys: Iterable<string>): void {
    for (const key of keys) this.#lru.delete(key);
  }

  /** Drops every entry carrying one of the tags; returns the keys dropped. */
  deleteTags(tags: Iterable<string>): string[] {
    const dropped: string[] = [];
    for (const tag of tags) {
      const keys = this.#byTag.get(tag);
      if (!keys) continue;
      // Copy first: each delete disposes and mutates this very set.
      for (const key of [...keys]) {
        this.#lru.delete(key);
        dropped.push(key);
      }
      this.#byTag.delete(tag);
    }
    return dropped;
  }

  clear(): void {
    this.#lru.clear();
    this.#byTag.clear();
  }

  #unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.#byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.#byTag.delete(tag);
    }
  }
}
