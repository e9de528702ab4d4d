import type { Redis } from 'ioredis';
import { type RedisHealth, withTimeout } from './health';
import { namespaceOf } from './keys';

/**
 * SET plus tag membership in one atomic step. A tag set lives as long as its longest-lived member: a
 * plain EXPIRE would let a 5-minute member shorten the set under a 1-hour member, which would then miss
 * its invalidation. (Lua rather than `EXPIRE … GT` keeps this working on Redis < 7.)
 */
const WRITE_TAGGED = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local ttl = tonumber(ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('TTL', KEYS[i]) < ttl then redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1`;

/**
 * Reads and deletes the members of each tag set and the set itself atomically, so a key tagged between
 * the read and the delete cannot survive untracked. Members are deleted in chunks to stay under Lua's
 * unpack() limit. Returns the deleted member keys (prefixed).
 */
const INVALIDATE_TAGS = `
local out = {}
for i = 1, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  for _, member in ipairs(members) do out[#out + 1] = member end
  redis.call('DEL', KEYS[i])
end
return out`;

export type L2Read = { hit: true; raw: string; ttlMs: number | undefined } | { hit: false };

export interface RedisTierOptions {
  redis: Redis;
  health: RedisHealth;
  prefix: string;
  channel: string;
  readTimeoutMs: number;
  writeTimeoutMs: number;
}

type ExecResult = [error: Error | null, result: unknown][] | null;

/** Surfaces the first per-command error of a MULTI, which ioredis reports inside the result. */
function results(exec: ExecResult): unknown[] {
  if (!exec) throw new Error('Redis transaction was aborted');
  return exec.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/**
 * The Redis tier. Every method fails open: `undefined`/`false` means "Redis did not help", never an
 * exception, and the health tracker has already counted and logged the reason.
 */
export class RedisTier {
  readonly #o: RedisTierOptions;

  constructor(options: RedisTierOptions) {
    this.#o = options;
  }

  #key(key: string): string {
    return this.#o.prefix + key;
  }

  #tagKey(tag: string): string {
    return `${this.#o.prefix}tag:${tag}`;
  }

  async read(key: string): Promise<L2Read | undefined> {
    const { redis, health, readTimeoutMs } = this.#o;
    const namespace = namespaceOf(key);
    if (!health.usable(namespace, 'read')) return undefined;
    const full = this.#key(key);
    try {
      // PTTL rides along so the memory copy never outlives the Redis copy.
      const [raw, pttl] = results(
        await withTimeout(redis.multi().get(full).pttl(full).exec(), readTimeoutMs),
      );
      health.success();
      if (typeof raw !== 'string') return { hit: false };
      return { hit: true, raw, ttlMs: typeof pttl === 'number' && pttl > 0 ? pttl : undefined };
    } catch (error) {
      health.failure(namespace, 'read', error);
      return undefined;
    }
  }

  /** `announce`, when given, is published in the same transaction (a direct set() tells other instances). */
  async write(
    key: string,
    raw: string,
    ttlSeconds: number,
    tags: readonly string[],
    announce?: string,
  ): Promise<boolean> {
    const { redis, health, channel } = this.#o;
    const namespace = namespaceOf(key);
    if (!health.usable(namespace, 'write')) return false;
    const full = this.#key(key);
    const multi = redis.multi();
    if (tags.length === 0) multi.set(full, raw, 'EX', ttlSeconds);
    else
      multi.eval(
        WRITE_TAGGED,
        1 + tags.length,
        full,
        ...tags.map((tag) => this.#tagKey(tag)),
        raw,
        ttlSeconds,
      );
    if (announce) multi.publish(channel, announce);
    return this.#run(multi.exec().then(results), namespace, 'write');
  }

  async deleteKeys(keys: readonly string[], announce: string): Promise<boolean> {
    const { redis, health, channel } = this.#o;
    // A tag-only invalidation just publishes; its errors count under the tag sets' namespace.
    const namespace = keys[0] === undefined ? 'tag' : namespaceOf(keys[0]);
    if (!health.usable(namespace, 'delete')) return false;
    const multi = redis.multi();
    if (keys.length > 0) multi.del(...keys.map((key) => this.#key(key)));
    multi.publish(channel, announce);
    return this.#run(multi.exec().then(results), namespace, 'delete');
  }

  /** Deletes the tags' members and sets; returns the member keys (unprefixed), or undefined on failure. */
  async deleteTags(tags: readonly string[]): Promise<string[] | undefined> {
    const { redis, health, writeTimeoutMs, prefix } = this.#o;
    if (!health.usable('tag', 'invalidate')) return undefined;
    try {
      const tagKeys = tags.map((tag) => this.#tagKey(tag));
      const members = await withTimeout(
        redis.eval(INVALIDATE_TAGS, tagKeys.length, ...tagKeys),
        writeTimeoutMs,
      );
      health.success();
      if (!Array.isArray(members)) return [];
      return members
        .filter((member): member is string => typeof member === 'string' && member.startsWith(prefix))
        .map((member) => member.slice(prefix.length));
    } catch (error) {
      health.failure('tag', 'invalidate', error);
      return undefined;
    }
  }

  async #run(work: Promise<unknown>, namespace: string, operation: string): Promise<boolean> {
    const { health, writeTimeoutMs } = this.#o;
    try {
      await withTimeout(work, writeTimeoutMs);
      health.success();
      return true;
    } catch (error) {
      health.failure(namespace, operation, error);
      return false;
    }
  }
}
