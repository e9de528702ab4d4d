export interface Flight {
  readonly tags: readonly string[];
  /**
   * Set when the key (or one of its tags) is invalidated while the load runs: the loaded value may predate
   * the write that caused the invalidation, so it is handed to the waiting callers but not cached.
   */
  stale: boolean;
}

/** Single-flight: concurrent misses for one key in this process share one L2 read and one loader call. */
export class Flights {
  readonly #active = new Map<string, { flight: Flight; promise: Promise<unknown> }>();

  /** The running load for `key`, unless an invalidation made it stale (then a fresh load is needed). */
  join(key: string): Promise<unknown> | undefined {
    const running = this.#active.get(key);
    return running && !running.flight.stale ? running.promise : undefined;
  }

  start<T>(key: string, tags: readonly string[], work: (flight: Flight) => Promise<T>): Promise<T> {
    const flight: Flight = { tags, stale: false };
    const promise = work(flight).finally(() => {
      // A stale flight may have been replaced by a newer one under the same key; leave that one alone.
      if (this.#active.get(key)?.flight === flight) this.#active.delete(key);
    });
    this.#active.set(key, { flight, promise });
    return promise;
  }

  invalidateKeys(keys: Iterable<string>): void {
    for (const key of keys) {
      const running = this.#active.get(key);
      if (running) running.flight.stale = true;
    }
  }

  invalidateTags(tags: readonly string[]): void {
    if (tags.length === 0) return;
    for (const { flight } of this.#active.values()) {
      if (flight.tags.some((tag) => tags.includes(tag))) flight.stale = true;
    }
  }

  invalidateAll(): void {
    for (const { flight } of this.#active.values()) flight.stale = true;
  }
}
