/**
 * The common outbound-call rules of providers.md §0, shared by every provider client: a total
 * timeout per attempt, retries of transient failures only (backoff with jitter, `Retry-After`
 * up to 30 s), one circuit breaker per provider and process, and the external-call metrics.
 *
 *   const client = createProviderClient({
 *     provider: 'deepgram',
 *     timeoutMs: 30_000,
 *     retry: { attempts: 2, baseMs: 500, capMs: 4_000, jitter: 'percent25' },
 *     breaker: { failures: 5, openMs: 60_000 },
 *   });
 *   const audio = await client.request('tts', url, init, (response) => response.arrayBuffer());
 */
export {
  type BreakerSettings,
  type BreakerState,
  breakerStates,
  CircuitBreaker,
  circuitBreakerFor,
  resetCircuitBreakers,
} from './breaker';
export {
  type CallOptions,
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
  type ProviderLogger,
  type RetryPolicy,
} from './client';
export {
  CircuitOpenError,
  ProviderHttpError,
  ProviderNetworkError,
  ProviderTimeoutError,
} from './errors';
export { externalRequestDuration, externalRequests, type Outcome } from './metrics';
export {
  backoffDelay,
  countsAsBreakerFailure,
  isTransient,
  isTransientStatus,
  type Jitter,
  parseRetryAfter,
  RETRY_AFTER_MAX_MS,
  type Sleep,
  sleep,
} from './policy';
