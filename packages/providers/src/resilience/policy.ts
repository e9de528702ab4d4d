import { AppError } from '@storytime/errors';

/** providers.md §0: the only HTTP answers worth another attempt. */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** 4xx answers caused by our own input: they say nothing about the provider's health. */
const INPUT_STATUSES = new Set([400, 404, 422]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A server-given delay above this is ignored in favour of the computed backoff. */
export const RETRY_AFTER_MAX_MS = 30_000;

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/**
 * Whether another attempt may succeed: a transient HTTP status (given as a number or carried by a
 * `ProviderHttpError`), a timeout, or a network failure (fetch wraps the socket error as `cause`).
 */
export function isTransient(input: unknown): boolean {
  if (typeof input === 'number') return isTransientStatus(input);
  return isTransientError(input, 0);
}

function isTransientError(error: unknown, depth: number): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { name, code, status, cause } = error as {
    name?: unknown;
    code?: unknown;
    status?: unknown;
    cause?: unknown;
  };
  if (typeof status === 'number' && error instanceof AppError) return isTransientStatus(status);
  if (error instanceof AppError) return error.code === 'PROVIDER_UNAVAILABLE';
  if (name === 'TimeoutError') return true;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // undici: `TypeError: fetch failed` with the socket error as cause.
  if (name === 'TypeError' && cause) return true;
  if (name === 'SocketError' || (error as Error).message === 'socket hang up') return true;
  return cause !== error && isTransientError(cause, depth + 1);
}

/** Failures that count against the breaker: everything except an answer blaming our input. */
export function countsAsBreakerFailure(status: number | undefined): boolean {
  return status === undefined || !INPUT_STATUSES.has(status);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Jitter added on top of the computed delay: `percent25` = +0–25 % of it, `ms500` = +0–500 ms,
 * a number = +0–(number × delay), so `0` means none and `0.25` equals `percent25`.
 */
export type Jitter = 'percent25' | 'ms500' | number;

/**
 * `min(cap, base × 2^(attempt−1))` plus jitter (providers.md §0), `attempt` being the 1-based
 * attempt that just failed; a `Retry-After` within 30 s replaces it.
 */
export function backoffDelay(
  policy: { baseMs: number; capMs: number; jitter: Jitter },
  attempt: number,
  options: { retryAfterMs?: number | null; random?: () => number; baseFactor?: number } = {},
): number {
  const { retryAfterMs = null, random = Math.random, baseFactor = 1 } = options;
  if (retryAfterMs !== null && retryAfterMs <= RETRY_AFTER_MAX_MS) return retryAfterMs;
  const delay = Math.min(policy.capMs, policy.baseMs * baseFactor * 2 ** (attempt - 1));
  const jitter =
    policy.jitter === 'percent25'
      ? delay * 0.25 * random()
      : policy.jitter === 'ms500'
        ? 500 * random()
        : delay * policy.jitter * random();
  return Math.round(delay + jitter);
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits, or rejects with the signal's reason as soon as it aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
