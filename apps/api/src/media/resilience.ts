import { counter, gauge, histogram } from '@storytime/observability';

/** The common outbound-call rules of providers.md §0: transient errors, backoff, Retry-After, breaker. */

/** HTTP answers worth retrying; Cloudinary's 420 is its rate limit. */
const TRANSIENT_STATUSES = new Set([408, 420, 429, 500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/** Network failures and timeouts (fetch wraps the socket error as `cause`). */
export function isTransientError(error: unknown): boolean {
  const { name, code, cause } = error as { name?: string; code?: string; cause?: unknown };
  if (name === 'TimeoutError') return true;
  if (code && NETWORK_CODES.has(code)) return true;
  if (name === 'TypeError' && cause) return true;
  return Boolean(cause && cause !== error && isTransientError(cause));
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Added jitter as a fraction of the delay (0.25 = +0–25 %). */
  jitter: number;
  /** A server-given delay above this is ignored (providers.md §0: 30 s). */
  retryAfterMaxMs: number;
}

/** `min(cap, base × 2^(attempt−1))` plus jitter, unless the server said when to come back. */
export function retryDelay(
  policy: BackoffPolicy,
  attempt: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null && retryAfterMs <= policy.retryAfterMaxMs) return retryAfterMs;
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(delay * (1 + policy.jitter * random()));
}

/** Waits, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type BreakerState = 'closed' | 'half-open' | 'open';
const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

const breakerGauge = gauge('circuit_breaker_state', 'Circuit breaker state (0 closed, 1 half-open, 2 open)', [
  'provider',
]);
export const externalRequests = counter('external_requests_total', 'Outbound provider calls by outcome', [
  'provider',
  'operation',
  'outcome',
]);
export const externalDuration = histogram(
  'external_request_duration_seconds',
  'Outbound provider call duration',
  ['provider', 'operation'],
);

/**
 * One breaker per provider and process: after `failures` consecutive failed calls it opens for
 * `openMs`, then lets one probe through; the probe's outcome closes or re-opens it.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(
    readonly provider: string,
    private readonly settings: { failures: number; openMs: number },
    private readonly now: () => number = Date.now,
  ) {
    breakerGauge.set({ provider }, 0);
  }

  get state(): BreakerState {
    if (this.failures < this.settings.failures) return 'closed';
    return this.now() - this.openedAt >= this.settings.openMs ? 'half-open' : 'open';
  }

  /** True when a call may go out; in half-open state only one probe at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    breakerGauge.set({ provider: this.provider }, STATE_VALUE.closed);
  }

  failure(): void {
    this.probing = false;
    this.failures += 1;
    if (this.failures >= this.settings.failures) this.openedAt = this.now();
    breakerGauge.set({ provider: this.provider }, STATE_VALUE[this.state]);
  }

  /** A call that ended on our own input (400/404/422) says nothing about the provider's health. */
  neutral(): void {
    this.probing = false;
  }
}
