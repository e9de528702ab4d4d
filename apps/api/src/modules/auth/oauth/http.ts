/**
 * Outbound HTTP for the sign-in providers (providers.md §0): a total timeout per attempt, and a retry
 * only for transient failures (network errors, timeouts, 408, 429, 5xx), 250 ms then doubled up to 1 s.
 */

export type FetchLike = typeof fetch;

export interface RetryPolicy {
  timeoutMs: number;
  attempts: number;
  baseDelayMs?: number;
  capDelayMs?: number;
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUS.has(status);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fetches with the policy. Resolves with the last response (even a transient failure status, for the
 * caller to classify) and rejects only when every attempt failed at the network level.
 */
export async function fetchWithRetry(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  policy: RetryPolicy,
): Promise<Response> {
  const base = policy.baseDelayMs ?? 250;
  const cap = policy.capDelayMs ?? 1_000;
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    try {
      const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
      if (!isTransientStatus(response.status) || attempt === policy.attempts) return response;
      await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      lastError = error;
      if (attempt === policy.attempts) break;
    }
    await sleep(Math.min(cap, base * 2 ** (attempt - 1)));
  }
  throw lastError instanceof Error ? lastError : new Error('request failed');
}

/** `Cache-Control: max-age=N` in milliseconds, if present. */
export function maxAgeMs(cacheControl: string | null): number | undefined {
  const match = cacheControl?.match(/(?:^|,)\s*max-age=(\d+)/i);
  return match?.[1] ? Number(match[1]) * 1000 : undefined;
}
