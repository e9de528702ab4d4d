import type { Redis } from 'ioredis';
import { withTimeout } from './health';

/** Published on `{prefix}cache:invalidate` by every del/invalidateTags/set (platform.md §6). */
export interface InvalidationMessage {
  keys: readonly string[];
  tags: readonly string[];
  origin: string;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Messages come from other processes, possibly other versions: anything malformed is ignored. */
export function parseInvalidation(raw: string): InvalidationMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { keys = [], tags = [], origin } = data as Record<string, unknown>;
  if (!isStringArray(keys) || !isStringArray(tags) || typeof origin !== 'string') return undefined;
  return { keys, tags, origin };
}

export interface InvalidationBusOptions {
  subscriber: Redis;
  /** Whether the cache created the subscriber and so must end it on close. */
  owned: boolean;
  channel: string;
  instanceId: string;
  /** Messages from other instances only; this instance applied its own before publishing. */
  onMessage: (message: InvalidationMessage) => void;
  /** The subscription came back after a gap: messages may have been missed, so memory can't be trusted. */
  onResubscribed: () => void;
  onError: (error: unknown) => void;
}

/**
 * Keeps one subscription to the invalidation channel alive on a dedicated connection. It subscribes on
 * every 'ready' itself (SUBSCRIBE is idempotent) rather than relying on ioredis' auto-resubscribe, which
 * only covers channels whose first SUBSCRIBE succeeded.
 */
export class InvalidationBus {
  readonly #o: InvalidationBusOptions;
  #subscribed = false;
  #hadGap = false;
  #closed = false;

  constructor(options: InvalidationBusOptions) {
    this.#o = options;
  }

  get subscribed(): boolean {
    return this.#subscribed && this.#o.subscriber.status === 'ready';
  }

  start(): void {
    const { subscriber, owned, onError } = this.#o;
    subscriber.on('message', this.#handleMessage);
    subscriber.on('ready', this.#subscribe);
    subscriber.on('close', this.#handleClose);
    // An owned connection has no other listener; without one ioredis prints every reconnect failure.
    if (owned) subscriber.on('error', onError);
    if (subscriber.status === 'ready') void this.#subscribe();
    else if (subscriber.status === 'wait') subscriber.connect().catch(onError);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const { subscriber, owned, channel, onError } = this.#o;
    subscriber.off('message', this.#handleMessage);
    subscriber.off('ready', this.#subscribe);
    subscriber.off('close', this.#handleClose);
    this.#subscribed = false;
    try {
      if (owned) {
        if (subscriber.status === 'ready') await withTimeout(subscriber.quit(), 1_000);
        else subscriber.disconnect();
      } else if (subscriber.status === 'ready') {
        await withTimeout(subscriber.unsubscribe(channel), 1_000);
      }
    } catch {
      if (owned) subscriber.disconnect();
    } finally {
      if (owned) subscriber.off('error', onError);
    }
  }

  readonly #subscribe = async (): Promise<void> => {
    const { subscriber, channel, onResubscribed, onError } = this.#o;
    try {
      await subscriber.subscribe(channel);
    } catch (error) {
      onError(error);
      return;
    }
    if (this.#closed) return;
    this.#subscribed = true;
    if (this.#hadGap) {
      this.#hadGap = false;
      onResubscribed();
    }
  };

  readonly #handleClose = (): void => {
    if (!this.#subscribed) return;
    this.#subscribed = false;
    this.#hadGap = true;
  };

  readonly #handleMessage = (channel: string, raw: string): void => {
    // A caller-provided subscriber may carry other channels too.
    if (channel !== this.#o.channel) return;
    const message = parseInvalidation(raw);
    if (!message || message.origin === this.#o.instanceId) return;
    this.#o.onMessage(message);
  };
}

/** Far above any real backlog; past it we stop remembering rather than grow without bound. */
const MAX_PENDING = 10_000;

/**
 * Invalidations that could not reach Redis. They are replayed (delete + publish) once Redis answers again,
 * so an L2 value written before the outage is not served for its whole TTL after it.
 */
export class PendingInvalidations {
  readonly #keys = new Set<string>();
  readonly #tags = new Set<string>();

  get size(): number {
    return this.#keys.size + this.#tags.size;
  }

  /** Returns false when the backlog is full and these were dropped. */
  add(keys: Iterable<string>, tags: Iterable<string>): boolean {
    for (const key of keys) {
      if (this.size >= MAX_PENDING) return false;
      this.#keys.add(key);
    }
    for (const tag of tags) {
      if (this.size >= MAX_PENDING) return false;
      this.#tags.add(tag);
    }
    return true;
  }

  take(): { keys: string[]; tags: string[] } {
    const taken = { keys: [...this.#keys], tags: [...this.#tags] };
    this.#keys.clear();
    this.#tags.clear();
    return taken;
  }
}
